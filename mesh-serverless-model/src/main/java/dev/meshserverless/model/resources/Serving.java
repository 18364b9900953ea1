package dev.meshserverless.model.resources;

import static dev.meshserverless.model.resources.Mesh.KNATIVE_SERVING;

import dev.meshserverless.model.descriptor.PlatformSpec;
import dev.meshserverless.model.descriptor.PlatformSpec.Ingress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Knative Serving on the mesh (S6, S11, S12, S14). */
public final class Serving {
  static final String KNATIVE_OPERATOR = "operator.knative.dev/v1beta1";
  static final String TRUE = "true";

  private Serving() {}

  /**
   * S6: Serving with the Istio ingress, activator and autoscaler in the mesh, and {@code config.istio}
   * naming the gateways in the control-plane namespace (mandatory outside {@code istio-system}). S11: metrics
   * through Prometheus. S12: no Istio network policies when the SMCP does not manage them. S14: secret-informer
   * filtering as chosen (annotation before 1.32, {@code net-istio-controller} env from 1.32). In Kourier mode
   * (S13) Serving keeps its own ingress and only the S11, S12 settings apply.
   */
  public static GenericKubernetesResource knativeServing(PlatformSpec spec) {
    String meshNamespace = spec.serviceMesh().controlPlaneNamespace();
    boolean istio = spec.ingress() == Ingress.Istio;
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    if (istio) {
      body.put("ingress", Map.of("istio", Map.of("enabled", true)));
      body.put("deployments", List.of(inMesh("activator"), inMesh("autoscaler")));
      config.put("istio", Map.of(
          "gateway.knative-serving.knative-ingress-gateway",
          "istio-ingressgateway." + meshNamespace + ".svc.cluster.local",
          "local-gateway.knative-serving.knative-local-gateway",
          "knative-local-gateway." + meshNamespace + ".svc.cluster.local"));
    }
    if (spec.serving().metrics()) {
      config.put("observability", Map.of("metrics.backend-destination", "prometheus"));
    }
    if (!config.isEmpty()) {
      body.put("config", config);
    }
    boolean filteringOnByDefault = Versions.atLeast(spec.serverless().version(), 1, 32);
    if (istio && !spec.serving().secretInformerFiltering() && filteringOnByDefault) {
      body.put("workloads", List.of(Map.of(
          "name", "net-istio-controller",
          "env", List.of(Map.of(
              "container", "controller",
              "envVars", List.of(Map.of("name", "ENABLE_SECRET_INFORMER_FILTERING_BY_CERT_UID", "value", "false")))))));
    }
    Map<String, String> annotations = new TreeMap<>(disableIstioNetPolicies(spec));
    if (istio && spec.serving().secretInformerFiltering() && !filteringOnByDefault) {
      annotations.put("serverless.openshift.io/enable-secret-informer-filtering", TRUE);
    }
    return CustomResources.named(KNATIVE_OPERATOR, "KnativeServing", KNATIVE_SERVING, "knative-serving")
        .editMetadata().withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
        .addToAdditionalProperties("spec", body)
        .build();
  }

  /** S11: OpenShift monitoring may scrape Knative metrics although the mesh enforces mTLS. */
  public static NetworkPolicy allowFromOpenShiftMonitoring(String namespace) {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName("allow-from-openshift-monitoring-ns").withNamespace(namespace).endMetadata()
        .withNewSpec()
        .withNewPodSelector().endPodSelector()
        .addNewIngress().addNewFrom()
        .withNewNamespaceSelector().addToMatchLabels("name", "openshift-monitoring").endNamespaceSelector()
        .endFrom().endIngress()
        .endSpec()
        .build();
  }

  /** S6, S7, S8: a system workload joins the mesh (sidecar label) and keeps working probes. */
  static Map<String, Object> inMesh(String workload) {
    return Map.of(
        "name", workload,
        "labels", Map.of("sidecar.istio.io/inject", TRUE),
        "annotations", Map.of("sidecar.istio.io/rewriteAppHTTPProbers", TRUE));
  }

  /** S12: without SMCP-managed network policies, events are only delivered with this annotation. */
  static Map<String, String> disableIstioNetPolicies(PlatformSpec spec) {
    return spec.serviceMesh().manageNetworkPolicy()
        ? Map.of()
        : Map.of("serverless.openshift.io/disable-istio-net-policies-generation", TRUE);
  }
}
