package ${package}.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.msframework.client.DownstreamProblemException;
import ${package}.client.${entity}ActivityGateway;
import ${package}.contract.${entity}ActivityCreateRequest;
import ${package}.contract.${entity}Dto;
import dev.msframework.contract.BatchResponse;
import dev.msframework.contract.CloudEvent;
import ${package}.contract.event.${entity}Events;
import dev.msframework.events.EventHandler;
import dev.msframework.events.PoisonEventException;

/**
 * The sample behaviour: every ${entity} event ({@value ${entity}Events${h}ALL}: created, updated, deleted#if($model.dateField), ${model.dateField.label} passed#end) becomes an
 * activity document of the data-mongo service, its details the ${entity}'s fields that are set, as text. The request
 * carries the event id, so repeating it is harmless (the data service answers 409, taken as done). The service's one
 * event consumer hands it the events of these types (see {@link EventHandler}).
 * <p>
 * The events a batch of the consumer holds are recorded together ({@link #handleAll}): their activities go in one
 * {@code POST /api/v1/${activityPath}/batch}, and each event gets its own result. A batch the data service refuses as
 * a whole (400: one activity in it is invalid) is sent again one activity at a time, so that only the invalid one is
 * dead-lettered; a batch that fails (data-mongo down) fails each of its events, and each is retried.
 */
@ApplicationScoped
public class ${entity}ActivityRecorder implements EventHandler<${entity}Dto> {

    private static final Logger LOG = Logger.getLogger(${entity}ActivityRecorder.class);

    @Inject
    ${entity}ActivityGateway activities;

    @Override
    public Set<String> eventTypes() {
        return Set.of(${entity}Events.ALL);
    }

    @Override
    public Class<${entity}Dto> dataType() {
        return ${entity}Dto.class;
    }

    @Override
    public void handle(CloudEvent<${entity}Dto> event) {
        record(request(event));
    }

    @Override
    public List<RuntimeException> handleAll(List<CloudEvent<${entity}Dto>> events) {
        List<${entity}ActivityCreateRequest> requests = events.stream().map(${entity}ActivityRecorder::request).toList();
        List<BatchResponse.Item> results;
        try {
            results = activities.recordAll(requests).items();
        } catch (DownstreamProblemException refused) {
            // refused as a whole by data-mongo: each activity alone says whether it is the invalid one
            return EventHandler.super.handleAll(events);
        } catch (RuntimeException unavailable) {
            return Collections.nCopies(events.size(), unavailable);
        }
        if (results.size() != events.size() || results.stream().anyMatch(item -> item.status() != 201 && item.status() != 409)) {
            // not the answer the contract promises: each activity alone (recording one twice is harmless)
            return EventHandler.super.handleAll(events);
        }
        LOG.debugf("Recorded %d events in one call", events.size());
        return Collections.nCopies(events.size(), null);
    }

    private static ${entity}ActivityCreateRequest request(CloudEvent<${entity}Dto> event) {
        ${entity}Dto ${entityVar} = event.data();
        return new ${entity}ActivityCreateRequest(${entityVar}.id(), event.type(), event.source(),
                event.time() == null ? null : event.time().toInstant(), details(${entityVar}), event.id());
    }

    private void record(${entity}ActivityCreateRequest request) {
        try {
            activities.record(request);
            LOG.debugf("Recorded event %s", request.eventId());
        } catch (DownstreamProblemException e) {
            if (e.status() == 409) {
                LOG.debugf("Event %s was already recorded", request.eventId());
                return;
            }
            // any other 4xx: the data service will never accept this event
            throw new PoisonEventException("data-mongo rejected the activity: " + e.getMessage(), e);
        }
    }

#set($blobs = false)
#foreach($f in $fields)#if($f.textBlob)#set($blobs = true)#end#end
    /** The ${entity}'s fields that are set, as text#if($blobs) (not the TextBlob fields: they can be long)#end. */
    static Map<String, Object> details(${entity}Dto ${entityVar}) {
        Map<String, Object> details = new LinkedHashMap<>();
#foreach($f in $fields)
#if(!$f.textBlob)
        putIfPresent(details, "${f.name}", ${entityVar}.${f.name}());
#end
#end
        return details;
    }

    private static void putIfPresent(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value.toString());
        }
    }
}
