package dev.msframework.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The instants {@link IsoTimes} reads are read exactly as Jackson's own deserializers read them, in any
 * time zone of the mapper; every other text is left to Jackson's.
 */
class IsoTimesTest {

    static final List<Class<?>> TYPES = List.of(Instant.class, OffsetDateTime.class);

    @Property(tries = 400)
    void canonicalTextIsReadAsJacksonReadsIt(@ForAll("canonical") String text, @ForAll("zones") String zone) {
        for (Class<?> type : TYPES) {
            assertSameOutcome(text, type, zone);
        }
    }

    @Property(tries = 1000)
    void nearlyCanonicalTextIsReadOrRefusedAsJacksonDoes(@ForAll("mutated") String text, @ForAll("zones") String zone) {
        for (Class<?> type : TYPES) {
            assertSameOutcome(text, type, zone);
        }
    }

    @org.junit.jupiter.api.Test
    void theEdgesOfTheCanonicalFormAreReadOrRefusedAsJacksonDoes() {
        String[] edges = { "2026-12-03T23:59:59Z", "2026-12-03T23:59:60Z", "2026-12-03T24:00:00Z", "2026-12-03T23:60:00Z",
            "2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-03T10:00:00.Z", "2026-12-03T10:00:00.1234567891Z",
            "2026-12-03T10:00:00.000000001Z", "2026-12-03T10:00Z", "2026-12-03t10:00:00Z", "2026-12-03T10:00:00z",
            "2026-12-03T10:00:00+00:00", "2026-12-03T10:00:00.5+02:00", "2026-12-03 10:00:00Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "2026-1-03T10:00:00Z", "2026-12-03T10:00:00.12a4Z" };
        for (String zone : List.of("UTC", "Europe/Paris")) {
            for (String text : edges) {
                for (Class<?> type : TYPES) {
                    assertSameOutcome(text, type, zone);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theMappersDeserializersReadTheCanonicalTextThemselves() {
        ObjectMapper mapper = StrictJsonTest.strict();
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        Map<Class<?>, StrictJson.TextOnly.Fast> expected = Map.of(Instant.class, StrictJson.TextOnly.Fast.INSTANT,
                OffsetDateTime.class, StrictJson.TextOnly.Fast.OFFSET_DATE_TIME);
        expected.forEach((type, fast) -> {
            StrictJson.TextOnly deserializer = assertInstanceOf(StrictJson.TextOnly.class,
                    findDeserializer(context, mapper.constructType(type)), type.getName());
            assertEquals(fast, deserializer.fast, type.getName());
        });
    }

    static Object findDeserializer(DefaultDeserializationContext context, JavaType type) {
        try {
            return context.findRootValueDeserializer(type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The same value from both mappers, or the same refusal (the strict one also refuses signed years). */
    static void assertSameOutcome(String text, Class<?> type, String zone) {
        String json = "\"" + text + "\"";
        Object expected = read(plain(zone), json, type);
        Object actual = read(strict(zone), json, type);
        boolean signedYear = text.startsWith("+") || text.startsWith("-");
        assertEquals(signedYear ? "refused: " + InvalidFormatException.class.getName() : expected, actual,
                () -> type.getSimpleName() + " from " + json + " in " + zone);
    }

    static Object read(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            // the kind of refusal too: a JsonMappingException is a 400 naming the field, anything else would be a 500
            return "refused: " + e.getClass().getName();
        }
    }

    static ObjectMapper plain(String zone) {
        return new ObjectMapper().findAndRegisterModules().setTimeZone(TimeZone.getTimeZone(zone));
    }

    static ObjectMapper strict(String zone) {
        return StrictJsonTest.strict().setTimeZone(TimeZone.getTimeZone(zone));
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("UTC", "GMT", "Europe/Paris", "America/Sao_Paulo", "Asia/Kolkata");
    }

    /** Instants of the years 0000 to 9999 as the services write them (0 to 9 digits of fraction), and their dates alone. */
    @Provide
    Arbitrary<String> canonical() {
        Arbitrary<Instant> instants = Arbitraries.longs()
                .between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(), Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
                .flatMap(second -> Arbitraries.integers().between(0, 999_999_999).map(nano -> Instant.ofEpochSecond(second, nano)));
        Arbitrary<String> full = Combinators.combine(instants, Arbitraries.integers().between(0, 9)).as((instant, digits) -> {
            String text = instant.toString();
            String whole = text.substring(0, 19);
            String fraction = String.format("%09d", instant.getNano()).substring(0, digits);
            return whole + (digits == 0 ? "" : "." + fraction) + "Z";
        });
        return Arbitraries.oneOf(full, full.map(text -> text.substring(0, 10)));
    }

    /** Canonical text with one character replaced, added or removed. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Character> chars = Arbitraries.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', ':', '.', 'T', 'Z', 'z', '+', ' ', 't');
        return Combinators.combine(canonical(), Arbitraries.integers().between(0, 1000), chars, Arbitraries.integers().between(0, 2))
                .as((text, at, c, how) -> {
                    int i = at % (text.length() + 1);
                    return switch (how) {
                        case 0 -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text + c;
                        case 1 -> text.substring(0, i) + c + text.substring(i);
                        default -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
                    };
                });
    }
}
