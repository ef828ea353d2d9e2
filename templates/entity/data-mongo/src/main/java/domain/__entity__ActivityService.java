package ${package}.domain;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;

import io.quarkus.mongodb.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

import dev.msframework.contract.BatchResponse;
import dev.msframework.contract.PageResponse;
import ${package}.contract.${entity}ActivityCreateRequest;
import ${package}.contract.${entity}ActivityDto;

/** Use cases of the ${entity} activity log. */
@ApplicationScoped
public class ${entity}ActivityService {

    /** Deeper nesting is refused: MongoDB itself stops at 100 levels, and nobody needs more for details. */
    static final int MAX_DETAILS_DEPTH = 10;

    public PageResponse<${entity}ActivityDto> list(int page, int size, String sort, Long ${entityVar}Id, String type) {
        Document filter = new Document();
        if (${entityVar}Id != null) {
            filter.append("${entityVar}Id", ${entityVar}Id);
        }
        if (type != null) {
            filter.append("type", type);
        }
        PanacheQuery<${entity}Activity> found = ${entity}Activity.<${entity}Activity>find(filter, sortOf(sort)).page(Page.of(page, size));
        List<${entity}ActivityDto> items = found.list().stream().map(${entity}Activity::toDto).toList();
        return new PageResponse<>(items, page, size, found.count());
    }

    public ${entity}ActivityDto get(String id) {
        ${entity}Activity activity = ${entity}Activity.findById(new ObjectId(id));
        if (activity == null) {
            throw notFound(id);
        }
        return activity.toDto();
    }

    public ${entity}ActivityDto create(${entity}ActivityCreateRequest request) {
        ${entity}Activity activity = activityOf(request, "details");
        try {
            activity.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ClientErrorException(alreadyRecorded(request.eventId()), Response.Status.CONFLICT);
            }
            throw e;
        }
        return activity.toDto();
    }

    /**
     * Records the activities in one unordered insert: each is recorded (201) or already known (409), whatever
     * the others are; an invalid request refuses the whole batch before anything is written.
     */
    public BatchResponse createAll(List<${entity}ActivityCreateRequest> requests) {
        List<${entity}Activity> activities = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            activities.add(activityOf(requests.get(i), "[" + i + "].details"));
        }
        BatchResponse.Item[] items = new BatchResponse.Item[activities.size()];
        try {
            ${entity}Activity.mongoCollection().insertMany(activities, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                items[error.getIndex()] = BatchResponse.Item.conflict(alreadyRecorded(requests.get(error.getIndex()).eventId()));
            }
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                items[i] = BatchResponse.Item.created(activities.get(i).id.toHexString());
            }
        }
        return new BatchResponse(List.of(items));
    }

    private static ${entity}Activity activityOf(${entity}ActivityCreateRequest request, String detailsPath) {
        ${entity}Activity activity = new ${entity}Activity();
        activity.${entityVar}Id = request.${entityVar}Id();
        activity.type = request.type();
        activity.actor = request.actor();
        // BSON dates have millisecond precision: answer with what a later read returns
        activity.occurredAt = (request.occurredAt() != null ? request.occurredAt() : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
        activity.details = request.details() != null ? new Document(checked(request.details(), detailsPath, 1)) : null;
        activity.eventId = request.eventId();
        return activity;
    }

    private static String alreadyRecorded(String eventId) {
        return "An activity of event " + eventId + " is already recorded; it was not recorded again.";
    }

    public void delete(String id) {
        if (!${entity}Activity.deleteById(new ObjectId(id))) {
            throw notFound(id);
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("${entity} activity " + id + " does not exist.");
    }

    /** Field names MongoDB treats specially ({@code ${d}op}, {@code a.b}) and unbounded nesting are refused. */
    private static Map<String, Object> checked(Map<String, Object> details, String path, int depth) {
        if (depth > MAX_DETAILS_DEPTH) {
            throw new InvalidFieldException(path, "must not nest deeper than " + MAX_DETAILS_DEPTH + " levels");
        }
        details.forEach((key, value) -> {
            if (key.isEmpty() || key.startsWith("$") || key.contains(".") || key.indexOf('\0') >= 0) {
                throw new InvalidFieldException(path, "keys must be non-empty and must neither start with '$' nor contain '.': '" + key + "'");
            }
            checkedValue(value, path + "." + key, depth);
        });
        return details;
    }

    @SuppressWarnings("unchecked")
    private static void checkedValue(Object value, String path, int depth) {
        if (value instanceof Map<?, ?> map) {
            checked((Map<String, Object>) map, path, depth + 1);
        } else if (value instanceof List<?> list) {
            if (depth + 1 > MAX_DETAILS_DEPTH) {
                throw new InvalidFieldException(path, "must not nest deeper than " + MAX_DETAILS_DEPTH + " levels");
            }
            list.forEach(element -> checkedValue(element, path, depth + 1));
        } else if (value instanceof BigInteger) {
            throw new InvalidFieldException(path, "numbers must fit in 64 bits");
        }
    }

    /** {@code "occurredAt,desc"} to a MongoDB sort; the contract has already checked the field name. */
    private static Document sortOf(String sort) {
        String[] parts = sort.split(",");
        int direction = parts.length > 1 && parts[1].equals("desc") ? -1 : 1;
        String field = parts[0].equals("id") ? "_id" : parts[0];
        Document result = new Document(field, direction);
        // ties are broken by _id, so that pages neither overlap nor skip documents
        return field.equals("_id") ? result : result.append("_id", direction);
    }
}
