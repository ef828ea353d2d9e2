package dev.msframework.generator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random field descriptions (every type, random validations and bounds, random order): each one renders every
 * template of every piece without a Velocity error, its sample values keep its validations, and each invalid sample
 * breaks the validation it names. The seeds are fixed, so a failure is reproducible.
 */
class RandomDomainsTest {

    static final String[] TYPES = { "String", "TextBlob", "Integer", "Long", "BigDecimal", "Double", "Boolean", "LocalDate",
            "Instant", "UUID", "enum" };
    static final String[] PATTERNS = { "^[A-Z]{3}-\\d{4}$", "^[a-z]+(-[a-z]+)*$", "[0-9a-f]{8}", "^(red|green|blue)$", "^\\w+@\\w+\\.com$" };

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDescriptionRendersAndItsSamplesKeepItsValidations(long seed, @TempDir Path project) throws IOException {
        String fields = description(new Random(seed));
        Map<String, String> properties = new HashMap<>(Map.of("package", "com.acme.random", "entity", "Thing",
                "entityPlural", "Things", "appName", "random", "artifactId", "random", "version", "1.0.0-SNAPSHOT", "fields", fields));
        Generator generator = new Generator(templates(), properties);
        for (Map.Entry<String, List<String>> module : Generator.MODULE_PIECES.entrySet()) {
            for (String piece : module.getValue()) {
                assertDoesNotThrow(() -> generator.render(piece, project.resolve(module.getKey()).toFile()), () -> fields);
            }
        }
        assertFalse(generator.write().isEmpty());

        // the project's domain.jdl says the same as the description: archetype-entity reads it back
        Entity entity = generator.getDomain().getPrimary();
        Entity reread = JdlParser.parse(Generator.toJdl(entity, fields)).entities().get(0);
        assertEquals(entity.getFields().stream().map(Field::getDeclaration).toList(),
                reread.getFields().stream().map(Field::getDeclaration).toList(), () -> Generator.toJdl(entity, fields));

        for (Field f : generator.getDomain().getPrimary().getFields()) {
            for (int n = 1; n <= 3; n++) {
                String text = f.sampleText(n);
                if (f.isText()) {
                    assertTrue(f.getMinLength() == null || text.length() >= f.getMinLength(), () -> fields + ": " + text);
                    assertTrue(f.getMaxLength() == null || text.length() <= f.getMaxLength(), () -> fields + ": " + text);
                    assertTrue(f.getPattern() == null || Pattern.matches(f.getPattern(), text), () -> fields + ": " + text);
                }
                if (f.isNumber()) {
                    BigDecimal value = new BigDecimal(text);
                    assertTrue(f.getMin() == null || value.compareTo(new BigDecimal(f.getMin())) >= 0, () -> fields + ": " + text);
                    assertTrue(f.getMax() == null || value.compareTo(new BigDecimal(f.getMax())) <= 0, () -> fields + ": " + text);
                }
            }
            if (f.isUnique()) {
                assertFalse(f.sampleText(1).equals(f.sampleText(2)), () -> fields + ": the samples of a unique field differ");
            }
            for (Field.Invalid invalid : f.getInvalidSamples()) {
                String value = invalid.getValue();
                String rule = invalid.getRule();
                if (rule.startsWith("maxlength")) {
                    assertEquals("\"x\".repeat(" + (f.getMaxLength() + 1) + ")", value);
                } else if (rule.startsWith("minlength")) {
                    assertEquals(f.getMinLength() - 1, value.length() - 2);
                } else if (rule.startsWith("pattern")) {
                    String literal = value.substring(1, value.length() - 1);
                    assertFalse(Pattern.matches(f.getPattern(), literal), () -> fields + ": " + literal);
                } else if (rule.startsWith("min(")) {
                    assertTrue(new BigDecimal(value.replaceAll("[dL]$", "")).compareTo(new BigDecimal(f.getMin())) < 0);
                } else if (rule.startsWith("max(")) {
                    assertTrue(new BigDecimal(value.replaceAll("[dL]$", "")).compareTo(new BigDecimal(f.getMax())) > 0);
                }
            }
        }
    }

    /** 1 to 8 fields of random types with random, consistent validations. */
    static String description(Random random) {
        List<String> declarations = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            StringBuilder d = new StringBuilder("field" + i + " ");
            d.append(type.equals("enum") ? "Kind" + i + "{A" + i + "|B" + i + (random.nextBoolean() ? "|C_" + i : "") + "}" : type);
            if (random.nextInt(3) == 0) {
                d.append(" required");
            }
            if (random.nextInt(4) == 0 && !type.equals("Boolean") && !type.equals("TextBlob")) {
                d.append(" unique");
            }
            if (type.equals("String") || type.equals("TextBlob")) {
                boolean pattern = random.nextInt(3) == 0;
                if (pattern) {
                    d.append(" pattern(/").append(PATTERNS[random.nextInt(PATTERNS.length)]).append("/)");
                } else {
                    int min = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0;
                    if (min > 0) {
                        d.append(" minlength(").append(min).append(")");
                    }
                    if (random.nextBoolean()) {
                        d.append(" maxlength(").append(Math.max(min, 1) + random.nextInt(300)).append(")");
                    }
                }
            }
            if (type.equals("Integer") || type.equals("Long") || type.equals("BigDecimal") || type.equals("Double")) {
                int min = random.nextInt(2000) - 1000;
                if (random.nextBoolean()) {
                    d.append(" min(").append(min).append(")");
                }
                if (random.nextBoolean()) {
                    d.append(" max(").append(min + random.nextInt(100)).append(")");
                }
            }
            declarations.add(d.toString());
        }
        return String.join(", ", declarations);
    }

    /** templates/entity of this source tree. */
    static Map<String, String> templates() throws IOException {
        Path root = Path.of("..", "templates", "entity");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !root.relativize(p).toString().equals("README.md")).toList()) {
                out.put(root.relativize(p).toString().replace(File.separatorChar, '/'), Files.readString(p));
            }
        }
        return out;
    }
}
