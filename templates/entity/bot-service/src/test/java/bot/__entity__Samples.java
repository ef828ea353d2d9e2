## The fields a line shows, as in ${entity}Summary: the title field, the other summary fields, then the date field.
#set( $lineFields = [$model.titleField] )
#foreach( $f in $model.summaryFields )
#if( $f.name != $model.titleField.name )
#set( $added = $lineFields.add($f) )
#end
#end
#if( $model.dateField && !$lineFields.contains($model.dateField) )
#set( $added = $lineFields.add($model.dateField) )
#end
package ${package}.bot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sample ${entityPlural} as the data service returns them (the JSON of the WireMock stubs and of the events),
 * and the summaries the bot shows for them, derived from the fields.
 */
public final class ${entity}Samples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ${entity}Samples() {
    }

    /**
     * A ${entity} with the sample values number {@code n} (1, 2 or 3): of every field when {@code full}, else of the
     * required fields only (the others are absent, as null).
     */
    public static Map<String, Object> dto(long id, int n, boolean full) {
        Map<String, Object> dto = new LinkedHashMap<>();
        dto.put("id", id);
        switch (n) {
#foreach( $n in [1..3] )
#if( $n < 3 )
#set( $case = "case $n" )
#else
#set( $case = "default" )
#end
            $case -> {
#foreach( $f in $fields )
#if( $f.required )
                dto.put("${f.name}", ${f.sample($n)});
#else
                if (full) {
                    dto.put("${f.name}", ${f.sample($n)});
                }
#end
#end
            }
#end
        }
        dto.put("createdAt", "2030-01-01T08:00:00Z");
        dto.put("updatedAt", "2030-01-01T08:00:00Z");
        dto.put("version", 0);
        return dto;
    }

    /** What the bot shows after {@code #<id>} for {@link #dto dto(id, n, full)}. */
    public static String summary(int n, boolean full) {
        List<String> parts = new ArrayList<>();
        switch (n) {
#foreach( $n in [1..3] )
#if( $n < 3 )
#set( $case = "case $n" )
#else
#set( $case = "default" )
#end
            $case -> {
#foreach( $f in $lineFields )
#if( $f.text )
#set( $part = "${entity}Summary.shorten(${f.sample($n)})" )
#elseif( $f.enum )
#set( $part = $f.sample($n) )
#else
#set( $part = '"' + $f.label + ' ' + $f.sampleText($n) + '"' )
#end
#if( $f.required )
                parts.add($part);
#else
                if (full) {
                    parts.add($part);
                }
#end
#end
            }
#end
        }
        return String.join(${entity}Summary.SEPARATOR, parts);
    }

    /** A page of the list as the data service returns it. */
    @SafeVarargs
    public static String page(long total, Map<String, Object>... items) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", List.of(items));
        page.put("page", 0);
        page.put("size", 10);
        page.put("total", total);
        return json(page);
    }

    /** A CloudEvent of type {@code type} carrying {@code data}, as the other services publish it. */
    public static String event(String id, String type, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/${appName}/test");
        event.put("type", type);
        event.put("time", "2030-02-01T08:00:00Z");
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return json(event);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
