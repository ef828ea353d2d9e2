package dev.msframework.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One operation InputFuzz calls: its method and path template, its parameters and the JSON schema of its body, each schema
 * self-contained ({@code $ref}, {@code allOf}, {@code oneOf} and {@code anyOf} resolved).
 */
record FuzzOperation(String label, String method, String path, List<Param> params, JsonNode body, String bodyType) {

    /** A path, query or header parameter. */
    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    /** Deeper schemas (recursive ones) are cut off: they become "any value". */
    private static final int MAX_DEPTH = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every operation of an OpenAPI 3.0 or 3.1 document, in document order. */
    static List<FuzzOperation> fromOpenApi(JsonNode document) {
        List<FuzzOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            JsonNode item = deref(path.getValue(), document);
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation == null) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode source : List.of(item.path("parameters"), operation.path("parameters"))) {
                    for (JsonNode p : source) {
                        JsonNode param = deref(p, document);
                        String in = param.path("in").asText();
                        if (in.equals("path") || in.equals("query") || in.equals("header")) {
                            params.removeIf(known -> known.name().equals(param.path("name").asText()) && known.in().equals(in));
                            JsonNode schema = param.has("schema") ? param.get("schema") : NODES.objectNode().put("type", "string");
                            params.add(new Param(param.path("name").asText(), in, in.equals("path") || param.path("required").asBoolean(),
                                    resolve(schema, document, 0)));
                        }
                    }
                }
                String upper = method.toUpperCase(Locale.ROOT);
                String label = operation.hasNonNull("operationId") ? operation.get("operationId").asText() : upper + " " + path.getKey();
                Map.Entry<String, JsonNode> body = jsonBody(operation, document);
                operations.add(new FuzzOperation(label, upper, path.getKey(), List.copyOf(params),
                        body == null ? null : resolve(body.getValue().path("schema"), document, 0), body == null ? null : body.getKey()));
            }
        }
        return operations;
    }

    /**
     * The operation that sends mutations of a sample body: its schema is inferred from the sample (every property required,
     * every value its own {@code example}).
     */
    static FuzzOperation mutationsOf(String method, String path, JsonNode sample) {
        String upper = method.toUpperCase(Locale.ROOT);
        return new FuzzOperation(upper + " " + path, upper, path, List.of(), inferSchema(sample), "application/json");
    }

    /** The JSON media type of the request body and its content ({@code application/json} first), null without one. */
    private static Map.Entry<String, JsonNode> jsonBody(JsonNode operation, JsonNode document) {
        JsonNode content = deref(operation.path("requestBody"), document).path("content");
        if (content.has("application/json")) {
            return Map.entry("application/json", content.get("application/json"));
        }
        return content.properties().stream().filter(type -> type.getKey().contains("json")).findFirst().orElse(null);
    }

    private static JsonNode deref(JsonNode node, JsonNode document) {
        for (int hops = 0; node.hasNonNull("$ref") && hops < MAX_DEPTH; hops++) {
            String ref = node.get("$ref").asText();
            node = ref.startsWith("#") ? document.at(ref.substring(1)) : NODES.objectNode();
        }
        return node;
    }

    /** A copy of the schema without references: allOf merged, the first non-null alternative of oneOf and anyOf taken. */
    private static JsonNode resolve(JsonNode schema, JsonNode document, int depth) {
        if (!schema.isObject() || depth > MAX_DEPTH) {
            return NODES.objectNode();
        }
        ObjectNode result = NODES.objectNode();
        if (schema.hasNonNull("$ref")) {
            merge(result, resolve(deref(schema, document), document, depth + 1));
        }
        for (String combination : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(combination)) {
                JsonNode resolved = resolve(part, document, depth + 1);
                if (!"null".equals(resolved.path("type").asText())) {
                    merge(result, resolved);
                    if (!combination.equals("allOf")) {
                        break;
                    }
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            switch (field.getKey()) {
                case "$ref", "allOf", "oneOf", "anyOf" -> {
                }
                case "properties" -> {
                    ObjectNode properties = result.withObjectProperty("properties");
                    field.getValue().properties().forEach(p -> properties.set(p.getKey(), resolve(p.getValue(), document, depth + 1)));
                }
                case "items", "additionalProperties" -> result.set(field.getKey(),
                        field.getValue().isObject() ? resolve(field.getValue(), document, depth + 1) : field.getValue());
                case "required" -> merge(result, NODES.objectNode().set("required", field.getValue()));
                default -> result.set(field.getKey(), field.getValue());
            }
        }
        return result;
    }

    /** Adds the properties and required names of {@code part} to {@code into}; its other keywords where {@code into} has none. */
    private static void merge(ObjectNode into, JsonNode part) {
        for (Map.Entry<String, JsonNode> field : part.properties()) {
            if (field.getKey().equals("properties")) {
                into.withObjectProperty("properties").setAll((ObjectNode) field.getValue());
            } else if (field.getKey().equals("required")) {
                ArrayNode required = into.withArrayProperty("required");
                for (JsonNode name : field.getValue()) {
                    if (!required.valueStream().anyMatch(name::equals)) {
                        required.add(name);
                    }
                }
            } else if (!into.has(field.getKey())) {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
    private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private static JsonNode inferSchema(JsonNode sample) {
        ObjectNode schema = NODES.objectNode();
        if (sample.isObject()) {
            schema.put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            ArrayNode required = schema.putArray("required");
            sample.properties().forEach(field -> {
                properties.set(field.getKey(), inferSchema(field.getValue()));
                required.add(field.getKey());
            });
            return schema;
        }
        if (sample.isArray()) {
            schema.put("type", "array").set("items", sample.isEmpty() ? NODES.objectNode() : inferSchema(sample.get(0)));
        } else if (sample.isIntegralNumber()) {
            schema.put("type", "integer").put("format", "int64");
        } else if (sample.isNumber()) {
            schema.put("type", "number");
        } else if (sample.isBoolean()) {
            schema.put("type", "boolean");
        } else if (sample.isTextual()) {
            schema.put("type", "string");
            String text = sample.asText();
            if (DATE.matcher(text).matches()) {
                schema.put("format", "date");
            } else if (DATE_TIME.matcher(text).matches()) {
                schema.put("format", "date-time");
            } else if (UUID.matcher(text).matches()) {
                schema.put("format", "uuid");
            }
        }
        return schema.set("example", sample);
    }
}
