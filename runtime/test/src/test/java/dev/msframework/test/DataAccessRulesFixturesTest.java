package dev.msframework.test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.msframework.test.fixtures.http.OrderGateway;
import dev.msframework.test.fixtures.jdbc.OrderRepository;

/** The data-access rule of business services, on code that breaks it and code that keeps it. */
class DataAccessRulesFixturesTest {

    private static final String SKIP = "msframework.businessRules.skip";
    private static final String MAIN_CLASSES = "msframework.mainClasses";

    private final Map<String, String> saved = new HashMap<>();

    static JavaClasses packageOf(Class<?> fixture) {
        return new ClassFileImporter().importPackages(fixture.getPackageName());
    }

    static Path directoryOf(Class<?> fixture) throws URISyntaxException {
        return Path.of(fixture.getResource(fixture.getSimpleName() + ".class").toURI()).getParent();
    }

    @Test
    void codeUsingJdbcBreaksTheRule() {
        JavaClasses classes = packageOf(OrderRepository.class);
        assertFalse(classes.isEmpty());

        AssertionError e = assertThrows(AssertionError.class, () -> DataAccessRulesTest.NO_DATABASE_ACCESS.check(classes));

        assertTrue(e.getMessage().contains(OrderRepository.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("java.sql.Connection"), e.getMessage());
    }

    @Test
    void codeUsingHttpKeepsTheRule() {
        JavaClasses classes = packageOf(OrderGateway.class);
        assertFalse(classes.isEmpty());

        assertDoesNotThrow(() -> DataAccessRulesTest.NO_DATABASE_ACCESS.check(classes));
    }

    // the test as business services run it (Surefire's dependenciesToScan), on a directory of classes

    @Test
    void inABusinessServiceTheTestChecksTheMainClasses() throws URISyntaxException {
        set(SKIP, "false");
        set(MAIN_CLASSES, directoryOf(OrderRepository.class).toString());
        assertThrows(AssertionError.class, () -> new DataAccessRulesTest().businessCodeReachesDataOnlyOverHttp());

        set(MAIN_CLASSES, directoryOf(OrderGateway.class).toString());
        assertDoesNotThrow(() -> new DataAccessRulesTest().businessCodeReachesDataOnlyOverHttp());
    }

    @Test
    void inADataServiceTheTestIsSkipped() throws URISyntaxException {
        set(SKIP, "true");
        set(MAIN_CLASSES, directoryOf(OrderRepository.class).toString());

        assertThrows(TestAbortedException.class, () -> new DataAccessRulesTest().businessCodeReachesDataOnlyOverHttp());
    }

    @Test
    void withoutCompiledClassesTheTestFails() {
        set(SKIP, "false");
        set(MAIN_CLASSES, "no/such/directory");

        AssertionError e = assertThrows(AssertionError.class, () -> new DataAccessRulesTest().businessCodeReachesDataOnlyOverHttp());
        assertTrue(e.getMessage().startsWith("no compiled classes at"), e.getMessage());
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restoreSystemProperties() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        saved.clear();
    }
}
