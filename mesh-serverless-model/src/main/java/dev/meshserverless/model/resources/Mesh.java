package dev.meshserverless.model.resources;

import dev.meshserverless.model.descriptor.PlatformSpec;
import dev.meshserverless.model.descriptor.PlatformSpec.LocalGateway;
import dev.meshserverless.model.descriptor.PlatformSpec.ServiceMeshOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Service Mesh side: control plane, membership and the Knative gateways (S3, S4, S5). */
public final class Mesh {
  static final String ISTIO_NETWORKING = "networking.istio.io/v1alpha3";
  static final String KNATIVE_SERVING = "knative-serving";
  static final String KNATIVE_EVENTING = "knative-eventing";
  /** The selector label S3 puts on the ingress gateway and S5's gateways target. */
  static final Map<String, String> KNATIVE_INGRESS_GATEWAY = Map.of("knative", "ingressgateway");

  private Mesh() {}

  /**
   * S3: the control plane Serverless runs on: strict mTLS, a drain longer than Knative's 30 s graceful
   * termination, the {@code knative: ingressgateway} gateway label, and the metrics (8444) and
   * wait-for-drain (8022) ports left out of inbound interception. S12: {@code manageNetworkPolicy} as chosen.
   */
  public static GenericKubernetesResource serviceMeshControlPlane(ServiceMeshOptions mesh) {
    Map<String, Object> security = new LinkedHashMap<>();
    security.put("dataPlane", Map.of("mtls", true));
    if (!mesh.manageNetworkPolicy()) {
      security.put("manageNetworkPolicy", false);
    }
    return CustomResources.named("maistra.io/v2", "ServiceMeshControlPlane", mesh.controlPlaneNamespace(),
            mesh.controlPlaneName())
        .addToAdditionalProperties("spec", Map.of(
            "version", "v" + mesh.version(),
            "profiles", List.of("default"),
            "security", security,
            "techPreview", Map.of("meshConfig", Map.of("defaultConfig",
                Map.of("terminationDrainDuration", mesh.terminationDrainDuration()))),
            "gateways", Map.of("ingress", Map.of("service", Map.of("metadata",
                Map.of("labels", KNATIVE_INGRESS_GATEWAY)))),
            "proxy", Map.of("networking", Map.of("trafficControl", Map.of("inbound",
                Map.of("excludedPorts", List.of(8444, 8022)))))))
        .build();
  }

  /** S4: the namespaces that belong to the mesh, listed in one member roll, sorted. */
  public static GenericKubernetesResource serviceMeshMemberRoll(ServiceMeshOptions mesh, List<String> members) {
    return CustomResources.named("maistra.io/v1", "ServiceMeshMemberRoll", mesh.controlPlaneNamespace(), "default")
        .addToAdditionalProperties("spec", Map.of("members", members.stream().sorted().distinct().toList()))
        .build();
  }

  /** S4, {@code membership: Member}: one namespace joins the mesh on its own. */
  public static GenericKubernetesResource serviceMeshMember(ServiceMeshOptions mesh, String namespace) {
    return CustomResources.named("maistra.io/v1", "ServiceMeshMember", namespace, "default")
        .addToAdditionalProperties("spec", Map.of("controlPlaneRef",
            Map.of("name", mesh.controlPlaneName(), "namespace", mesh.controlPlaneNamespace())))
        .build();
  }

  /** S5, S1: external HTTPS enters the mesh here; TLS ends with the wildcard certificate, named only. */
  public static GenericKubernetesResource knativeIngressGateway(PlatformSpec spec) {
    return CustomResources.named(ISTIO_NETWORKING, "Gateway", KNATIVE_SERVING, "knative-ingress-gateway")
        .addToAdditionalProperties("spec", Map.of(
            "selector", KNATIVE_INGRESS_GATEWAY,
            "servers", List.of(Map.of(
                "port", Map.of("number", 443, "name", "https", "protocol", "HTTPS"),
                "hosts", List.of("*"),
                "tls", Map.of("mode", "SIMPLE", "credentialName", spec.tls().secretName())))))
        .build();
  }

  /**
   * S5: cluster-local traffic on port 8081: mesh-internal mTLS ({@code IstioMutual}, recommended), plain HTTP
   * ({@code Http}, older docs) or HTTPS with a second wildcard certificate ({@code Https}). The docs print
   * port 443 for the last; 8081 is kept because a second {@code *}:443 binding breaks S2.
   */
  public static GenericKubernetesResource knativeLocalGateway(PlatformSpec spec) {
    LocalGateway mode = spec.serving().localGateway();
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("hosts", List.of("*"));
    switch (mode) {
      case IstioMutual -> {
        server.put("port", Map.of("number", 8081, "name", "https", "protocol", "HTTPS"));
        server.put("tls", Map.of("mode", "ISTIO_MUTUAL"));
      }
      case Http -> server.put("port", Map.of("number", 8081, "name", "http", "protocol", "HTTP"));
      case Https -> {
        server.put("port", Map.of("number", 8081, "name", "https", "protocol", "HTTPS"));
        server.put("tls", Map.of("mode", "SIMPLE", "credentialName", spec.serving().localGatewaySecretName()));
      }
    }
    return CustomResources.named(ISTIO_NETWORKING, "Gateway", KNATIVE_SERVING, "knative-local-gateway")
        .addToAdditionalProperties("spec", Map.of("selector", KNATIVE_INGRESS_GATEWAY, "servers", List.of(server)))
        .build();
  }

  /** S5: the cluster-local entry point Knative routes to, port 80 onto the gateway's 8081. */
  public static Service knativeLocalGatewayService(ServiceMeshOptions mesh) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("knative-local-gateway")
        .withNamespace(mesh.controlPlaneNamespace())
        .addToLabels("experimental.istio.io/disable-gateway-port-translation", "true")
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .addToSelector("istio", "ingressgateway")
        .addNewPort().withName("http2").withPort(80).withTargetPort(new IntOrString(8081)).endPort()
        .endSpec()
        .build();
  }
}
