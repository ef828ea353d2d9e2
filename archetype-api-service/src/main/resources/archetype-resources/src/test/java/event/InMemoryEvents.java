package ${package}.event;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** Routes the {@code events} channel to an in-memory sink instead of RabbitMQ. */
public class InMemoryEvents implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return InMemoryConnector.switchOutgoingChannelsToInMemory("events");
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
