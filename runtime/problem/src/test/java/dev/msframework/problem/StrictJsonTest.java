package dev.msframework.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every value of another JSON type than its field's is refused with the field named, whatever the pair of types;
 * every value of the field's own type is read.
 */
class StrictJsonTest {

    enum Status { OPEN, DONE }

    record Body(String text, Integer count, Long big, BigDecimal amount, Boolean flag, Status status, LocalDate day,
            Double ratio, Instant at) {
    }

    /** The JSON types, as sample values. */
    enum JsonType {
        STRING, INTEGER, FLOAT, BOOLEAN, OBJECT, ARRAY;

        Arbitrary<String> samples() {
            return switch (this) {
                case STRING -> Arbitraries.strings().alpha().numeric().ofMaxLength(12).map(s -> "\"" + s + "\"");
                case INTEGER -> Arbitraries.integers().map(String::valueOf);
                case FLOAT -> Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).filter(d -> d != Math.rint(d))
                        .map(String::valueOf);
                case BOOLEAN -> Arbitraries.of("true", "false");
                case OBJECT -> Arbitraries.of("{}", "{\"a\":1}");
                case ARRAY -> Arbitraries.of("[]", "[1]", "[\"x\"]");
            };
        }
    }

    /** The JSON types each field takes; every other one is a mismatch. */
    static final Map<String, List<JsonType>> ACCEPTED = Map.of(
            "text", List.of(JsonType.STRING),
            "count", List.of(JsonType.INTEGER),
            "big", List.of(JsonType.INTEGER),
            "amount", List.of(JsonType.INTEGER, JsonType.FLOAT),
            "flag", List.of(JsonType.BOOLEAN),
            "status", List.of(JsonType.STRING),
            "day", List.of(JsonType.STRING),
            "ratio", List.of(JsonType.INTEGER, JsonType.FLOAT),
            "at", List.of(JsonType.STRING));

    final ObjectMapper mapper = strict();

    static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Property(tries = 300)
    void aValueOfAnotherJsonTypeIsRefusedNamingItsField(@ForAll("mismatches") Map.Entry<String, String> fieldAndValue) {
        String json = "{\"" + fieldAndValue.getKey() + "\":" + fieldAndValue.getValue() + "}";
        MismatchedInputException refused = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue(json, Body.class), () -> "accepted " + json);
        assertEquals(fieldAndValue.getKey(), refused.getPath().get(0).getFieldName(), json);
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> mismatches() {
        return Arbitraries.of(ACCEPTED.keySet()).flatMap(field -> Arbitraries.of(JsonType.values())
                .filter(type -> !ACCEPTED.get(field).contains(type))
                .flatMap(JsonType::samples)
                .map(value -> Map.entry(field, value)));
    }

    @org.junit.jupiter.api.Test
    void datesOnlyAsText() {
        for (String value : new String[] { "[]", "[2026,1,1]", "20000", "1.5", "true", "{}" }) {
            String json = "{\"day\":" + value + "}";
            MismatchedInputException refused = assertThrows(MismatchedInputException.class,
                    () -> mapper.readValue(json, Body.class), () -> "accepted " + json);
            assertEquals("day", refused.getPath().get(0).getFieldName(), json);
        }
    }

    @Property(tries = 100)
    void valuesOfTheFieldsOwnTypesAreRead(@ForAll("valid") String json) throws Exception {
        mapper.readValue(json, Body.class);
    }

    @Provide
    Arbitrary<String> valid() {
        return Combinators.combine(JsonType.STRING.samples(), Arbitraries.integers(), Arbitraries.longs(),
                Arbitraries.bigDecimals().ofScale(2).between(BigDecimal.valueOf(-1e9), BigDecimal.valueOf(1e9)),
                Arbitraries.of(true, false), Arbitraries.of(Status.values()),
                Arbitraries.integers().between(1, 28))
                .as((text, count, big, amount, flag, status, day) -> "{\"text\":" + text + ",\"count\":" + count
                        + ",\"big\":" + big + ",\"amount\":" + amount + ",\"flag\":" + flag + ",\"status\":\"" + status
                        + "\",\"day\":\"2026-02-" + String.format("%02d", day) + "\"}");
    }

    // ----- values of the right type that could not be stored or written back -----

    @Property(tries = 200)
    void textThatCannotBeStoredIsRefusedNamingItsField(@ForAll("unstorableText") String text) {
        String json = "{\"text\":" + escaped(text) + "}";
        MismatchedInputException refused = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue(json, Body.class), () -> "accepted " + json);
        assertEquals("text", refused.getPath().get(0).getFieldName(), json);
    }

    @Provide
    Arbitrary<String> unstorableText() {
        Arbitrary<String> around = storableText();
        Arbitrary<String> wrong = Arbitraries.of("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800");
        return Combinators.combine(around, wrong, around).as((before, bad, after) -> before + bad + after);
    }

    @Property(tries = 200)
    void storableTextIsReadAsSent(@ForAll("storableText") String text) throws Exception {
        assertEquals(text, mapper.readValue("{\"text\":" + escaped(text) + "}", Body.class).text());
    }

    @Provide
    Arbitrary<String> storableText() {
        // any character but U+0000 and surrogates, and whole surrogate pairs (emoji)
        Arbitrary<String> character = Arbitraries.oneOf(Arbitraries.chars().range('\u0001', '\uD7FF').map(String::valueOf),
                Arbitraries.chars().range('\uE000', '\uFFFD').map(String::valueOf),
                Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString));
        return character.list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    /** A JSON string with every character outside printable ASCII escaped, as a client may send it. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @org.junit.jupiter.api.Test
    void numbersBeyondADoubleAndYearsBeyondFourDigitsAreRefusedNamingTheirField() {
        Map<String, String> refused = Map.of("ratio", "1e400", "day", "\"+10000-01-01\"", "at", "\"+10000-01-01T00:00:00Z\"");
        refused.forEach((field, value) -> {
            String json = "{\"" + field + "\":" + value + "}";
            MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Body.class),
                    () -> "accepted " + json);
            assertEquals(field, e.getPath().get(0).getFieldName(), json);
        });
        for (String json : new String[] { "{\"ratio\":-1e309}", "{\"day\":\"-0001-01-01\"}" }) {
            assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Body.class), () -> "accepted " + json);
        }
    }

    @org.junit.jupiter.api.Test
    void theLimitsThemselvesAreRead() throws Exception {
        Body body = mapper.readValue("{\"ratio\":1.7976931348623157e308,\"day\":\"0000-01-01\",\"at\":\"9999-12-31T23:59:59Z\"}",
                Body.class);
        assertEquals(Double.MAX_VALUE, body.ratio());
        assertEquals(LocalDate.of(0, 1, 1), body.day());
        assertNull(body.text());
    }
}
