package ${package}.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The central rule of the architecture: business services reach data only over HTTP, through the REST
 * clients of the data services. The enforcer rule of framework-parent keeps the drivers off the classpath;
 * this test keeps the code from importing them.
 */
@AnalyzeClasses(packages = "${package}", importOptions = ImportOption.DoNotIncludeTests.class)
class DataAccessRulesTest {

    @ArchTest
    static final ArchRule noDatabaseAccess = noClasses()
            .should().dependOnClassesThat(resideInAnyPackage(
                    "java.sql..", "javax.sql..", "jakarta.persistence..", "jakarta.transaction..",
                    "com.mongodb..", "org.bson..", "io.quarkus.hibernate..", "io.quarkus.mongodb..",
                    "io.quarkus.panache..", "io.quarkus.agroal..", "io.agroal..")
                    .or(resideInAPackage("org.hibernate..").and(not(resideInAPackage("org.hibernate.validator..")))))
            .because("business services reach data only over HTTP through the data services' REST clients");
}
