package ${package}.worker;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

import ${package}.client.${entity}Gateway;
import ${package}.contract.PageResponse;
import ${package}.contract.${entity}Dto;
import ${package}.contract.${entity}Status;
import ${package}.contract.event.CloudEvent;
import ${package}.contract.event.${entity}Events;

/**
 * Publishes {@value ${entity}Events#OVERDUE} for every ${entity} whose due date has passed and that is not DONE,
 * found through the data-postgres service. Runs on the cron {@code jobs.overdue.cron}; with several instances
 * only the one that takes the {@link JobLock} for the scheduled time publishes. Each event is confirmed by the
 * broker before the next page is read. Metrics: {@code jobs.runs} (tags {@code job}, {@code outcome}),
 * {@code jobs.duration}, {@code jobs.overdue.published}.
 */
@ApplicationScoped
public class Overdue${entityPlural}Job {

    public static final String JOB = "overdue-${resourcePath}";
    static final String SOURCE = "/${appName}/${artifactId}";
    private static final int PAGE_SIZE = 100;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(Overdue${entityPlural}Job.class);

    private final String instance = UUID.randomUUID().toString();

    @Inject
    ${entity}Gateway gateway;

    @Inject
    JobLock lock;

    @Inject
    @Channel("events")
    MutinyEmitter<String> events;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "jobs.overdue.lock-ttl", defaultValue = "1H")
    Duration lockTtl;

    @Scheduled(identity = JOB, cron = "{jobs.overdue.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        run(execution.getScheduledFireTime());
    }

    /**
     * Runs the job for the given scheduled time, unless another instance already did.
     *
     * @return the number of events published, or -1 when another instance owns this run
     */
    public int run(Instant fireTime) {
        if (!lock.acquire(JOB, fireTime, lockTtl, instance)) {
            registry.counter("jobs.runs", "job", JOB, "outcome", "skipped").increment();
            LOG.debugf("Job %s at %s runs on another instance", JOB, fireTime);
            return -1;
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            String today = LocalDate.ofInstant(fireTime, ZoneOffset.UTC).toString();
            int published = publishOverdue(${entity}Status.OPEN, today) + publishOverdue(${entity}Status.IN_PROGRESS, today);
            outcome = "succeeded";
            LOG.infof("Job %s at %s published %d %s events", JOB, fireTime, published, ${entity}Events.OVERDUE);
            return published;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Job %s at %s failed; the next scheduled run takes it up again", JOB, fireTime);
            throw e;
        } finally {
            registry.counter("jobs.runs", "job", JOB, "outcome", outcome).increment();
            sample.stop(registry.timer("jobs.duration", "job", JOB));
        }
    }

    private int publishOverdue(${entity}Status status, String dueBefore) {
        int published = 0;
        for (int page = 0;; page++) {
            PageResponse<${entity}Dto> result = gateway.list(page, PAGE_SIZE, "id,asc", status.name(), dueBefore);
            for (${entity}Dto ${entityVar} : result.items()) {
                publish(${entityVar});
                published++;
            }
            if (result.items().size() < PAGE_SIZE || (long) (page + 1) * PAGE_SIZE >= result.total()) {
                return published;
            }
        }
    }

    private void publish(${entity}Dto ${entityVar}) {
        CloudEvent<${entity}Dto> event = CloudEvent.of(SOURCE, ${entity}Events.OVERDUE, ${entityVar});
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
        OutgoingRabbitMQMetadata rabbit = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(${entity}Events.OVERDUE)
                .withDeliveryMode(2)
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withMessageId(event.id())
                .withType(${entity}Events.OVERDUE)
                .build();
        events.sendMessage(Message.of(body, Metadata.of(rabbit))).await().atMost(CONFIRM_TIMEOUT);
        registry.counter("jobs.overdue.published", "job", JOB).increment();
    }
}
