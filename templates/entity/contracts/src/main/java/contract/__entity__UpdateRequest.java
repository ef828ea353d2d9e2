package ${package}.contract;

#foreach($i in $model.javaImports)
import ${i};
#end
#if(!$model.javaImports.isEmpty())

#end
#set($imports = $model.constraintImports)
#set($added = $imports.add("jakarta.validation.constraints.NotNull"))
#foreach($i in $imports)
import ${i};
#end

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /api/v1/${resourcePath}/{id}}: the whole ${entity} plus the version it was read at. */
public record ${entity}UpdateRequest(
#foreach($f in $fields)
        ${f.declaration},
#end
        @NotNull Long version) {
}
