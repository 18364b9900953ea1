package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshserverless.model.output.RenderedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S19 on the rendered tree of the golden case {@code federation-three-meshes}: three environments federated pairwise
 * (declared on one side or both) and a mesh outside the descriptor. Everything is read back from the YAML files of
 * each environment's platform, never from the builders: each ServiceMeshPeer must agree with its mirror on the other
 * side, with both control planes, and with the root certificate files of the descriptor.
 */
class FederationTreeTest {
  private static final Path DESCRIPTOR = GoldenTreeTest.GOLDEN.resolve("federation-three-meshes/mesh-serverless");
  /** What the descriptor says of each environment: cluster domain, control-plane namespace. */
  private static final Map<String, List<String>> ENVIRONMENTS = Map.of(
      "red", List.of("apps.red.example.com", "red-mesh-system"),
      "green", List.of("apps.green.example.com", "green-mesh-system"),
      "blue", List.of("apps.blue.example.com", "istio-system"));
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Each environment's platform objects, as the files of platform/base and platform/overlays/<env> hold them. */
  private static final SortedMap<String, List<Resource>> PLATFORMS = new TreeMap<>();

  /** One object of the tree. */
  record Resource(Map<String, Object> map) {
    String kind() {
      return (String) map.get("kind");
    }

    String name() {
      return get("metadata", "name");
    }

    String namespace() {
      return get("metadata", "namespace");
    }

    @SuppressWarnings("unchecked")
    <T> T get(String... path) {
      Object value = map;
      for (String key : path) {
        value = value == null ? null : ((Map<String, Object>) value).get(key);
      }
      return (T) value;
    }
  }

