package dev.meshserverless.model.resources;

import dev.meshserverless.model.descriptor.Tenant;
import dev.meshserverless.model.descriptor.Tenant.KnativeService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a tenant's namespaces and workloads look like (S10, S13, S17, S18). */
public final class Tenancy {
  /** Label naming the tenant a namespace belongs to. */
  public static final String TENANT_LABEL = "meshserverless.io/tenant";

  private Tenancy() {}

  /** A namespace the platform creates (Knative's, the control plane's), unlabelled. */
  public static Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  /** S17: a tenant namespace carries the tenant's labels (cost attribution) and its tenant name. */
  public static Namespace tenantNamespace(Tenant tenant, String name) {
    Map<String, String> labels = new TreeMap<>(tenant.labels());
    labels.put(TENANT_LABEL, tenant.name());
    return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
  }

  /**
   * S13: with Kourier kept as ingress, the Serverless system namespaces must still reach a mesh member
   * project's pods.
   */
  public static NetworkPolicy allowFromServingSystemNamespace(String namespace) {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName("allow-from-serving-system-namespace").withNamespace(namespace).endMetadata()
        .withNewSpec()
        .withNewPodSelector().endPodSelector()
        .addNewIngress().addNewFrom()
        .withNewNamespaceSelector()
        .addToMatchLabels("knative.openshift.io/part-of", "openshift-serverless")
        .endNamespaceSelector()
        .endFrom().endIngress()
        .withPolicyTypes("Ingress")
        .endSpec()
        .build();
  }

  /**
   * S10: a Knative service in a mesh member namespace: a passthrough route so the gateway serves the
   * wildcard certificate, and the sidecar with rewritten probes on every revision. S18: GPUs as
   * {@code nvidia.com/gpu} limits.
   */
  public static GenericKubernetesResource knativeService(KnativeService service) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("image", service.image());
    if (!service.env().isEmpty()) {
      container.put("env", service.env().entrySet().stream()
          .map(e -> Map.of("name", e.getKey(), "value", e.getValue()))
          .toList());
    }
    if (service.gpus() > 0) {
      container.put("resources", Map.of("limits", Map.of("nvidia.com/gpu", service.gpus())));
    }
    return CustomResources.named("serving.knative.dev/v1", "Service", service.namespace(), service.name())
        .editMetadata().addToAnnotations("serving.knative.openshift.io/enablePassthrough", Serving.TRUE).endMetadata()
        .addToAdditionalProperties("spec", Map.of("template", Map.of(
            "metadata", Map.of("annotations", Map.of(
                "sidecar.istio.io/inject", Serving.TRUE,
                "sidecar.istio.io/rewriteAppHTTPProbers", Serving.TRUE)),
            "spec", Map.of("containers", List.of(container)))))
        .build();
  }
}
