package ${package}.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.regex.Pattern;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The central rule of the architecture: business services reach data only over HTTP, through the REST
 * clients of the data services. The enforcer rule of framework-parent keeps the drivers off the classpath;
 * this test keeps the code from importing them.
 */
@AnalyzeClasses(packages = "${package}", importOptions = DataAccessRulesTest.MainClassesOnly.class)
class DataAccessRulesTest {

    @ArchTest
    static final ArchRule noDatabaseAccess = noClasses()
            .should().dependOnClassesThat(resideInAnyPackage(
                    "java.sql..", "javax.sql..", "jakarta.persistence..", "jakarta.transaction..",
                    "com.mongodb..", "org.bson..", "io.quarkus.hibernate..", "io.quarkus.mongodb..",
                    "io.quarkus.panache..", "io.quarkus.agroal..", "io.agroal..")
                    .or(resideInAPackage("org.hibernate..").and(not(resideInAPackage("org.hibernate.validator..")))))
            .because("business services reach data only over HTTP through the data services' REST clients");

    /**
     * Main classes only. Unlike {@code ImportOption.DoNotIncludeTests} it also works when the project itself
     * lives below some other build's {@code target/test-classes}: only the innermost test output is left out.
     */
    public static final class MainClassesOnly implements ImportOption {

        private static final Pattern TEST_CLASSES = Pattern.compile(".*/target/test-classes/(?!.*/target/).*");

        @Override
        public boolean includes(Location location) {
            return !location.matches(TEST_CLASSES);
        }
    }
}
