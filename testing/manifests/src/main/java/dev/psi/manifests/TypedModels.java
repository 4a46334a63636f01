package dev.psi.manifests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads each manifest into its typed model (fabric8's Kubernetes, Knative, Gateway API and Prometheus-operator
 * models, Strimzi's API) and reports every field the model does not know. The models keep such fields in an
 * {@code additionalProperties} map instead of failing, so a misspelt field would pass unseen: the walk over the
 * parsed object finds every non-empty one of those maps, at any depth.
 */
public final class TypedModels {

    /** "apiVersion kind" of every resource PSI's manifests may contain. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            model("v1", "Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            model("v1", "ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            model("v1", "Secret", io.fabric8.kubernetes.api.model.Secret.class),
            model("v1", "Service", io.fabric8.kubernetes.api.model.Service.class),
            model("apps/v1", "StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            model("apps/v1", "Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            model("batch/v1", "Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
            model("networking.k8s.io/v1", "NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            model("gateway.networking.k8s.io/v1", "Gateway", io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class),
            model("gateway.networking.k8s.io/v1", "HTTPRoute", io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class),
            model("serving.knative.dev/v1", "Service", io.fabric8.knative.serving.v1.Service.class),
            model("sources.knative.dev/v1beta1", "KafkaSource", io.fabric8.knative.sources.v1beta1.KafkaSource.class),
            model("sources.knative.dev/v1", "PingSource", io.fabric8.knative.sources.v1.PingSource.class),
            model("monitoring.coreos.com/v1", "ServiceMonitor", io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            model("kafka.strimzi.io/v1", "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            model("kafka.strimzi.io/v1", "KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            model("kafka.strimzi.io/v1", "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    /**
     * Fields a model of this build does not have yet although the resource's CRD declares them (the CRD check
     * validates them): "apiVersion kind" to the field paths. {@link CrdSchemas} fails if the CRD lacks one.
     */
    static final Map<String, List<String>> MODEL_LAGS = Map.of(
            "sources.knative.dev/v1beta1 KafkaSource", List.of());

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TypedModels() {
    }

    private static Map.Entry<String, Class<?>> model(String apiVersion, String kind, Class<?> type) {
        return Map.entry(apiVersion + " " + kind, type);
    }

    /** What is wrong with {@code manifest} as its typed model sees it: an unknown kind, a bad value, unknown fields. */
    public static List<String> problems(Manifest manifest) {
        String key = manifest.apiVersion() + " " + manifest.kind();
        Class<?> type = MODELS.get(key);
        if (type == null) {
            return List.of(manifest + ": no typed model for " + key + " (a typo in apiVersion or kind, or add it to"
                    + " TypedModels.MODELS)");
        }
        Object parsed;
        try {
            parsed = MAPPER.treeToValue(manifest.node(), type);
        } catch (Exception e) {
            return List.of(manifest + ": does not read as " + type.getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> unknown = new ArrayList<>();
        walk(parsed, "", unknown);
        unknown.removeAll(MODEL_LAGS.getOrDefault(key, List.of()));
        return unknown.stream().map(path -> manifest + ": unknown field " + path).toList();
    }

    /** The dotted paths of every field that landed in an additionalProperties map under {@code value}. */
    static void walk(Object value, String path, List<String> unknown) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("io.strimzi.")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue = read(field, value);
                if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + k));
                } else {
                    walk(fieldValue, path + "." + jsonName(field), unknown);
                }
            }
        }
    }

    private static String jsonName(Field field) {
        var property = field.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
