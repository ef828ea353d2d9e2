package dev.msframework.events;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * The service's one event consumer: the channel {@value #CHANNEL} receives every event of the exchange (queue,
 * binding and dead-lettering are in application.properties). The messages that arrive together form a batch (at
 * most {@code events.batch.max-size}, waiting at most {@code events.batch.max-wait} for more), which
 * {@link EventProcessor#processAll} hands to the {@link EventHandler} of each event's type; {@code events.batch.concurrency}
 * batches are processed at a time ({@link EventsConfig.Batch}), and {@code events.retry.concurrency} events on their
 * own (retried, or waiting for another consumer). Both have threads of their own, so that a backlog of retries never
 * takes the threads the HTTP server and clients need. The prefetch ({@code max-outstanding-messages}) bounds the
 * messages held: a message is acknowledged only once processed.
 */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "entity-events";

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    EventProcessor processor;

    @Inject
    EventsConfig config;

    private ExecutorService batches;
    private ExecutorService oneByOne;

    @PostConstruct
    void start() {
        batches = pool("event-batch", config.batch().concurrency());
        oneByOne = pool("event-retry", config.retry().concurrency());
    }

    @PreDestroy
    void stop() {
        batches.shutdownNow();
        oneByOne.shutdownNow();
    }

    private static ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Incoming(CHANNEL)
    public Flow.Subscriber<Message<?>> consume() {
        UnicastProcessor<Message<?>> messages = UnicastProcessor.create();
        EventsConfig.Batch batch = config.batch();
        messages.group().intoLists().of(batch.maxSize(), batch.maxWait())
                // a batch whose time is up while both slots are busy waits for one (the prefetch bounds what waits)
                .onOverflow().bufferUnconditionally()
                .onItem().transformToUni(this::process).merge(batch.concurrency())
                .subscribe().with(done -> {
                }, failure -> LOG.error("The event consumer stopped: no more events are processed", failure));
        return messages;
    }

    private Uni<Void> process(List<Message<?>> received) {
        return Uni.createFrom().<Void> item(() -> {
            if (!received.isEmpty()) {
                processor.processAll(CHANNEL, received, oneByOne);
            }
            return null;
        }).runSubscriptionOn(batches)
                .onFailure().recoverWithItem(failure -> {
                    // processAll does not throw; should it ever, the messages stay unacknowledged: the broker redelivers
                    // them when the connection closes
                    LOG.error("A batch of events failed unexpectedly", failure);
                    return null;
                });
    }
}
