package dev.msframework.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FieldsParserTest {

    static final String CATALOGUE = "name String required maxlength(80), sku String required unique pattern(/^[A-Z]{3}-\\d{4}$/),"
            + " price BigDecimal required min(0), stock Integer min(0), category Category{BOOKS|GAMES|TOYS} required,"
            + " releasedOn LocalDate, notes TextBlob, active Boolean, ref UUID, weight Double max(100.5), seen Instant, views Long";

    @Test
    void parsesEveryTypeAndValidation() {
        Entity e = FieldsParser.parseEntity("Product", "Products", CATALOGUE);
        assertEquals(List.of("name", "sku", "price", "stock", "category", "releasedOn", "notes", "active", "ref", "weight", "seen", "views"),
                e.getFields().stream().map(Field::getName).toList());
        Field name = e.getFields().get(0);
        assertEquals("@NotBlank @Size(max = 80)", name.getConstraints());
        assertEquals("varchar(80) not null", name.getSqlDefinition().substring(5));
        Field sku = e.getFields().get(1);
        assertTrue(sku.isUnique());
        assertEquals("^[A-Z]{3}-\\d{4}$", sku.getPattern());
        assertEquals("uq__products__sku", sku.getUniqueConstraint());
        for (int n = 1; n <= 3; n++) {
            assertTrue(Pattern.matches(sku.getPattern(), sku.sampleText(n)), sku.sampleText(n));
        }
        assertFalse(sku.sampleText(1).equals(sku.sampleText(2)));
        Field price = e.getFields().get(2);
        assertEquals("@NotNull @DecimalMin(\"0\") @Digits(integer = 19, fraction = 2)", price.getConstraints());
        assertEquals(List.of("price >= 0"), price.getSqlChecks());
        assertEquals(List.of("priceFrom", "priceTo"), price.getFilterParams());
        Field category = e.getFields().get(4);
        assertEquals("Category", category.getJavaType());
        assertEquals(List.of("category in ('BOOKS', 'GAMES', 'TOYS')"), category.getSqlChecks());
        assertEquals(List.of("category"), category.getFilterParams());
        assertEquals("id|name|sku|price|stock|category|releasedOn|active|ref|weight|seen|views|createdAt|updatedAt", e.getSortFields());
        assertEquals("releasedOn", e.getDateField().getName());
        assertNull(e.getCreateTextField(), "two required text fields: no /new");
        assertEquals(List.of("Category"), e.getEnums().stream().map(EnumType::getName).toList());
    }

    @Test
    void samplesKeepTheirValidations() {
        Entity e = FieldsParser.parseEntity("Item", "Items", "code String required minlength(5) maxlength(6), qty Integer min(-5) max(-1),"
                + " amount BigDecimal min(1) max(2)");
        Field code = e.getFields().get(0);
        for (int n = 1; n <= 3; n++) {
            int len = code.sampleText(n).length();
            assertTrue(len >= 5 && len <= 6, code.sampleText(n));
            int qty = Integer.parseInt(e.getFields().get(1).sampleText(n));
            assertTrue(qty >= -5 && qty <= -1, "qty " + qty);
            double amount = Double.parseDouble(e.getFields().get(2).sampleText(n));
            assertTrue(amount >= 1 && amount <= 2, "amount " + amount);
        }
    }

    @Test
    void theDefaultTaskFieldsKeepTheSample() {
        Entity e = FieldsParser.parseEntity("Task", "Tasks",
                "title String required maxlength(200), description String maxlength(2000), status TaskStatus{OPEN|IN_PROGRESS|DONE} required, dueDate LocalDate");
        assertEquals("title", e.getCreateTextField().getName());
        assertEquals("dueDate", e.getDateField().getName());
        assertEquals("due_date", e.getDateField().getColumn());
    }

    @Test
    void quotesSqlReservedWords() {
        Field order = FieldsParser.parseEntity("Line", "Lines", "order Integer").getFields().get(0);
        assertEquals("\"order\"", order.getColumn());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "name Strng;                 unknown type 'Strng'",
            "name string;                did you mean String?",
            "name;                       has no type",
            "name String, name Integer;  declared twice",
            "class String;               Java keyword",
            "id Long;                    every entity has it already",
            "Name String;                lowerCamelCase",
            "kind Kind{};                has no values",
            "kind Kind{a|b};             'a' is not a valid value of enum Kind",
            "kind Kind{A|A};             lists a value twice",
            "kind Kind{A|B;              is not closed",
            "n Integer min(5) max(1);    min(5) is greater than max(1)",
            "s String minlength(9) maxlength(3); minlength(9) is greater than maxlength(3)",
            "b Boolean minlength(3);     applies to String and TextBlob fields only",
            "s String min(3);            applies to Integer, Long, BigDecimal and Double fields only",
            "n Integer pattern(/x/);     applies to String and TextBlob fields only",
            "s String pattern(/[a-/);    is not a valid regular expression",
            "s String requird;           unknown validation 'requird'",
            "s String required required; given twice",
            "n Integer min(x);           needs a whole number",
            "n Integer max(9999999999);  outside the range of an Integer",
            "b Boolean unique;           does not apply",
            "a String,, b String;        empty field declaration",
            "x Integer, xFrom String;    clashes with the list filter",
            "kind Product{A|B};          has the name of the entity",
            "kind String{A|B};           invalid enum name",
    })
    void rejectsWithAMessageNamingFieldValueAndRule(String fields, String message) {
        DomainException e = assertThrows(DomainException.class, () -> FieldsParser.parseEntity("Product", "Products", fields));
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }
}
