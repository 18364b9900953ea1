package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshserverless.model.resources.TenantIsolation.ChartRelease;
import dev.meshserverless.model.resources.authz.Policies;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TenantIsolation (S15)")
class TenantIsolationTest {
  private static final List<String> ALPHA = List.of("team-alpha-1", "team-alpha-2");

  private static List<String> names(List<GenericKubernetesResource> resources) {
    return resources.stream().map(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).toList();
  }

  /** Policies keyed by {@code namespace/name}; a duplicate key fails the test. */
  private static Map<String, Map<String, Object>> byNamespaceAndName(List<Map<String, Object>> policies) {
    return policies.stream().collect(Collectors.toMap(
        p -> ((Map<?, ?>) p.get("metadata")).get("namespace") + "/" + ((Map<?, ?>) p.get("metadata")).get("name"),
        p -> p,
        (a, b) -> { throw new AssertionError("duplicate policy " + a.get("metadata")); },
        TreeMap::new));
  }

  /** Same (namespace, name) set in both directions, then the same content for each. */
  private static void assertSamePolicies(List<GenericKubernetesResource> ours, Path reference) {
    Map<String, Map<String, Object>> expected = byNamespaceAndName(Policies.readYaml(reference));
    Map<String, Map<String, Object>> actual = byNamespaceAndName(Policies.toMaps(ours));
    assertThat(actual.keySet()).as("policies of %s", reference).containsExactlyElementsOf(expected.keySet());
    expected.forEach((key, policy) -> assertThat(actual.get(key)).as("%s in %s", key, reference).isEqualTo(policy));
    assertThat(ours).as("no duplicates").hasSameSizeAs(expected.keySet());
  }

  @Nested
  @DisplayName("default policies")
  class Defaults {
    @Test
    void areTheDocsDefaultPoliciesWhenEverythingIsOn() {
      Path seed = Policies.requireReference().resolve("seed-examples/10-authorizationpolicies.yaml");
      assertSamePolicies(TenantIsolation.defaultPolicies("istio-system", true, true), seed);
    }

    @Test
    void closeKnativeServingAndOpenTheActivatorToTheControlPlane() {
      List<GenericKubernetesResource> policies = TenantIsolation.defaultPolicies("mesh-cp", false, false);
      assertThat(names(policies)).containsExactly(
          "knative-serving/deny-all-by-default",
          "knative-serving/allow-traffic-to-activator",
          "knative-serving/allow-traffic-to-autoscaler");
      assertThat(policies.get(0).getAdditionalProperties()).containsEntry("spec", Map.of());
      assertThat(policies.get(1).<List<String>>get("spec", "rules", 0, "from", 0, "source", "namespaces"))
          .containsExactly("knative-serving", "mesh-cp");
    }

    @Test
    void eventingPoliciesOnlyWithEventingAndKafkaOnesOnlyWithKafka() {
      assertThat(names(TenantIsolation.defaultPolicies("istio-system", true, false))).containsExactly(
          "knative-serving/deny-all-by-default",
          "knative-serving/allow-traffic-to-activator",
          "knative-serving/allow-traffic-to-autoscaler",
          "knative-eventing/deny-all-by-default",
          "knative-eventing/allow-mt-channel-based-broker-ingress-to-imc-dispatcher",
          "knative-eventing/allow-imc-to-mt-channel-based-broker-filter");
      assertThat(names(TenantIsolation.defaultPolicies("istio-system", false, true)))
          .noneMatch(name -> name.startsWith("knative-eventing/"));
    }

    @Test
    void kafkaControllerProbesReceiversWithGet() {
      GenericKubernetesResource probe = TenantIsolation.allowProbe("kafka-sink-receiver");
      assertThat(probe.getMetadata().getName()).isEqualTo("allow-probe-kafka-sink-receiver");
      assertThat(probe.<String>get("spec", "selector", "matchLabels", "app.kubernetes.io/component"))
          .isEqualTo("kafka-sink-receiver");
      assertThat(probe.<List<String>>get("spec", "rules", 0, "from", 0, "source", "principals"))
          .containsExactly("cluster.local/ns/knative-eventing/sa/kafka-controller");
      assertThat(probe.<List<String>>get("spec", "rules", 0, "to", 0, "operation", "methods")).containsExactly("GET");
    }
  }

  @Nested
  @DisplayName("tenant policies")
  class Tenants {
    @ParameterizedTest(name = "chart {0}, tenant {1}")
    @CsvSource({
        "1.31.0, team-alpha, team-alpha-1;team-alpha-2, 12",
        "1.31.0, team-bravo, team-bravo-1;team-bravo-2, 12",
        "1.31.0, tenant-1,   ns1,                       10",
        "1.37.0, team-alpha, team-alpha-1;team-alpha-2, 13",
        "1.37.0, team-bravo, team-bravo-1;team-bravo-2, 13",
        "1.37.0, tenant-1,   ns1,                       11",
    })
    void areWhatTheChartRenders(String chartVersion, String tenant, String namespaces, int documents) {
      Path render = Policies.requireReference().resolve("authz-chart/" + chartVersion + "/" + tenant + ".yaml");
      List<GenericKubernetesResource> ours = TenantIsolation.tenantPolicies(ChartRelease.forServerless(chartVersion),
          tenant, List.of(namespaces.split(";")), "istio-system", "cluster.local", true, true);
      assertThat(ours).hasSize(documents);
      assertSamePolicies(ours, render);
    }

