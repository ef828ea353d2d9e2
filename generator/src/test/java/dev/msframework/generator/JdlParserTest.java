package dev.msframework.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdlParserTest {

    static final String SHOP = """
            /** A shop: customers order products. */
            enum Category { BOOKS, GAMES, TOYS }

            entity Customer {
              name String required maxlength(100),
              email String required unique pattern(/^[^@\\s]+@[^@\\s]+$/)
            }

            entity Product {
              name String required   // new lines separate fields too
              sku String required unique
              price BigDecimal required min(0)
              category Category required
            }

            entity Order {
              placedAt Instant required,
              status OrderStatus{NEW|PAID|SHIPPED} required,
              product Product required
            }

            relationship ManyToOne {
              Order{customer required} to Customer
            }
            """;

    @Test
    void aTableNameInParenthesesGivesAnIrregularPlural() {
        Entity person = JdlParser.parse("entity Person (people) { name String }\nentity OrderLine (order_lines) { n Integer }").entities().get(0);
        assertEquals("People", person.getPlural());
        assertEquals("people", person.getTableName());
        assertEquals("people", person.getResourcePath());
        // what domain.jdl records for -Dentity=Person -DentityPlural=People reads back the same
        Entity fromFields = FieldsParser.parseEntity("Person", "People", "name String required");
        assertEquals("People", JdlParser.parse(Generator.toJdl(fromFields, "name String required")).entities().get(0).getPlural());
        assertEquals("Tasks", JdlParser.parse(Generator.toJdl(FieldsParser.parseEntity("Task", "Tasks", "t String"), "t String"))
                .entities().get(0).getPlural());
    }

    @Test
    void readsEntitiesEnumsAndReferences() {
        JdlParser.ParsedDomain domain = JdlParser.parse(SHOP);
        assertEquals(List.of("Customer", "Product", "Order"), domain.entities().stream().map(Entity::getName).toList());
        assertEquals(List.of("Category", "OrderStatus"), List.copyOf(domain.enums().keySet()));
        Entity product = domain.entities().get(1);
        assertEquals(List.of("name", "sku", "price", "category"), product.getFields().stream().map(Field::getName).toList());
        assertEquals("Category", product.getFields().get(3).getJavaType());
        assertEquals("Orders", domain.entities().get(2).getPlural());
        assertEquals("[Order.product -> Product (required), Order.customer -> Customer (required)]", domain.references().toString());
        Entity order = domain.entities().get(2);
        assertEquals(List.of("placedAt", "status", "productId", "customerId"), order.getFields().stream().map(Field::getName).toList());
        Field customer = order.getFields().get(3);
        assertEquals("Customer", customer.getTarget().getName());
        assertEquals("customer_id bigint not null", customer.getSqlDefinition());
        assertEquals("fk__orders__customer_id", customer.getForeignKey());
        assertEquals(List.of("customerId"), customer.getFilterParams());
        assertEquals(List.of(customer), new Domain(domain.entities()).referencesTo(domain.entities().get(0)));
        assertEquals(19, domain.references().get(0).getLine());
        assertEquals(23, domain.references().get(1).getLine());
    }

    @Test
    void oneToManyPutsTheReferenceOnTheManySide() {
        JdlParser.ParsedDomain domain = JdlParser.parse("""
                entity Project { name String required }
                entity Issue { title String required }
                relationship OneToMany { Project{issues} to Issue{project} }
                """);
        assertEquals("[Issue.project -> Project]", domain.references().toString());
        assertEquals("[Issue.project -> Project]", JdlParser.parse("""
                entity Project { name String required }
                entity Issue { title String required }
                relationship OneToMany { Project to Issue }
                """).references().toString(), "without names: the target's name");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "entity A { name String }\\npaginate A with pagination;          line 2: 'paginate' is not supported",
            "entity A { name String }\\nentity B { x Long }\\nrelationship OneToOne { A to B }; line 3: relationship OneToOne is not supported",
            "entity A { name String }\\nrelationship ManyToOne { A{b} to B }; line 2: relationship ManyToOne names entity 'B', which is not declared",
            "entity A {\\n  name Strng\\n};                                     line 2: entity A: Field 'name': unknown type 'Strng'",
            "entity A { }; line 1: entity A has no fields",
            "entity A { name String }\\nentity A { x Long };                line 2: entity A is declared twice",
            "enum Kind { }\\nentity A { k Kind };                             line 1: enum Kind has no values",
            "enum Kind { a }\\nentity A { k Kind };                           'a' is not a valid value",
            "entity A (A-Table) { name String };                           line 1: entity A (A-Table): the name in parentheses is the entity's table",
            "entity A {\\n  @Id name String\\n};                              line 2: entity A: the annotation '@Id' is not supported",
            "entity A { name String;                                       line 1: entity A: the brace opened here is never closed",
            "application { config { baseName x } };                        line 1: 'application' is not supported",
            "enum A { X }\\nentity A { n String };                          enum A has the name of an entity",
            "entity String { n String };                                   entity 'String': an entity name",
            "entity A { b B unique }\\nentity B { n String };              only 'required' applies to a reference",
            "entity A { n String, parent A required };                      cannot require a reference to itself",
            "entity A { n String, b B required }\\nentity B { n String, a A required }; line 1: the required references starting at A.b go round in a circle",
            "entity A { n String }\\nentity B { n String }\\nrelationship ManyToOne { A{b} to B, A{b} to B }; line 3: entity A has two references named 'b'",
    })
    void rejectsWithLineAndConstruct(String jdl, String message) {
        DomainException e = assertThrows(DomainException.class, () -> JdlParser.parse(jdl.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }
}
