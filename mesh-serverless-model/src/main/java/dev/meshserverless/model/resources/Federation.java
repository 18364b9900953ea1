package dev.meshserverless.model.resources;

import dev.meshserverless.model.descriptor.MeshFederation;
import dev.meshserverless.model.descriptor.MeshFederation.Peer;
import dev.meshserverless.model.descriptor.MeshFederation.ServiceName;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S19 federation: what a mesh needs for each mesh it federates with. Every object lives in the control-plane
 * namespace and is named after the peer, as Maistra looks them up: the {@code ServiceMeshPeer}, the peer's root
 * certificate, the services exported to it and imported from it, and the control plane's gateways dedicated to it.
 */
public final class Federation {
  static final String FEDERATION = "federation.maistra.io/v1";
  /** The ConfigMap key Maistra reads a peer's root certificate from (S19). */
  static final String ROOT_CERT_KEY = "root-cert.pem";

  private Federation() {}

  /** Every object of {@code mesh}'s federation except the control plane: per peer, sorted by peer. */
  public static List<HasMetadata> resources(MeshFederation mesh) {
    List<HasMetadata> resources = new ArrayList<>();
    for (Peer peer : mesh.peers()) {
      resources.add(serviceMeshPeer(mesh, peer));
      resources.add(caRootCertificate(mesh, peer));
      if (!peer.exports().isEmpty()) {
        resources.add(exportedServiceSet(mesh, peer));
      }
      if (!peer.imports().isEmpty()) {
        resources.add(importedServiceSet(mesh, peer));
      }
    }
    return resources;
  }

  /**
   * S19: the control plane {@code controlPlane} (S3) prepared for federation: this mesh's own trust domain, and
   * for each peer an ingress gateway {@code ingress-<peer>} the peer dials (a Layer 4 {@code LoadBalancer}: TLS
   * passes through to the mesh) and an egress gateway {@code egress-<peer>} this mesh dials out through, each
   * labelled so that federated traffic never flows through the default gateways. Discovery is HTTPS into the
   * ingress and HTTP into the egress, as the Service Mesh documentation configures them.
   */
  public static GenericKubernetesResource serviceMeshControlPlane(
      GenericKubernetesResource controlPlane, MeshFederation mesh) {
    Map<String, Object> ingress = new TreeMap<>();
    Map<String, Object> egress = new TreeMap<>();
    for (Peer peer : mesh.peers()) {
      ingress.put(ingressGateway(peer), Map.of(
          "enabled", true,
          "service", Map.of(
              "type", "LoadBalancer",
              "metadata", Map.of("labels", Map.of("federation.maistra.io/ingress-for", ingressGateway(peer))),
              "ports", gatewayPorts("https-discovery"))));
      egress.put(egressGateway(peer), Map.of(
          "enabled", true,
          // Maistra puts the endpoints imported from a peer on the network "network-<peer>".
          "requestedNetworkView", List.of("network-" + peer.name()),
          "service", Map.of(
              "metadata", Map.of("labels", Map.of("federation.maistra.io/egress-for", egressGateway(peer))),
              "ports", gatewayPorts("http-discovery"))));
    }
    Map<String, Object> additions = new LinkedHashMap<>();
    additions.put("security", Map.of("trust", Map.of("domain", mesh.trustDomain())));
    if (!mesh.peers().isEmpty()) {
      additions.put("gateways", Map.of("additionalIngress", ingress, "additionalEgress", egress));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) controlPlane.getAdditionalProperties().get("spec");
    return new GenericKubernetesResourceBuilder(controlPlane)
        .removeFromAdditionalProperties("spec")
        .addToAdditionalProperties("spec", merge(spec == null ? Map.of() : spec, additions))
        .build();
  }