  @BeforeAll
  static void render() throws Exception {
    RenderedTree tree = Platforms.render(DESCRIPTOR);
    for (String env : ENVIRONMENTS.keySet()) {
      List<Resource> resources = new ArrayList<>();
      for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
        String path = file.getKey();
        boolean platform = path.startsWith("platform/base/") || path.startsWith("platform/overlays/" + env + "/");
        if (platform && !path.endsWith("/kustomization.yaml")) {
          resources.add(new Resource(YAML.readValue(file.getValue(), new TypeReference<Map<String, Object>>() {})));
        }
      }
      PLATFORMS.put(env, resources);
    }
  }

  @Test
  @DisplayName("three federated environments give exactly six peers, one per ordered pair, and one peer outside")
  void sixPeers() {
    List<String> pairs = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (String env : PLATFORMS.keySet()) {
      for (Resource peer : all(env, "ServiceMeshPeer")) {
        String other = environmentTrusting(peer.get("spec", "security", "trustDomain"));
        if (other == null) {
          outside.add(env + " -> " + peer.name());
        } else {
          pairs.add(env + " -> " + other);
        }
      }
    }
    assertThat(pairs).containsExactlyInAnyOrder("blue -> green", "blue -> red", "green -> blue", "green -> red",
        "red -> blue", "red -> green");
    assertThat(outside).containsExactly("red -> partner-mesh");
  }

  @Test
  @DisplayName("each peer agrees with its mirror and with both control planes")
  void mirrors() {
    int checked = 0;
    for (String a : PLATFORMS.keySet()) {
      for (Resource peer : all(a, "ServiceMeshPeer")) {
        String b = environmentTrusting(peer.get("spec", "security", "trustDomain"));
        if (b == null) {
          continue;
        }
        Resource mirror = peerTrusting(b, trustDomain(a));
        String meshA = mirror.name(); // what b calls a
        String meshB = peer.name(); // what a calls b
        String namespaceA = ENVIRONMENTS.get(a).get(1);
        String namespaceB = ENVIRONMENTS.get(b).get(1);
        assertThat(peer.namespace()).as("%s's peer for %s", a, b).isEqualTo(namespaceA);
        assertThat(mirror.namespace()).isEqualTo(namespaceB);

        // a's own gateways for b exist in a's control plane.
        assertThat(peer.<String>get("spec", "gateways", "ingress", "name")).isEqualTo("ingress-" + meshB);
        assertThat(peer.<String>get("spec", "gateways", "egress", "name")).isEqualTo("egress-" + meshB);
        assertThat(additionalIngress(a)).contains("ingress-" + meshB);
        assertThat(additionalEgress(a)).contains("egress-" + meshB);

        // a dials b's ingress gateway for a, published under b's namespace and domain (or b's ingressDomain).
        assertThat(additionalIngress(b)).contains("ingress-" + meshA);
        List<String> addresses = peer.get("spec", "remote", "addresses");
        assertThat(addresses).hasSize(1);
        assertThat(addresses.get(0)).startsWith("ingress-" + meshA + ".");
        if (!b.equals("green")) { // green publishes its gateways under ingressDomain federation.green.example.com
          assertThat(addresses.get(0)).isEqualTo("ingress-" + meshA + "." + namespaceB + "." + ENVIRONMENTS.get(b).get(0));
        } else {
          assertThat(addresses.get(0)).isEqualTo("ingress-" + meshA + ".federation.green.example.com");
        }
        assertThat(peer.<Integer>get("spec", "remote", "discoveryPort")).isEqualTo(8188);
        assertThat(peer.<Integer>get("spec", "remote", "servicePort")).isEqualTo(15443);

        // b's requests come from b's egress gateway for a, whose service account is named after it.
        assertThat(additionalEgress(b)).contains("egress-" + meshA);
        assertThat(peer.<String>get("spec", "security", "clientID"))
            .isEqualTo(trustDomain(b) + "/ns/" + namespaceB + "/sa/egress-" + meshA + "-service-account");
        assertThat(mirror.<String>get("spec", "security", "clientID"))
            .isEqualTo(trustDomain(a) + "/ns/" + namespaceA + "/sa/egress-" + meshB + "-service-account");

        // b is trusted through its root certificate, in a ConfigMap of a's namespace.
        assertThat(peer.<Map<String, Object>>get("spec", "security", "certificateChain"))
            .isEqualTo(Map.of("kind", "ConfigMap", "name", meshB + "-ca-root-cert"));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(6);
  }

  @Test
  @DisplayName("each peer's certificate chain is a ConfigMap holding that mesh's root certificate file as root-cert.pem")
  void rootCertificates() throws IOException {
    int checked = 0;
    for (String env : PLATFORMS.keySet()) {
      for (Resource peer : all(env, "ServiceMeshPeer")) {
        String configMapName = peer.get("spec", "security", "certificateChain", "name");
        Resource configMap = one(env, "ConfigMap", configMapName);
        assertThat(configMap.namespace()).isEqualTo(peer.namespace());
        String owner = environmentTrusting(peer.get("spec", "security", "trustDomain"));
        String file = owner == null ? peer.name() : owner + "-mesh"; // how the golden case names its PEM files
        assertThat(configMap.<Map<String, Object>>get("data"))
            .containsExactly(Map.entry("root-cert.pem", Files.readString(DESCRIPTOR.resolve("certs/" + file + ".pem"))));
        checked++;
      }
      assertThat(all(env, "ConfigMap")).hasSameSizeAs(all(env, "ServiceMeshPeer"));
    }
    assertThat(checked).isEqualTo(7);
  }

  @Test
  @DisplayName("a service exported to a mesh of the descriptor is imported there, and nothing else is")
  void exportsAndImports() {
    Set<String> exported = new TreeSet<>();
    Set<String> importedFromInside = new TreeSet<>();
    Set<String> importedFromOutside = new TreeSet<>();
    for (String env : PLATFORMS.keySet()) {
      for (Resource set : all(env, "ExportedServiceSet")) {
        Resource peer = one(env, "ServiceMeshPeer", set.name());
        String to = environmentTrusting(peer.get("spec", "security", "trustDomain"));
        assertThat(set.namespace()).isEqualTo(peer.namespace());
        for (Map<String, Object> rule : set.<List<Map<String, Object>>>get("spec", "exportRules")) {
          exported.add(env + " -> " + (to == null ? set.name() : to) + ": " + selected(rule));
        }
      }
      for (Resource set : all(env, "ImportedServiceSet")) {
        Resource peer = one(env, "ServiceMeshPeer", set.name());
        String from = environmentTrusting(peer.get("spec", "security", "trustDomain"));
        assertThat(set.namespace()).isEqualTo(peer.namespace());
        for (Map<String, Object> rule : set.<List<Map<String, Object>>>get("spec", "importRules")) {
          (from == null ? importedFromOutside : importedFromInside)
              .add((from == null ? set.name() : from) + " -> " + env + ": " + selected(rule));
        }
      }
    }
    assertThat(exported).containsExactly(
        "blue -> red: team-bravo-1/orders",
        "green -> red: team-bravo-1/orders",
        "red -> green: team-alpha-1/payments",
        "red -> partner-mesh: team-alpha-1/payments");
    assertThat(importedFromInside).containsExactlyElementsOf(
        exported.stream().filter(e -> !e.contains("partner-mesh")).toList());
    assertThat(importedFromOutside).containsExactly("partner-mesh -> red: shop/catalog");
  }

  @Test
  @DisplayName("each control plane has its own trust domain and exactly the gateways its peers name")
  void controlPlanes() {
    Set<String> trustDomains = new TreeSet<>();
    for (String env : PLATFORMS.keySet()) {
      trustDomains.add(trustDomain(env));
      Set<String> peers = new TreeSet<>(all(env, "ServiceMeshPeer").stream().map(Resource::name).toList());
      assertThat(additionalIngress(env)).containsExactlyInAnyOrderElementsOf(
          peers.stream().map(p -> "ingress-" + p).toList());
      assertThat(additionalEgress(env)).containsExactlyInAnyOrderElementsOf(
          peers.stream().map(p -> "egress-" + p).toList());
    }
    assertThat(trustDomains).containsExactly("blue-mesh.example.com", "green-mesh.local", "red-mesh.local");
  }

  @Test
  @DisplayName("the same bytes whatever the order of the documents and peers, and no private key anywhere")
  void deterministic(@TempDir Path dir) throws Exception {
    List<String> documents = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(DESCRIPTOR)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        documents.addAll(List.of(Files.readString(file).split("(?m)^---$")));
      }
    }
    Collections.reverse(documents);
    Files.writeString(dir.resolve("all.yaml"), String.join("\n---\n", documents));
    Files.createDirectories(dir.resolve("certs"));
    try (Stream<Path> certs = Files.list(DESCRIPTOR.resolve("certs"))) {
      for (Path cert : certs.toList()) {
        Files.copy(cert, dir.resolve("certs").resolve(cert.getFileName()));
      }
    }
    RenderedTree original = Platforms.render(DESCRIPTOR);
    assertThat(Platforms.render(dir)).isEqualTo(original);
    original.files().forEach((path, bytes) -> assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .as(path).doesNotContain("PRIVATE KEY").doesNotContain("kind: Secret"));
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static String selected(Map<String, Object> rule) {
    assertThat(rule.get("type")).isEqualTo("NameSelector");
    @SuppressWarnings("unchecked")
    Map<String, Object> selector = (Map<String, Object>) rule.get("nameSelector");
    return selector.get("namespace") + "/" + selector.get("name");
  }

  private static List<Resource> all(String env, String kind) {
    return PLATFORMS.get(env).stream().filter(r -> r.kind().equals(kind)).toList();
  }

  private static Resource one(String env, String kind, String name) {
    List<Resource> found = all(env, kind).stream().filter(r -> r.name().equals(name)).toList();
    assertThat(found).as("%s %s in %s", kind, name, env).hasSize(1);
    return found.get(0);
  }

  /** The one ServiceMeshPeer in {@code env} for the mesh with {@code trustDomain}. */
  private static Resource peerTrusting(String env, String trustDomain) {
    List<Resource> found = all(env, "ServiceMeshPeer").stream()
        .filter(r -> trustDomain.equals(r.get("spec", "security", "trustDomain"))).toList();
    assertThat(found).as("the peer in %s for trust domain %s", env, trustDomain).hasSize(1);
    return found.get(0);
  }

  private static Resource controlPlane(String env) {
    List<Resource> found = all(env, "ServiceMeshControlPlane");
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static String trustDomain(String env) {
    return controlPlane(env).get("spec", "security", "trust", "domain");
  }

  /** The environment whose control plane has {@code trustDomain}, or null for a mesh outside the descriptor. */
  private static String environmentTrusting(String trustDomain) {
    return PLATFORMS.keySet().stream().filter(env -> trustDomain.equals(trustDomain(env))).findFirst().orElse(null);
  }

  private static Set<String> additionalIngress(String env) {
    return controlPlane(env).<Map<String, Object>>get("spec", "gateways", "additionalIngress").keySet();
  }

  private static Set<String> additionalEgress(String env) {
    return controlPlane(env).<Map<String, Object>>get("spec", "gateways", "additionalEgress").keySet();
  }
}
