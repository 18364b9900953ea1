package dev.meshserverless.model.descriptor;

import java.util.Comparator;
import java.util.List;

/**
 * S19: the mesh of one environment and every mesh it federates with, resolved from both sides: a pairing declared
 * by either environment, the meshes outside the descriptor that it names, and the services the tenants export and
 * import.
 *
 * @param environment the environment whose mesh this is
 * @param meshName the name the peers know this mesh by (the name of their {@code ServiceMeshPeer} for it)
 * @param trustDomain this mesh's trust domain ({@code ServiceMeshControlPlane} {@code spec.security.trust.domain})
 * @param controlPlaneNamespace this mesh's control-plane namespace, where every federation resource lives
 * @param peers every mesh this one federates with, sorted by name
 */
public record MeshFederation(
    String environment, String meshName, String trustDomain, String controlPlaneNamespace, List<Peer> peers) {
  /** S19: a peer's discovery port unless it says otherwise. */
  public static final int DEFAULT_DISCOVERY_PORT = 8188;
  /** S19: a peer's service port unless it says otherwise. */
  public static final int DEFAULT_SERVICE_PORT = 15443;

  public MeshFederation {
    peers = peers.stream().sorted(Comparator.comparing(Peer::name)).toList();
  }

  /**
   * One mesh this mesh federates with.
   *
   * @param name the peer's mesh name: the name of the {@code ServiceMeshPeer}, and of this mesh's gateways for it
   *     ({@code ingress-<name>}, {@code egress-<name>})
   * @param environment the peer's environment when it is in this descriptor, null for a mesh outside it
   * @param addresses where this mesh reaches the peer's ingress gateway dedicated to it
   * @param discoveryPort the port of those addresses that serves discovery
   * @param servicePort the port of those addresses that serves service requests
   * @param trustDomain the peer's trust domain
   * @param controlPlaneNamespace the peer's control-plane namespace, where its egress gateway for this mesh runs
   * @param rootCertificate the peer's public CA root certificate, PEM, ending with a newline
   * @param exports this mesh's services exported to the peer, sorted
   * @param imports the peer's services imported into this mesh, sorted
   */
  public record Peer(
      String name,
      String environment,
      List<String> addresses,
      int discoveryPort,
      int servicePort,
      String trustDomain,
      String controlPlaneNamespace,
      String rootCertificate,
      List<ServiceName> exports,
      List<ServiceName> imports) {
    public Peer {
      addresses = List.copyOf(addresses);
      exports = exports.stream().distinct().sorted().toList();
      imports = imports.stream().distinct().sorted().toList();
    }
  }

  /** A Kubernetes Service by namespace and name, as federation selects it ({@code NameSelector}). */
  public record ServiceName(String namespace, String name) implements Comparable<ServiceName> {
    private static final Comparator<ServiceName> ORDER =
        Comparator.comparing(ServiceName::namespace).thenComparing(ServiceName::name);

    @Override
    public int compareTo(ServiceName other) {
      return ORDER.compare(this, other);
    }
  }
}
