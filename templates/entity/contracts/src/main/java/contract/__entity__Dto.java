package ${package}.contract;

#set($imports = $model.javaImports)
#set($added = $imports.add("java.time.Instant"))
#foreach($i in $imports)
import ${i};
#end

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A ${entity} as the data service returns it.
 *
 * @param version optimistic-locking version: send it back with an update; a stale one gets 409
 */
public record ${entity}Dto(
        Long id,
#foreach($f in $fields)
        ${f.documented},
#end
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** A ${entity} with only its id: the data of a deleted event. */
    public static ${entity}Dto withIdOnly(long id) {
        return new ${entity}Dto(id, #foreach($f in $fields)null, #{end}null, null, 0);
    }
}
