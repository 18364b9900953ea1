package dev.meshserverless.model.resources;

import static dev.meshserverless.model.resources.Mesh.KNATIVE_EVENTING;

import dev.meshserverless.model.descriptor.PlatformSpec;
import dev.meshserverless.model.descriptor.PlatformSpec.Ingress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Knative Eventing on the mesh (S7, S11, S12). */
public final class Eventing {
  private Eventing() {}

  /**
   * S7: Eventing with Istio support (a DestinationRule per channel service) and its data-plane workloads in
   * the mesh. S11: metrics through Prometheus. S12: no Istio network policies when the SMCP does not manage
   * them. In Kourier mode (S13) Eventing stays outside the mesh.
   */
  public static GenericKubernetesResource knativeEventing(PlatformSpec spec) {
    boolean istio = spec.ingress() == Ingress.Istio;
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    if (istio) {
      config.put("features", Map.of("istio", "enabled"));
      body.put("workloads", List.of(
          Serving.inMesh("pingsource-mt-adapter"),
          Serving.inMesh("imc-dispatcher"),
          Serving.inMesh("mt-broker-ingress"),
          Serving.inMesh("mt-broker-filter")));
    }
    if (spec.serving().metrics()) {
      config.put("observability", Map.of("metrics.backend-destination", "prometheus"));
    }
    if (!config.isEmpty()) {
      body.put("config", config);
    }
    Map<String, String> annotations = Serving.disableIstioNetPolicies(spec);
    return CustomResources.named(Serving.KNATIVE_OPERATOR, "KnativeEventing", KNATIVE_EVENTING, "knative-eventing")
        .editMetadata().withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
        .addToAdditionalProperties("spec", body)
        .build();
  }
}
