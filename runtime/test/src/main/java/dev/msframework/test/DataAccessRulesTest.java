package dev.msframework.test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The central rule of the architecture: business services reach data only over HTTP, through the gateways of the
 * data services. The enforcer rule of framework-parent keeps the drivers off the classpath; this test keeps the code
 * from importing them. framework-parent's Surefire configuration runs it in every module that has this jar on its
 * test classpath; it checks the module's main classes ({@code target/classes}) where
 * {@code msframework.businessRules.skip} is false (api, bot and worker services).
 */
public class DataAccessRulesTest {

    public static final ArchRule NO_DATABASE_ACCESS = noClasses()
            .should().dependOnClassesThat(resideInAnyPackage(
                    "java.sql..", "javax.sql..", "jakarta.persistence..", "jakarta.transaction..",
                    "com.mongodb..", "org.bson..", "io.quarkus.hibernate..", "io.quarkus.mongodb..",
                    "io.quarkus.panache..", "io.quarkus.agroal..", "io.agroal..")
                    .or(resideInAPackage("org.hibernate..").and(not(resideInAPackage("org.hibernate.validator..")))))
            .because("business services reach data only over HTTP through the data services' gateways");

    @Test
    void businessCodeReachesDataOnlyOverHttp() {
        assumeFalse(Boolean.parseBoolean(System.getProperty("msframework.businessRules.skip", "true")),
                "a data service: the rule is for business services");
        Path mainClasses = Path.of(System.getProperty("msframework.mainClasses", "target/classes"));
        assertTrue(Files.isDirectory(mainClasses), () -> "no compiled classes at " + mainClasses.toAbsolutePath());
        NO_DATABASE_ACCESS.check(mainClasses(mainClasses));
    }

    static JavaClasses mainClasses(Path directory) {
        return new ClassFileImporter().importPath(directory);
    }
}
