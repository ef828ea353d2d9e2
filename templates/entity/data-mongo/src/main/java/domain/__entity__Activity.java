#set( $collection = $activityPath.replace('-', '_') )
package ${package}.domain;

import java.time.Instant;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;

import ${package}.contract.${entity}ActivityDto;

/**
 * One entry of the activity log of a ${entity}: a document of the {@value #COLLECTION} collection.
 * Its indexes are declared here and created at start by {@link ${entity}ActivityIndexes}.
 */
@MongoEntity(collection = ${entity}Activity.COLLECTION)
public class ${entity}Activity extends PanacheMongoEntity {

    public static final String COLLECTION = "${collection}";

    static final List<IndexModel> INDEXES = List.of(
            // the activity of one ${entity}, newest first: the main query
            new IndexModel(Indexes.compoundIndex(Indexes.ascending("${entityVar}Id"), Indexes.descending("occurredAt")),
                    new IndexOptions().name("${entityVar}Id_occurredAt")),
            // all activities of one type, newest first
            new IndexModel(Indexes.compoundIndex(Indexes.ascending("type"), Indexes.descending("occurredAt")),
                    new IndexOptions().name("type_occurredAt")),
            // an event is recorded at most once; activities without an event id (the field is absent, never
            // null: null fields are not written) are left out of the index, so they never conflict
            new IndexModel(Indexes.ascending("eventId"), new IndexOptions().name("eventId_unique").unique(true).sparse(true)));

    public Long ${entityVar}Id;
    public String type;
    public String actor;
    public Instant occurredAt;
    public Document details;
    public String eventId;

    public ${entity}ActivityDto toDto() {
        return new ${entity}ActivityDto(id.toHexString(), ${entityVar}Id, type, actor, occurredAt, details, eventId);
    }
}
