package ${package}.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.msframework.client.DownstreamProblemException;
import ${package}.client.${entity}ActivityGateway;
import ${package}.contract.${entity}ActivityCreateRequest;
import ${package}.contract.${entity}Dto;
import dev.msframework.contract.CloudEvent;
import ${package}.contract.event.${entity}Events;
import dev.msframework.events.EventHandler;
import dev.msframework.events.PoisonEventException;

/**
 * The sample behaviour: every ${entity} event ({@value ${entity}Events${h}ALL}: created, updated, deleted#if($model.dateField), ${model.dateField.label} passed#end) becomes an
 * activity document of the data-mongo service, its details the ${entity}'s fields that are set, as text. The request
 * carries the event id, so repeating it is harmless (the data service answers 409, taken as done). The service's one
 * event consumer hands it the events of these types (see {@link EventHandler}).
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
        ${entity}Dto ${entityVar} = event.data();
        ${entity}ActivityCreateRequest request = new ${entity}ActivityCreateRequest(${entityVar}.id(), event.type(),
                event.source(), event.time() == null ? null : event.time().toInstant(), details(${entityVar}), event.id());
        try {
            activities.record(request);
            LOG.debugf("Recorded %s of ${entity} %d (event %s)", event.type(), ${entityVar}.id(), event.id());
        } catch (DownstreamProblemException e) {
            if (e.status() == 409) {
                LOG.debugf("Event %s was already recorded", event.id());
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
