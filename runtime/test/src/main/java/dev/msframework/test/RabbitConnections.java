package dev.msframework.test;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.rabbitmq.client.ConnectionFactory;

/**
 * Connections of a test to the RabbitMQ its service uses: the service's own {@code rabbitmq-host}, {@code -port},
 * {@code -username}, {@code -password} and {@code -virtual-host} (set by Dev Services, or by RABBITMQ_HOST and the
 * other variables), for tests that bind a queue of their own or read a dead-letter queue.
 */
public final class RabbitConnections {

    private RabbitConnections() {
    }

    /** A factory for the service's broker; call {@code newConnection(name)} on it. */
    public static ConnectionFactory factory() {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"));
        factory.setPort(config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672));
        factory.setUsername(config.getOptionalValue("rabbitmq-username", String.class).orElse("guest"));
        factory.setPassword(config.getOptionalValue("rabbitmq-password", String.class).orElse("guest"));
        factory.setVirtualHost(config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));
        return factory;
    }
}
