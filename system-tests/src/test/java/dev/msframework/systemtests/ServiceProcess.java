package dev.msframework.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One service of the system under test, run from its packaged jar ({@code target/quarkus-app/quarkus-run.jar})
 * with the prod profile, its output going to a log file.
 */
final class ServiceProcess {

    final String module;
    final int port;
    private final Path jar;
    private final Path log;
    private Process process;

    ServiceProcess(Path projectDir, String module, int port, Path logDir) {
        this.module = module;
        this.port = port;
        this.jar = projectDir.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logDir.resolve(module + ".log");
    }

    Path jar() {
        return jar;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code quarkus.application.name} of the module: the {@code service.name} of its spans. */
    String applicationName(Path projectDir) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(projectDir.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties.getProperty("quarkus.application.name", module);
    }

    /**
     * Starts {@code java -jar} with the environment of this JVM minus its QUARKUS_* variables (Failsafe sets some
     * for its own tests), plus {@code env}.
     */
    void start(Map<String, String> env) throws IOException {
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                // small and quick to start: five of these share a busy build machine
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        process = builder.start();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String exitDescription() {
        return process == null ? "not started" : process.isAlive() ? "running" : "exited with " + process.exitValue();
    }

    /** Asks the process to stop (SIGTERM); see {@link #awaitStop()}. */
    void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the process to end after {@link #requestStop()}, and kills it if it is still there after 30 s. */
    void awaitStop() {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log, for failure reports. */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log " + log + ")";
            }
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    Path log() {
        return log;
    }
}
