package dev.msframework.problem;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON is read as written: a value of another JSON type than its field's is a 400 naming the field
 * ({@link ProblemMappers}), never converted. Jackson's defaults would accept {@code {"title": 12345}} as the text
 * "12345", {@code "12"} for a number, {@code 1.5} for an integer (truncated), {@code "true"} for a boolean, a number
 * for an enum (its ordinal), and a number or an array for a date or time ({@code []} as null). Applies to every body the service reads: requests, and the answers of the services it calls.
 * <p>
 * What a value of the right type could still not be stored or sent on is refused the same way: text holding U+0000 or an
 * unpaired surrogate (PostgreSQL cannot store the one, UTF-8 cannot encode the other), a number too large to be a
 * finite double ({@code 1e400} would become Infinity, which JSON cannot write back), a date or instant with a year
 * outside 0000-9999 ({@code +10000-01-01}, {@code -0001-01-01}: beyond what databases store, ISO 8601's 4 digits).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        // a number or a boolean where text is expected
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // text, a number or a boolean where a number is expected
        for (LogicalType number : new LogicalType[] { LogicalType.Integer, LogicalType.Float }) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // text that can be stored, finite numbers
        mapper.registerModule(new SimpleModule("storable-values")
                .addDeserializer(String.class, new StorableText())
                .addDeserializer(Double.class, new FiniteDouble(Double.class, null))
                .addDeserializer(double.class, new FiniteDouble(double.class, 0d)));
        // dates and times as ISO-8601 text only (java.time's deserializers also read numbers and arrays)
        mapper.registerModule(new SimpleModule("strict-java-time").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return "java.time".equals(description.getBeanClass().getPackageName()) ? new TextOnly(deserializer)
                        : deserializer;
            }
        }));
    }

    /** The java.time types whose text starts with a year: 4 digits only. */
    static final Set<String> DATED = Set.of("LocalDate", "LocalDateTime", "Instant", "OffsetDateTime", "ZonedDateTime",
            "YearMonth", "Year");

    /** Text without U+0000 and without unpaired surrogates; anything else is refused naming the field. */
    static final class StorableText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String wrong = text == null ? null : unstorable(text);
            return wrong == null ? text : (String) context.handleWeirdStringValue(String.class, text, wrong);
        }

        /** What makes the text unstorable, or null. */
        static String unstorable(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0) {
                    return "text must not contain the character U+0000";
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "text must not contain an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
                }
            }
            return null;
        }
    }

    /** A double that is finite: a number beyond its range (1e400) is refused, not read as Infinity. */
    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        FiniteDouble(Class<Double> type, Double empty) {
            super(type, empty);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Double value = super.deserialize(parser, context);
            if (value != null && !Double.isFinite(value)) {
                return (Double) context.handleWeirdNumberValue(Double.class, value, "number out of the range of a double");
            }
            return value;
        }
    }

    /**
     * A deserializer that takes a JSON string only; any other token is a mismatch naming the field. The canonical text
     * of an instant is read by {@link IsoTimes} when the field has Jackson's default format; everything else by
     * Jackson's deserializer.
     */
    static final class TextOnly extends DelegatingDeserializer {

        /** How the canonical text of this field's type is read without Jackson's deserializer. */
        enum Fast {
            NONE, INSTANT, OFFSET_DATE_TIME;

            static Fast of(JsonDeserializer<?> delegate) {
                // the shared instances: a field with its own @JsonFormat has a deserializer of its own
                return delegate == InstantDeserializer.INSTANT ? INSTANT
                        : delegate == InstantDeserializer.OFFSET_DATE_TIME ? OFFSET_DATE_TIME : NONE;
            }

            /** The value, or null when Jackson's deserializer has to read the text. */
            Object read(String text, DeserializationContext context) {
                return switch (this) {
                    case NONE -> null;
                    case INSTANT -> IsoTimes.utcInstant(text);
                    case OFFSET_DATE_TIME -> {
                        Instant instant = IsoTimes.utcInstant(text);
                        // read as UTC; Jackson then moves it to the mapper's time zone, which leaves it as is when that is UTC
                        boolean moved = context.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                                && !ZoneOffset.UTC.equals(context.getTimeZone().toZoneId().normalized());
                        yield instant == null || moved ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
                    }
                };
            }
        }

        final Fast fast;

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
            this.fast = Fast.of(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            if (DATED.contains(handledType().getSimpleName()) && !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
                return context.handleWeirdStringValue(handledType(), text, "the year must have 4 digits (0000 to 9999)");
            }
            Object value = fast.read(text, context);
            return value != null ? value : super.deserialize(parser, context);
        }
    }
}
