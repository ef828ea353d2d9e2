package ${package}.contract;

#foreach($i in $model.javaImports)
import ${i};
#end
#if(!$model.javaImports.isEmpty())

#end
#foreach($i in $model.constraintImports)
import ${i};
#end

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/${resourcePath}}. */
public record ${entity}CreateRequest(
#foreach($f in $fields)
        ${f.declaration}#if($foreach.hasNext),#end
#end
        ) {
}
