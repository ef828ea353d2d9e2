package dev.msframework.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The requests InputFuzz sends to one {@link FuzzOperation}, generated from its JSON schemas with a {@link SplittableRandom}
 * seeded from the run's seed and the operation's label: the same seed gives the same requests.
 *
 * <p>A request is generated in one of four modes: {@code VALID} (every value valid for its schema), {@code HOSTILE} (each value
 * valid, hostile of the same JSON type, or of another JSON type; properties missing or unknown; sometimes a body that is no
 * object), {@code UPPER} and {@code LOWER} (every number at its greatest or least allowed value, so that page=2147483647 meets
 * size=100). Query, path and header values are text; path values never empty, "." or ".." and without "/", "\" and ";" (they
 * would call another route), header values printable ASCII of at most 1,000 characters (anything else is not HTTP), values in the
 * URL at most 600 characters encoded (see FuzzRequest).
 *
 * <p>Each choice is made with four helpers: {@link #oneOf} (an index, by weights), {@link #between} (a number, bounds
 * included), {@link #pick} (an element of a list) and {@link #chars} (a string of n characters from a pool).
 */
final class FuzzValues {

    enum Mode { VALID, HOSTILE, UPPER, LOWER }

    /** The longest header value (Vert.x limits all headers to 8 KB together); URL values are limited by FuzzRequest. */
    private static final int HEADER_MAX = 1000;
    /** The longest valid string generated, whatever the schema's maxLength. */
    private static final int STRING_MAX = 10_000;

    /** Non-ASCII characters are written as escapes, so that a lone surrogate reaches the service as {@code \uD800}. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Valid dates and instants are between these days. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALPHANUMERIC = LETTERS + "0123456789";
    /** The characters of valid strings. */
    private static final String TEXT_CHARS = ALPHANUMERIC + " -_.\u00E9\u00FC\u6F22";
    /** The characters of random nasty text: letters, and what breaks parsers, databases and encodings (surrogates alone too). */
    private static final String NASTY_CHARS = "abcdefghijklmnopqrstuvwxyz"
            + "\u0000\u0001\uD800\uDFFF\uD83D\uDE00\u00E9\u6F22\u0301'\"\\`%_*;:,&=+#?/<>{}[]$ \t\r\n";
    private static final int NASTY_MAX = 40;
    /** Put into a valid string: passes its length checks and reaches the database. */
    private static final List<String> INJECTED = List.of("\u0000", "\uD800", "\uDC00", "\uD83D\uDE00");

    private static final List<String> HOSTILE_STRINGS = List.of("", " ", " \t\r\n ", "\u0000", "a\u0000b", "\uD800",
            "x\uDC00y", "\uD83D\uDE00", "\uD83D\uDE00".repeat(64), "x".repeat(10_000), "'; DROP TABLE x; --", "' OR '1'='1",
            "\"}]", "{\"$gt\": \"\"}", "\\", "%00", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>",
            "../../../etc/passwd", "null", "\u202Eevil", "\uFEFF", "\uFFFF");
    private static final List<String> HOSTILE_INTEGERS = List.of("9223372036854775808", "-9223372036854775809", "1e400",
            "-1e400", "-0", "1.5", "1.0", "2147483647", "-2147483648", "2147483648", "-2147483649", "4294967296",
            "123456789012345678901234567890", "1e-400");
    private static final List<String> HOSTILE_DECIMALS = List.of("1e400", "-1e400", "1e-400", "-0", "-0.0",
            "9223372036854775808", "1.7976931348623157e309", "0.12345678901234567890123456789", "1e2147483648");
    private static final List<String> NOT_NUMBERS = List.of("", " ", "abc", "0x10", "1_000", "\u0661\u0662\u0663", "+1", "--1",
            "NaN", "Infinity", "1,5", "12abc", "null", "true", " 1", "1 ");
    private static final List<String> NOT_BOOLEANS = List.of("", "TRUE", "yes", "1", "0", "null", "tru", "true ");
    private static final List<String> HOSTILE_DATES = List.of("2030-02-30", "2030-13-01", "2030-00-10", "2030-04-31",
            "2031-02-29", "0000-01-01", "9999-12-31", "+10000-01-01", "-0001-01-01", "+999999999-12-31", "2030-1-1",
            "20300101", "2030-01-01T00:00:00Z");
    private static final List<String> HOSTILE_INSTANTS = List.of("2030-01-01T00:00:00+18:00", "2030-01-01T00:00:00-18:00",
            "2030-01-01T00:00:00+25:00", "2030-01-01T00:00:00+14:59:59", "2030-01-01T24:00:00Z", "2030-01-01T23:59:60Z",
            "2030-02-30T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "1970-01-01T00:00:00.1234567891Z",
            "2030-01-01T00:00:00", "2030-01-01");
    private static final List<String> HOSTILE_UUIDS = List.of("00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "123e4567e89b12d3a456426614174000",
            "123e4567-e89b-12d3-a456-4266141740000", "{123e4567-e89b-12d3-a456-426614174000}", "1-1-1-1-1", "not-a-uuid");
    /** Bodies that are not a JSON object, or not JSON at all. */
    private static final List<String> NOT_OBJECTS = List.of("", "null", "[]", "[{}]", "\"text\"", "42", "true", "{", "}",
            "{\"a\":1,}", "{'a': 1}", "[".repeat(2000) + "]".repeat(2000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));

    /** Values of each JSON type, for a value of another type than its schema's. */
    private static final List<JsonNode> NULLS = List.of(NODES.nullNode());
    private static final List<JsonNode> STRINGS = List.of(NODES.textNode("1"), NODES.textNode("abc"), NODES.textNode("true"),
            NODES.textNode(""));
    private static final List<JsonNode> NUMBERS = List.of(raw("0"), raw("1"), raw("-1"), raw("1.5"));
    private static final List<JsonNode> BOOLEANS = List.of(NODES.booleanNode(true), NODES.booleanNode(false));
    private static final List<JsonNode> ARRAYS = List.of(NODES.arrayNode(), NODES.arrayNode().add("x"), NODES.arrayNode().add(1));
    private static final List<JsonNode> OBJECTS = List.of(NODES.objectNode(), NODES.objectNode().put("a", 1));

    private final FuzzOperation operation;
    private final List<FuzzOperation.Param> params;
    private final Map<String, String> fixedHeaders;
    private final SplittableRandom random;

    /**
     * The requests of an operation, with these headers of the caller on each (a header parameter of the same name is not
     * generated). One random per operation, from the run's seed and the operation's label: skipping one operation does not
     * change the requests of another.
     */
    FuzzValues(FuzzOperation operation, Map<String, String> fixedHeaders, long seed) {
        this.operation = operation;
        this.params = operation.params().stream()
                .filter(p -> !p.in().equals("header") || fixedHeaders.keySet().stream().noneMatch(p.name()::equalsIgnoreCase))
                .toList();
        this.fixedHeaders = new LinkedHashMap<>(fixedHeaders); // in the caller's order (Map.copyOf's varies between JVMs)
        this.random = new SplittableRandom(seed * 31 + operation.label().hashCode());
    }

    /**
     * The next request: VALID, HOSTILE, UPPER or LOWER as 3 : 5 : 1 : 1, or (as often as HOSTILE) one input alone
     * hostile ({@link #focused}).
     */
    FuzzRequest next() {
        int drawn = oneOf(3, 5, 1, 1, 5);
        if (drawn == 4) {
            return focused();
        }
        Mode mode = List.of(Mode.VALID, Mode.HOSTILE, Mode.UPPER, Mode.LOWER).get(drawn);
        List<List<String>> values = new ArrayList<>();
        for (FuzzOperation.Param param : params) {
            values.add(param(param, mode));
        }
        String body = operation.body() == null ? null : body(operation.body(), mode);
        return FuzzRequest.of(operation, params, values, fixedHeaders, body);
    }

    /**
     * One input hostile, at a bound or beyond it (a parameter, or one property of the body, or the body as a whole), every
     * other required one valid (its example where the schema has one), the optional parameters absent: what a bad value
     * does on its own, not hidden behind the 400 another one gets first (page=2147483647 with the default size).
     */
    private FuzzRequest focused() {
        boolean hasBody = operation.body() != null;
        int target = between(0, params.size() - (hasBody ? 0 : 1));
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            FuzzOperation.Param param = params.get(i);
            JsonNode schema = param.schema();
            if (i == target) {
                String text = switch (oneOf(4, 1, 1)) {
                    case 0 -> paramText(schema, Mode.HOSTILE);
                    case 1 -> text(leaf(schema, Mode.UPPER));
                    default -> text(leaf(schema, Mode.LOWER));
                };
                values.add(List.of(placed(param, text)));
            } else {
                values.add(param.required() ? List.of(placed(param, text(valid(schema)))) : List.of());
            }
        }
        String body = null;
        if (hasBody) {
            JsonNode schema = operation.body();
            if (target < params.size()) {
                body = write(valid(schema));
            } else if (type(schema).equals("object") && schema.path("properties").size() > 0) {
                ObjectNode object = (ObjectNode) valid(schema);
                List<String> names = new ArrayList<>();
                schema.path("properties").fieldNames().forEachRemaining(names::add);
                String name = pick(names);
                JsonNode property = schema.path("properties").get(name);
                switch (oneOf(4, 1, 1, 1)) {
                    case 0 -> object.set(name, hostile(property));
                    case 1 -> object.set(name, otherType(type(property)));
                    case 2 -> object.set(name, leaf(property, random.nextBoolean() ? Mode.UPPER : Mode.LOWER));
                    default -> object.remove(name);
                }
                body = write(object);
            } else {
                body = body(schema, Mode.HOSTILE);
            }
        }
        return FuzzRequest.of(operation, params, values, fixedHeaders, body);
    }

    /** A valid value: the schema's example if it has one; an object with its required properties and those with examples. */
    private JsonNode valid(JsonNode schema) {
        if (schema.has("example")) {
            return schema.get("example").deepCopy();
        }
        if (!type(schema).equals("object")) {
            return value(schema, Mode.VALID);
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (required.contains(property.getKey()) || property.getValue().has("example")) {
                object.set(property.getKey(), valid(property.getValue()));
            }
        }
        return object;
    }

    // ----- parameters: text -----

    /** The values of a parameter: none (absent), one, or several (an array in a query). */
    private List<String> param(FuzzOperation.Param param, Mode mode) {
        boolean optional = !param.required() && mode != Mode.UPPER && mode != Mode.LOWER;
        if (optional && oneOf(4, 1) == 1) {
            return List.of();
        }
        JsonNode schema = param.schema();
        boolean array = type(schema).equals("array");
        int count = array ? between(1, 3) : 1;
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(placed(param, paramText(array ? schema.path("items") : schema, mode)));
        }
        return values;
    }

    /** The text as the parameter's place allows it: path values route to the operation, header values are HTTP. */
    private static String placed(FuzzOperation.Param param, String text) {
        return switch (param.in()) {
            case "path" -> pathSafe(text);
            case "header" -> headerSafe(text);
            default -> text;
        };
    }

    /** A value as text: valid, or in HOSTILE mode mostly (2 : 1) hostile. */
    private String paramText(JsonNode schema, Mode mode) {
        if (mode != Mode.HOSTILE || oneOf(1, 2) == 0) {
            return text(leaf(schema, mode));
        }
        return switch (type(schema)) {
            case "integer" -> pick(pick(List.of(HOSTILE_INTEGERS, beyondBounds(schema), NOT_NUMBERS)));
            case "number" -> pick(pick(List.of(HOSTILE_DECIMALS, beyondBounds(schema), NOT_NUMBERS)));
            case "boolean" -> pick(NOT_BOOLEANS);
            default -> hostileString(schema);
        };
    }

    private static String text(JsonNode value) {
        if (value instanceof POJONode raw && raw.getPojo() instanceof RawValue number) {
            return String.valueOf(number.rawValue());
        }
        return value.isValueNode() ? value.asText() : write(value);
    }

    private static String pathSafe(String value) {
        String safe = value.replaceAll("[/\\\\;]", "");
        return safe.isEmpty() || safe.matches("\\.+") ? "0" + safe : safe;
    }

    private static String headerSafe(String value) {
        String safe = value.replaceAll("[^\\x20-\\x7E]", "?");
        return safe.length() > HEADER_MAX ? safe.substring(0, HEADER_MAX) : safe;
    }

    // ----- bodies: JSON -----

    /** A JSON body for the schema, as text: an object, or in HOSTILE mode sometimes no object, or a valid body cut short. */
    private String body(JsonNode schema, Mode mode) {
        int kind = mode == Mode.HOSTILE ? oneOf(8, 1, 1) : 0;
        switch (kind) {
            case 0:
                return write(type(schema).equals("object") ? object(schema, mode) : value(schema, mode));
            case 1:
                return pick(NOT_OBJECTS);
            default:
                String valid = write(value(schema, Mode.VALID));
                return valid.substring(0, between(0, Math.max(0, valid.length() - 1)));
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JSON value for the schema. In HOSTILE mode it is valid, hostile of its type, or of another type: 4 : 1 : 1 for objects
     * and arrays (so that their properties and items are reached), 1 : 2 : 1 for the others.
     */
    private JsonNode value(JsonNode schema, Mode mode) {
        String type = type(schema);
        boolean structured = type.equals("object") || type.equals("array");
        int kind = mode != Mode.HOSTILE ? 0 : structured ? oneOf(4, 1, 1) : oneOf(1, 2, 1);
        return switch (kind) {
            case 0 -> type.equals("object") ? object(schema, mode) : type.equals("array") ? array(schema, mode) : leaf(schema, mode);
            case 1 -> hostile(schema);
            default -> otherType(type);
        };
    }

    /**
     * An object with the schema's properties: in HOSTILE mode each one missing 1 time in 9 and sometimes (1 in 5) a property the
     * schema does not know; otherwise the required ones always, the others 3 times in 4.
     */
    private JsonNode object(JsonNode schema, Mode mode) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            boolean present = mode == Mode.HOSTILE ? oneOf(8, 1) == 0 : required.contains(property.getKey()) || oneOf(3, 1) == 0;
            if (present) {
                object.set(property.getKey(), value(property.getValue(), mode));
            }
        }
        if (mode == Mode.HOSTILE && oneOf(4, 1) == 1) {
            object.set("unknownProperty", otherType(""));
        }
        return object;
    }

    private JsonNode array(JsonNode schema, Mode mode) {
        int min = schema.path("minItems").asInt(0);
        int max = Math.max(min, Math.min(schema.path("maxItems").asInt(3), 3));
        return array(between(min, max), schema.path("items"), mode);
    }

    private ArrayNode array(int size, JsonNode items, Mode mode) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(value(items, mode));
        }
        return array;
    }

    /** A valid value of a scalar schema (or of one without type), mostly its example if it has one; UPPER and LOWER take the bounds. */
    private JsonNode leaf(JsonNode schema, Mode mode) {
        if (schema.has("example") && (mode == Mode.VALID || mode == Mode.HOSTILE) && oneOf(3, 1) == 0) {
            return schema.get("example");
        }
        if (hasEnum(schema)) {
            return schema.get("enum").get(between(0, schema.get("enum").size() - 1));
        }
        return switch (type(schema)) {
            case "integer" -> integer(schema, mode);
            case "number" -> number(schema, mode);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(string(schema, mode));
        };
    }

    /** An integer within the schema's bounds (and int32's or int64's): mostly between -1000 and 1000, else an edge or its neighbour. */
    private JsonNode integer(JsonNode schema, Mode mode) {
        boolean int32 = "int32".equals(schema.path("format").asText());
        long least = int32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long greatest = int32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long min = least(schema).map(Limit::integral).map(b -> b.max(BigInteger.valueOf(least)).longValue()).orElse(least);
        long max = greatest(schema).map(Limit::integral).map(b -> b.min(BigInteger.valueOf(greatest)).longValue()).orElse(greatest);
        if (min >= max) {
            return NODES.numberNode(min);
        }
        long value = switch (mode) {
            case UPPER -> max;
            case LOWER -> min;
            default -> oneOf(3, 1) == 0
                    ? between(Math.max(min, Math.min(max, -1000)), Math.min(max, Math.max(min, 1000)))
                    : pick(List.of(min, min + 1, max - 1, max));
        };
        return NODES.numberNode(value);
    }

    /** A number with two decimals within the schema's bounds (between -1,000,000 and 1,000,000 where it has none). */
    private JsonNode number(JsonNode schema, Mode mode) {
        BigDecimal max = greatest(schema).map(Limit::value).orElse(null);
        BigDecimal min = least(schema).map(Limit::value).orElse(null);
        switch (mode) {
            case UPPER:
                return max != null ? NODES.numberNode(max) : raw("1.7976931348623157E308");
            case LOWER:
                return min != null ? NODES.numberNode(min) : raw("-1.7976931348623157E308");
            default:
                BigDecimal low = (min != null ? min : BigDecimal.valueOf(-1_000_000)).setScale(2, RoundingMode.CEILING);
                BigDecimal high = (max != null ? max : BigDecimal.valueOf(1_000_000)).setScale(2, RoundingMode.FLOOR);
                if (low.compareTo(high) >= 0) {
                    return NODES.numberNode(min != null ? min : low);
                }
                BigInteger range = high.unscaledValue().subtract(low.unscaledValue());
                return NODES.numberNode(new BigDecimal(low.unscaledValue().add(between(range)), 2));
        }
    }

    /** A minimum or maximum; exclusive in OpenAPI 3.1 (exclusiveMinimum: 5) or 3.0 (minimum: 5, exclusiveMinimum: true). */
    private record Limit(BigDecimal value, boolean exclusive, boolean upper) {

        /** The least (greatest) integer allowed. */
        BigInteger integral() {
            BigDecimal rounded = value.setScale(0, upper ? RoundingMode.FLOOR : RoundingMode.CEILING);
            boolean onBound = rounded.compareTo(value) == 0;
            return exclusive && onBound ? rounded.toBigInteger().add(BigInteger.valueOf(upper ? -1 : 1)) : rounded.toBigInteger();
        }

        /** The first integer not allowed. */
        BigInteger beyond() {
            return integral().add(BigInteger.valueOf(upper ? 1 : -1));
        }
    }

    private static Optional<Limit> least(JsonNode schema) {
        return limit(schema, "minimum", "exclusiveMinimum", false);
    }

    private static Optional<Limit> greatest(JsonNode schema) {
        return limit(schema, "maximum", "exclusiveMaximum", true);
    }

    private static Optional<Limit> limit(JsonNode schema, String inclusive, String exclusive, boolean upper) {
        if (schema.path(exclusive).isNumber()) {
            return Optional.of(new Limit(schema.get(exclusive).decimalValue(), true, upper));
        }
        if (schema.path(inclusive).isNumber()) {
            return Optional.of(new Limit(schema.get(inclusive).decimalValue(), schema.path(exclusive).asBoolean(false), upper));
        }
        return Optional.empty();
    }

    /** A valid string of the schema's format, or of its length bounds (at most 40 characters where it has no maxLength). */
    private String string(JsonNode schema, Mode mode) {
        switch (schema.path("format").asText()) {
            case "date":
                return mode == Mode.UPPER ? "9999-12-31" : mode == Mode.LOWER ? "0001-01-01"
                        : LocalDate.ofEpochDay(between(FIRST_DAY.toEpochDay(), LAST_DAY.toEpochDay())).toString();
            case "date-time":
                return mode == Mode.UPPER ? "9999-12-31T23:59:59Z" : mode == Mode.LOWER ? "0001-01-01T00:00:00Z"
                        : Instant.ofEpochSecond(between(FIRST_DAY.toEpochDay() * 86_400, LAST_DAY.toEpochDay() * 86_400)).toString();
            case "uuid":
                return new UUID(random.nextLong(), random.nextLong()).toString();
            case "email":
                return chars(between(1, 20), ALPHANUMERIC) + "@example.com";
            case "uri", "url":
                return "https://example.com/" + chars(between(0, 20), ALPHANUMERIC);
            default:
                int min = schema.path("minLength").asInt(0);
                int max = Math.max(min, Math.min(schema.path("maxLength").asInt(40), STRING_MAX));
                return chars(mode == Mode.UPPER ? max : mode == Mode.LOWER ? min : between(min, max), TEXT_CHARS);
        }
    }

    // ----- hostile values -----

    /** A hostile value of the schema's own JSON type. */
    private JsonNode hostile(JsonNode schema) {
        switch (type(schema)) {
            case "integer":
                return raw(pick(pick(List.of(HOSTILE_INTEGERS, beyondBounds(schema)))));
            case "number":
                return raw(pick(pick(List.of(HOSTILE_DECIMALS, beyondBounds(schema)))));
            case "boolean":
                return otherType("boolean");
            case "array":
                // [null], or one item more than maxItems
                int maxItems = schema.path("maxItems").asInt(-1);
                return maxItems >= 0 && maxItems < 1000 && random.nextBoolean() ? array(maxItems + 1, schema.path("items"), Mode.VALID)
                        : NODES.arrayNode().add(NODES.nullNode());
            case "object":
                return NODES.objectNode();
            default:
                return NODES.textNode(hostileString(schema));
        }
    }

    /**
     * Strings: the hostile list, random nasty text, a valid string with a NUL, a lone surrogate or an emoji put in (2 : 2 : 2),
     * one character beyond each length bound (1 each), and what breaks the format or the enum (4).
     */
    private String hostileString(JsonNode schema) {
        int maxLength = schema.path("maxLength").asInt(-1);
        int minLength = schema.path("minLength").asInt(0);
        List<String> format = switch (schema.path("format").asText()) {
            case "date" -> HOSTILE_DATES;
            case "date-time" -> HOSTILE_INSTANTS;
            case "uuid" -> HOSTILE_UUIDS;
            default -> List.of();
        };
        if (hasEnum(schema)) {
            String first = schema.get("enum").get(0).asText();
            format = List.of(first.toLowerCase(Locale.ROOT), first + " ", " " + first, "UNKNOWN_VALUE");
        }
        switch (oneOf(2, 2, 2, maxLength >= 0 && maxLength < 100_000 ? 1 : 0, minLength > 0 ? 1 : 0, format.isEmpty() ? 0 : 4)) {
            case 0:
                return pick(HOSTILE_STRINGS);
            case 1:
                return chars(between(0, NASTY_MAX), NASTY_CHARS);
            case 2:
                String valid = string(schema, Mode.VALID);
                int at = between(0, valid.length());
                return valid.substring(0, at) + pick(INJECTED) + valid.substring(at);
            case 3:
                return chars(maxLength + 1, LETTERS);
            case 4:
                return chars(minLength - 1, LETTERS);
            default:
                return pick(format);
        }
    }

    /** Integers and numbers just beyond the schema's minimum and maximum, and int's edges. */
    private static List<String> beyondBounds(JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("2147483647", "-2147483648"));
        least(schema).ifPresent(min -> values.add(min.beyond().toString()));
        greatest(schema).ifPresent(max -> values.add(max.beyond().toString()));
        return values;
    }

    /** A value of another JSON type than {@code type} ("" for any): null, string, number, boolean, array, object. */
    private JsonNode otherType(String type) {
        List<List<JsonNode>> others = new ArrayList<>(List.of(NULLS));
        if (!type.equals("string")) {
            others.add(STRINGS);
        }
        if (!type.equals("integer") && !type.equals("number")) {
            others.add(NUMBERS);
        }
        if (!type.equals("boolean")) {
            others.add(BOOLEANS);
        }
        if (!type.equals("array")) {
            others.add(ARRAYS);
        }
        if (!type.equals("object")) {
            others.add(OBJECTS);
        }
        return pick(pick(others)).deepCopy();
    }

    /** A number written as it is: 1e400, -0, 9223372036854775808 (Jackson's own nodes would normalise them). */
    private static JsonNode raw(String number) {
        return NODES.rawValueNode(new RawValue(number));
    }

    /** The JSON type of a schema: its type (the first one not "null" in OpenAPI 3.1), else inferred, else "" (any). */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        JsonNode value = hasEnum(schema) ? schema.get("enum").get(0) : schema.get("example");
        if (value == null) {
            return "";
        }
        return value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.isBoolean() ? "boolean"
                : value.isTextual() ? "string" : value.isArray() ? "array" : value.isObject() ? "object" : "";
    }

    private static boolean hasEnum(JsonNode schema) {
        return schema.path("enum").isArray() && !schema.get("enum").isEmpty();
    }

    // ----- the random choices -----

    /** The index of one of the choices, each as likely as its weight; a weight of 0 is never chosen. */
    private int oneOf(int... weights) {
        int drawn = random.nextInt(IntStream.of(weights).sum());
        int index = 0;
        while (drawn >= weights[index]) {
            drawn -= weights[index++];
        }
        return index;
    }

    /** A number from min to max, both included. */
    private int between(int min, int max) {
        return (int) between((long) min, (long) max);
    }

    /** A number from min to max, both included (the whole range of long too). */
    private long between(long min, long max) {
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
    }

    /** A number from 0 to max, both included, however large. */
    private BigInteger between(BigInteger max) {
        if (max.bitLength() < Long.SIZE - 1) {
            return BigInteger.valueOf(between(0, max.longValueExact()));
        }
        byte[] bits = new byte[max.bitLength() / 8 + 9]; // 64 bits more than max has: the modulo hardly favours any value
        random.nextBytes(bits);
        return new BigInteger(1, bits).mod(max.add(BigInteger.ONE));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A string of {@code length} characters, each one from the pool. */
    private String chars(int length, String pool) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(pool.charAt(random.nextInt(pool.length())));
        }
        return text.toString();
    }
}
