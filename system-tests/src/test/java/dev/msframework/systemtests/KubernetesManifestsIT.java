package dev.msframework.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Kubernetes manifests that the build of each service module writes ({@code target/kubernetes/kubernetes.yml},
 * Quarkus Kubernetes extension), parsed strictly with the fabric8 Kubernetes model: every document is a known kind
 * of the core API, no field is unknown to the model (no schema download is possible on the build machines), and
 * the Deployment and Service fit the service: its port, health probes, configuration from the ConfigMap and
 * Secret of the system, and a selector that matches the pods.
 */
class KubernetesManifestsIT {

    static final String APP_NAME = "acme-tasks";
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @ParameterizedTest
    @ValueSource(strings = {"data-postgres-service", "data-mongo-service", "api-service", "worker-service", "bot-service"})
    void manifestsAreValid(String module) throws IOException {
        assumeFalse(Boolean.getBoolean("skipSystemTests"), "skipSystemTests is set");
        Path moduleDir = SampleFlowIT.defaultProjectDir().resolve(module);
        Path manifest = moduleDir.resolve("target/kubernetes/kubernetes.yml");
        assertTrue(Files.isRegularFile(manifest), "no " + manifest + ": the module's build writes it (quarkus-kubernetes)");

        List<HasMetadata> resources = parse(manifest);
        for (HasMetadata resource : resources) {
            assertFalse(resource instanceof GenericKubernetesResource,
                    manifest + ": " + resource.getApiVersion() + "/" + resource.getKind() + " is not a core Kubernetes kind");
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(resource, resource.getKind(), unknown, new IdentityHashMap<>());
            assertTrue(unknown.isEmpty(), manifest + ": fields unknown to the Kubernetes model: " + unknown);
        }
        assertEquals(Set.of("Deployment", "Service"), resources.stream().map(HasMetadata::getKind).collect(Collectors.toSet()),
                manifest + ": kinds");

        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(moduleDir.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        String name = properties.getProperty("quarkus.application.name");

        Deployment deployment = only(resources, Deployment.class);
        assertEquals(name, deployment.getMetadata().getName());
        assertEquals(APP_NAME, deployment.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()),
                "the Deployment's selector must match its pods");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(port, container.getPorts().get(0).getContainerPort(), "container port");
        assertProbe(container.getLivenessProbe(), "/q/health/live", port);
        assertProbe(container.getReadinessProbe(), "/q/health/ready", port);
        assertProbe(container.getStartupProbe(), "/q/health/started", port);
        List<String> envFrom = container.getEnvFrom().stream().map(KubernetesManifestsIT::source).toList();
        assertTrue(envFrom.containsAll(List.of("configMap:" + APP_NAME + "-config", "secret:" + APP_NAME + "-secrets")),
                "configuration from the system's ConfigMap and Secret: " + envFrom);
        assertTrue(container.getImage().endsWith("/" + APP_NAME + "/" + name + ":1.0.0-SNAPSHOT"), "image " + container.getImage());

        Service service = only(resources, Service.class);
        assertEquals(name, service.getMetadata().getName());
        assertEquals(port, service.getSpec().getPorts().get(0).getTargetPort().getIntVal(), "Service target port");
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                "the Service's selector must match the Deployment's pods");
        assertEquals("/q/metrics", service.getMetadata().getAnnotations().get("prometheus.io/path"));
    }

    /** The strict check itself: a misspelt field and an unknown kind are caught. */
    @Test
    void strictParsingRejectsWhatTheModelDoesNotKnow() {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinessProbe:
                            httpGet: {path: /q/health/ready, port: 8080}
                            initialDelay: 5
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: y
                """;
        List<HasMetadata> resources = parse(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(resources.get(0), "Deployment", unknown, new IdentityHashMap<>());
        assertEquals(1, unknown.size(), "unknown fields " + unknown);
        assertTrue(unknown.get(0).contains("initialDelay"), unknown.get(0));
        assertTrue(resources.get(1) instanceof GenericKubernetesResource, "an unknown kind is not a core kind");
    }

    static List<HasMetadata> parse(Path manifest) throws IOException {
        try (InputStream in = Files.newInputStream(manifest)) {
            return parse(in);
        }
    }

    static List<HasMetadata> parse(InputStream in) {
        Object parsed = SERIALIZATION.unmarshal(in);
        List<HasMetadata> resources = new ArrayList<>();
        if (parsed instanceof Collection<?> documents) {
            documents.forEach(document -> resources.add((HasMetadata) document));
        } else {
            resources.add((HasMetadata) parsed);
        }
        return resources;
    }

    /** The fabric8 model keeps fields it does not know in {@code additionalProperties}: none may be there. */
    static void collectUnknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    static void assertProbe(Probe probe, String path, int port) {
        assertTrue(probe != null && probe.getHttpGet() != null, "no HTTP probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(port, probe.getHttpGet().getPort().getIntVal());
    }

    static String source(EnvFromSource source) {
        return source.getConfigMapRef() != null ? "configMap:" + source.getConfigMapRef().getName()
                : source.getSecretRef() != null ? "secret:" + source.getSecretRef().getName() : source.toString();
    }

    static <T> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> matching = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matching.size(), "one " + type.getSimpleName());
        return matching.get(0);
    }
}