    @Test
    void followTheChartsOrder() {
      assertThat(names(TenantIsolation.tenantPolicies(ChartRelease.V1_36, "team-alpha", ALPHA, "istio-system",
          "cluster.local", true, true))).containsExactly(
          "team-alpha-1/allow-from-knative-and-istio",
          "team-alpha-2/allow-from-knative-and-istio",
          "knative-serving/allow-team-alpha-to-activator",
          "knative-eventing/allow-team-alpha-kafka-broker-reply",
          "knative-eventing/allow-team-alpha-mt-channel-based-broker-reply",
          "knative-eventing/allow-team-alpha-to-imc",
          "knative-eventing/allow-team-alpha-to-ekb",
          "knative-eventing/allow-team-alpha-to-ekc",
          "knative-eventing/allow-team-alpha-to-eks",
          "knative-eventing/allow-team-alpha-to-broker-ingress",
          "knative-eventing/allow-team-alpha-to-job-sink",
          "team-alpha-1/allow-wait-for-drain",
          "team-alpha-2/allow-wait-for-drain");
    }

    @Test
    void withoutEventingKeepOnlyTheServingRules() {
      List<GenericKubernetesResource> policies = TenantIsolation.tenantPolicies(
          ChartRelease.V1_31, "team-alpha", ALPHA, "istio-system", "cluster.local", false, true);
      assertThat(names(policies)).containsExactly(
          "team-alpha-1/allow-from-knative-and-istio",
          "team-alpha-2/allow-from-knative-and-istio",
          "knative-serving/allow-team-alpha-to-activator",
          "team-alpha-1/allow-wait-for-drain",
          "team-alpha-2/allow-wait-for-drain");
      assertThat(policies.get(0).<List<?>>get("spec", "rules")).hasSize(1);
      assertThat(policies.get(2).<List<?>>get("spec", "rules")).hasSize(1);
    }

    @Test
    void withoutKafkaLeaveOutTheKafkaReceiversAndTheKafkaBrokerReply() {
      assertThat(names(TenantIsolation.tenantPolicies(ChartRelease.V1_36, "team-alpha", ALPHA, "istio-system",
          "cluster.local", true, false))).containsExactly(
          "team-alpha-1/allow-from-knative-and-istio",
          "team-alpha-2/allow-from-knative-and-istio",
          "knative-serving/allow-team-alpha-to-activator",
          "knative-eventing/allow-team-alpha-mt-channel-based-broker-reply",
          "knative-eventing/allow-team-alpha-to-imc",
          "knative-eventing/allow-team-alpha-to-broker-ingress",
          "knative-eventing/allow-team-alpha-to-job-sink",
          "team-alpha-1/allow-wait-for-drain",
          "team-alpha-2/allow-wait-for-drain");
    }

    @Test
    void directTrafficComesFromTheTenantKnativeServingAndTheControlPlane() {
      GenericKubernetesResource v131 = TenantIsolation.allowFromKnativeAndIstio(
          ChartRelease.V1_31, "team-alpha-2", ALPHA, "mesh-cp", true);
      GenericKubernetesResource v135 = TenantIsolation.allowFromKnativeAndIstio(
          ChartRelease.V1_35, "team-alpha-2", ALPHA, "mesh-cp", true);
      assertThat(v131.getMetadata().getNamespace()).isEqualTo("team-alpha-2");
      assertThat(v131.<List<String>>get("spec", "rules", 0, "from", 0, "source", "namespaces"))
          .containsExactly("team-alpha-1", "team-alpha-2", "knative-serving", "mesh-cp");
      assertThat(v135.<List<String>>get("spec", "rules", 0, "from", 0, "source", "namespaces"))
          .containsExactly("team-alpha-1", "team-alpha-2", "knative-serving", "knative-serving-ingress", "mesh-cp");
      assertThat(v131.<List<String>>get("spec", "rules", 1, "when", 0, "values")).isEqualTo(ALPHA);
    }

    @Test
    void activatorHostsUseTheClusterDomain() {
      GenericKubernetesResource activator = TenantIsolation.allowTenantToActivator(
          "team-alpha", List.of("team-alpha-1"), "corp.example", true);
      assertThat(activator.<List<String>>get("spec", "rules", 0, "to", 0, "operation", "hosts"))
          .containsExactly("*.team-alpha-1", "*.team-alpha-1.svc", "*.team-alpha-1.svc.corp.example");
    }

    @Test
    void tenantWithoutNamespacesIsRejected() {
      assertThatThrownBy(() -> TenantIsolation.tenantPolicies(
          ChartRelease.V1_36, "team-empty", List.of(), "istio-system", "cluster.local", true, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("team-empty");
    }

    @Test
    void waitForDrainIsPort8022FromAnyone() {
      GenericKubernetesResource drain = TenantIsolation.allowWaitForDrain("ns1");
      assertThat(drain.<List<?>>get("spec", "rules", 0, "from")).isNull();
      assertThat(drain.<List<String>>get("spec", "rules", 0, "to", 0, "operation", "ports")).containsExactly("8022");
    }
  }

  @Nested
  @DisplayName("ChartRelease.forServerless")
  class ForServerless {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.31, V1_31", "1.33.2, V1_31", "1.34.1, V1_31", "1.35, V1_35", "1.35.0, V1_35",
        "1.36, V1_36", "1.37, V1_36", "1.37.0, V1_36", "1.40, V1_36", "2.0, V1_36",
    })
    void mapsAServerlessVersionToItsTemplateGeneration(String version, ChartRelease expected) {
      assertThat(ChartRelease.forServerless(version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.30", "1.30.9", "0.40", "1", "latest", ""})
    void rejectsVersionsWithoutTheChart(String version) {
      assertThatThrownBy(() -> ChartRelease.forServerless(version))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(version);
    }
  }
}
