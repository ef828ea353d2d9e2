package dev.msframework.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** archetype-entity: one entity added to a project, which records its domain, package and appName in domain.jdl. */
class AddEntityTest {

    @TempDir
    Path project;

    @BeforeEach
    void project() throws IOException {
        Map<String, String> properties = new HashMap<>(Map.of("package", "com.acme.shop", "appName", "acme-shop", "entity", "Product",
                "entityPlural", "Products", "fields", "name String required, category Category{BOOKS|GAMES} required"));
        Generator generator = new Generator(RandomDomainsTest.templates(), properties);
        generator.renderDomainFile(project.toFile());
        generator.write();
        Files.createDirectories(project.resolve("data-postgres-service/src/main/resources/db/migration"));
        Files.writeString(project.resolve("data-postgres-service/src/main/resources/db/migration/V1__create_schema.sql"), "-- first\n");
        Files.writeString(project.resolve("data-postgres-service/src/main/resources/db/migration/V7__more.sql"), "-- later\n");
        Files.writeString(project.resolve("README.md"), "| entity |\n" + Generator.END_OF_ENTITIES + "\n");
    }

    Generator adding(String entity, String fields) throws IOException {
        return new Generator(RandomDomainsTest.templates(), new HashMap<>(Map.of("entity", entity, "fields", fields, "package", "ignored",
                Generator.ADD_TO_PROJECT, project.toString())));
    }

    @Test
    void addsTheEntityItsMigrationItsRowAndRecordsIt() throws IOException {
        Generator generator = adding("Review", "product Product required, rating Integer min(1) max(5)");
        generator.render("data-postgres", project.resolve("data-postgres-service").toFile());
        generator.renderRows(project.toFile());
        generator.write();

        Path module = project.resolve("data-postgres-service");
        String migration = Files.readString(module.resolve("src/main/resources/db/migration/V8__create_reviews.sql"));
        assertTrue(migration.contains("create table reviews") && migration.contains("references products (id)"), migration);
        assertFalse(migration.contains("create table products"), migration);
        assertTrue(Files.isRegularFile(module.resolve("src/main/java/com/acme/shop/domain/Review.java")), "the project's package");
        assertFalse(Files.exists(module.resolve("src/main/java/com/acme/shop/domain/Product.java")), "only the new entity");
        assertFalse(Files.exists(module.resolve("README.md")), "files about the whole domain stay the project's");
        String readme = Files.readString(project.resolve("README.md"));
        assertTrue(readme.contains("| `Review` |") && !readme.contains("| `Product` |"), readme);
        String domain = Files.readString(project.resolve("domain.jdl"));
        assertTrue(domain.contains("entity Product {") && domain.contains("entity Review {\n  product Product required"), domain);
        assertEquals(2, JdlParser.parse(domain).entities().size());
    }

    @Test
    void findsAServiceAddedUnderAnotherNameByItsPort() throws IOException {
        Path worker = project.resolve("billing-worker/src/main/resources");
        Files.createDirectories(worker);
        Files.writeString(worker.resolve("application.properties"), "quarkus.application.name=billing-worker\nquarkus.http.port=8084\n");
        assertEquals(Generator.piecesOfModule("worker-service"), Generator.piecesOfModule(project.resolve("billing-worker").toFile()));
        assertEquals(Generator.piecesOfModule("api-service"), Generator.piecesOfModule(project.resolve("api-service").toFile()));
        assertEquals(java.util.List.of(), Generator.piecesOfModule(project.resolve("deploy").toFile()));
    }

    @Test
    void refusesAnEntityThatExistsAnUnknownReferenceAndADirectoryWithoutDomain(@TempDir Path elsewhere) throws IOException {
        String before = Files.readString(project.resolve("domain.jdl"));
        DomainException exists = assertThrows(DomainException.class, () -> adding("Product", "name String"));
        assertTrue(exists.getMessage().contains("The entity Product exists already"), exists.getMessage());
        DomainException unknown = assertThrows(DomainException.class, () -> adding("Coupon", "customer Customer required"));
        assertTrue(unknown.getMessage().startsWith("entity Coupon: Field 'customer': unknown type 'Customer'")
                && unknown.getMessage().endsWith("The entities of this project: Product."), unknown.getMessage());
        assertEquals(before, Files.readString(project.resolve("domain.jdl")), "nothing written");
        DomainException noProject = assertThrows(DomainException.class, () -> new Generator(RandomDomainsTest.templates(),
                Map.of("entity", "Review", "fields", "rating Integer", Generator.ADD_TO_PROJECT, elsewhere.toString())));
        assertTrue(noProject.getMessage().contains("not a project generated by archetype-project"), noProject.getMessage());
    }
}