  /**
   * S19: this mesh's side of the federation with {@code peer}: where the peer's ingress gateway for this mesh is
   * reached, this mesh's gateways for the peer, and how the peer is trusted: its trust domain, the identity of its
   * egress gateway for this mesh ({@code <peer trust domain>/ns/<peer control plane>/sa/egress-<this mesh>-service-account})
   * and the ConfigMap holding its root certificate.
   */
  public static GenericKubernetesResource serviceMeshPeer(MeshFederation mesh, Peer peer) {
    return CustomResources.named(FEDERATION, "ServiceMeshPeer", mesh.controlPlaneNamespace(), peer.name())
        .addToAdditionalProperties("spec", Map.of(
            "remote", Map.of(
                "addresses", peer.addresses(),
                "discoveryPort", peer.discoveryPort(),
                "servicePort", peer.servicePort()),
            "gateways", Map.of(
                "ingress", Map.of("name", ingressGateway(peer)),
                "egress", Map.of("name", egressGateway(peer))),
            "security", Map.of(
                "trustDomain", peer.trustDomain(),
                "clientID", peer.trustDomain() + "/ns/" + peer.controlPlaneNamespace() + "/sa/egress-"
                    + mesh.meshName() + "-service-account",
                "certificateChain", Map.of("kind", "ConfigMap", "name", caRootCertificateName(peer)))))
        .build();
  }

  /** S19: the peer's public CA root certificate, under the key Maistra reads ({@code root-cert.pem}); not a secret. */
  public static ConfigMap caRootCertificate(MeshFederation mesh, Peer peer) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(caRootCertificateName(peer))
        .withNamespace(mesh.controlPlaneNamespace())
        .endMetadata()
        .addToData(ROOT_CERT_KEY, peer.rootCertificate())
        .build();
  }

  /**
   * The services of this mesh the peer may see, one {@code NameSelector} rule each. Maistra allows one set per
   * peer and control plane, named after the peer: it gathers the exports of every tenant.
   */
  public static GenericKubernetesResource exportedServiceSet(MeshFederation mesh, Peer peer) {
    return CustomResources.named(FEDERATION, "ExportedServiceSet", mesh.controlPlaneNamespace(), peer.name())
        .addToAdditionalProperties("spec", Map.of("exportRules", nameSelectors(peer.exports())))
        .build();
  }

  /**
   * The services of the peer this mesh imports, one {@code NameSelector} rule each; they are reached as
   * {@code <name>.<namespace>.svc.<peer>-imports.local}.
   */
  public static GenericKubernetesResource importedServiceSet(MeshFederation mesh, Peer peer) {
    return CustomResources.named(FEDERATION, "ImportedServiceSet", mesh.controlPlaneNamespace(), peer.name())
        .addToAdditionalProperties("spec", Map.of("importRules", nameSelectors(peer.imports())))
        .build();
  }

  /** The ConfigMap holding a peer's root certificate: Maistra's default name, written out (S19). */
  static String caRootCertificateName(Peer peer) {
    return peer.name() + "-ca-root-cert";
  }

  static String ingressGateway(Peer peer) {
    return "ingress-" + peer.name();
  }

  static String egressGateway(Peer peer) {
    return "egress-" + peer.name();
  }

  /** S19: service requests (raw TLS) on 15443 and discovery on 8188, in the order the documentation lists them. */
  private static List<Map<String, Object>> gatewayPorts(String discoveryPortName) {
    return List.of(
        Map.of("port", MeshFederation.DEFAULT_SERVICE_PORT, "name", "tls"),
        Map.of("port", MeshFederation.DEFAULT_DISCOVERY_PORT, "name", discoveryPortName));
  }

  private static List<Map<String, Object>> nameSelectors(List<ServiceName> services) {
    return services.stream()
        .map(service -> Map.<String, Object>of("type", "NameSelector",
            "nameSelector", Map.of("namespace", service.namespace(), "name", service.name())))
        .toList();
  }

  /** {@code additions} deep-merged onto {@code base}: maps merge key by key, anything else replaces. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> additions) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    additions.forEach((key, value) -> merged.merge(key, value, (current, added) ->
        current instanceof Map<?, ?> currentMap && added instanceof Map<?, ?> addedMap
            ? merge((Map<String, Object>) currentMap, (Map<String, Object>) addedMap)
            : added));
    return merged;
  }
}
