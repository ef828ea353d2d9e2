#set($df = $model.dateField)
#set($event = "${df.constant}_PASSED")
package ${package}.worker;

import java.time.Duration;
import java.time.Instant;
#if($df.date)
import java.time.LocalDate;
#end
import java.time.ZoneId;
#if($df.date)
import java.time.ZoneOffset;
#end
import java.time.ZonedDateTime;
#if($df.instant)
import java.time.temporal.ChronoUnit;
#end
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

import ${package}.client.${entity}Gateway;
import dev.msframework.contract.PageResponse;
import ${package}.contract.${entity}Dto;
import dev.msframework.contract.CloudEvent;
import ${package}.contract.event.${entity}Events;

/**
 * Publishes {@value ${entity}Events${h}${event}} once for every ${entity} whose {@code ${df.name}} has passed, found
 * through the data-postgres service (the list filter {@code ${df.name}From}/{@code ${df.name}To}). Each run covers the
 * time since the previous scheduled time of the cron {@code jobs.date-passed.cron}, so that consecutive runs neither
 * overlap nor leave a gap:
#if($df.date)
 * a {@code ${df.name}} passes when its day has ended (UTC), so the daily run publishes the ${entityPlural} of the day before.
#else
 * a {@code ${df.name}} passes at its instant, so a run publishes the ${entityPlural} whose {@code ${df.name}} lies after
 * the previous scheduled time and at or before this one.
#end
 * A run that fails, or that no instance makes (all were down), is not taken up by the next one: run
 * {@link ${h}run(Instant, Instant)} for its window to catch up. With several instances only the one that takes the
 * {@link JobLock} for the scheduled time publishes. Each event is confirmed by the broker before the next page is read.
 * Metrics: {@code jobs.runs} (tags {@code job}, {@code outcome}), {@code jobs.duration}, {@code jobs.date-passed.published}.
 */
@ApplicationScoped
public class ${entity}${df.capitalized}Job {

    public static final String JOB = "${resourcePath}-${df.kebab}-passed";
    static final String SOURCE = "/${appName}/${artifactId}";
    private static final int PAGE_SIZE = 100;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(${entity}${df.capitalized}Job.class);

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

    @ConfigProperty(name = "jobs.date-passed.cron")
    String cron;

    @ConfigProperty(name = "jobs.date-passed.lock-ttl", defaultValue = "1H")
    Duration lockTtl;

    @Scheduled(identity = JOB, cron = "{jobs.date-passed.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        Instant fireTime = execution.getScheduledFireTime();
        run(previousFireTime(cron, fireTime), fireTime);
    }

    /**
     * The scheduled time of the Quartz-like {@code cron} before {@code fireTime}, in the JVM's time zone as the
     * scheduler evaluates it; a day before {@code fireTime} when the cron has none.
     */
    static Instant previousFireTime(String cron, Instant fireTime) {
        ExecutionTime times = ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ))
                .parse(cron));
        return times.lastExecution(fireTime.atZone(ZoneId.systemDefault())).map(ZonedDateTime::toInstant)
                .orElse(fireTime.minus(Duration.ofDays(1)));
    }

    /**
     * Publishes the event for every ${entity} whose ${df.label} passed after {@code since} and at or before
     * {@code fireTime}, unless another instance already did this run.
     *
     * @param since    the previous scheduled time (excluded)
     * @param fireTime the scheduled time of this run (included): the lock is taken for it
     * @return the number of events published, or -1 when another instance owns this run
     */
    public int run(Instant since, Instant fireTime) {
        if (!lock.acquire(JOB, fireTime, lockTtl, instance)) {
            registry.counter("jobs.runs", "job", JOB, "outcome", "skipped").increment();
            LOG.debugf("Job %s at %s runs on another instance", JOB, fireTime);
            return -1;
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
#if($df.date)
            // the days that ended after since and at or before fireTime: from since's day to the day before fireTime's
            LocalDate from = LocalDate.ofInstant(since, ZoneOffset.UTC);
            LocalDate to = LocalDate.ofInstant(fireTime, ZoneOffset.UTC).minusDays(1);
            int published = from.isAfter(to) ? 0 : publishPassed(from.toString(), to.toString());
#else
            // the filter is inclusive: since itself belongs to the previous run (the data keeps microseconds)
            int published = fireTime.isAfter(since)
                    ? publishPassed(since.plus(1, ChronoUnit.MICROS).toString(), fireTime.toString()) : 0;
#end
            outcome = "succeeded";
            LOG.infof("Job %s at %s published %d %s events", JOB, fireTime, published, ${entity}Events.${event});
            return published;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Job %s at %s failed; run it again for (%s, %s] to catch up", JOB, fireTime, since, fireTime);
            throw e;
        } finally {
            registry.counter("jobs.runs", "job", JOB, "outcome", outcome).increment();
            sample.stop(registry.timer("jobs.duration", "job", JOB));
        }
    }

    private int publishPassed(String from, String to) {
        int published = 0;
        for (int page = 0;; page++) {
            // every other filter off (null)
            PageResponse<${entity}Dto> result = gateway.list(page, PAGE_SIZE, "id,asc"#foreach($f in $model.filterFields)#foreach($p in $f.filterParams), #if($f.name == $df.name && $p == "${f.name}From")from#elseif($f.name == $df.name)to#{else}null#end#end#end);
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
        CloudEvent<${entity}Dto> event = CloudEvent.of(SOURCE, ${entity}Events.${event}, ${entityVar});
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
        OutgoingRabbitMQMetadata rabbit = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(${entity}Events.${event})
                .withDeliveryMode(2)
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withMessageId(event.id())
                .withType(${entity}Events.${event})
                .build();
        events.sendMessage(Message.of(body, Metadata.of(rabbit))).await().atMost(CONFIRM_TIMEOUT);
        registry.counter("jobs.date-passed.published", "job", JOB).increment();
    }
}
