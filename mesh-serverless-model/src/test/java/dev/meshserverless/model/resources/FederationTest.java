package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshserverless.model.descriptor.MeshFederation;
import dev.meshserverless.model.descriptor.MeshFederation.Peer;
import dev.meshserverless.model.descriptor.MeshFederation.ServiceName;
import dev.meshserverless.model.output.ManifestYaml;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** S19: the federation objects of one mesh, field by field, and the docs' own ServiceMeshPeer. */
class FederationTest {
  private static final Path SEED_PEER =
      Path.of("../../shared/validation/reference/seed-examples/11-servicemeshpeer.yaml");
  private static final String GREEN_PEM = "-----BEGIN CERTIFICATE-----\nMIIBgreen\n-----END CERTIFICATE-----\n";
  private static final String PARTNER_PEM = "-----BEGIN CERTIFICATE-----\nMIIBpartner\n-----END CERTIFICATE-----\n";

  /** The docs' red-mesh (S19): green-mesh in the descriptor, exporting and importing; a partner outside it. */
  private static final Peer GREEN = new Peer("green-mesh", "green",
      List.of("ingress-red-mesh.green-mesh-system.apps.domain.com"), 8188, 15443, "green-mesh.local",
      "green-mesh-system", GREEN_PEM,
      List.of(new ServiceName("red-bookinfo", "ratings"), new ServiceName("red-bookinfo", "details")),
      List.of(new ServiceName("green-bookinfo", "reviews")));
  private static final Peer PARTNER = new Peer("partner-mesh", null, List.of("203.0.113.10", "203.0.113.11"),
      30188, 30443, "partner.example.com", "partner-system", PARTNER_PEM, List.of(), List.of());
  private static final MeshFederation RED =
      new MeshFederation("red", "red-mesh", "red-mesh.local", "red-mesh-system", List.of(PARTNER, GREEN));

  @Nested
  @DisplayName("ServiceMeshPeer")
  class ServiceMeshPeer {
    private final GenericKubernetesResource peer = Federation.serviceMeshPeer(RED, GREEN);

    @Test
    @DisplayName("is named after the peer, in this mesh's control-plane namespace")
    void metadata() {
      assertThat(peer.getApiVersion()).isEqualTo("federation.maistra.io/v1");
      assertThat(peer.getKind()).isEqualTo("ServiceMeshPeer");
      assertThat(peer.getMetadata().getName()).isEqualTo("green-mesh");
      assertThat(peer.getMetadata().getNamespace()).isEqualTo("red-mesh-system");
    }

    @Test
    @DisplayName("carries exactly S19's fields")
    void fields() {
      assertThat(peer.<Map<String, Object>>get("spec")).containsOnlyKeys("remote", "gateways", "security");
      assertThat(peer.<List<String>>get("spec", "remote", "addresses"))
          .containsExactly("ingress-red-mesh.green-mesh-system.apps.domain.com");
      assertThat(peer.<Integer>get("spec", "remote", "discoveryPort")).isEqualTo(8188);
      assertThat(peer.<Integer>get("spec", "remote", "servicePort")).isEqualTo(15443);
      assertThat(peer.<String>get("spec", "gateways", "ingress", "name")).isEqualTo("ingress-green-mesh");
      assertThat(peer.<String>get("spec", "gateways", "egress", "name")).isEqualTo("egress-green-mesh");
      assertThat(peer.<String>get("spec", "security", "trustDomain")).isEqualTo("green-mesh.local");
      assertThat(peer.<String>get("spec", "security", "clientID"))
          .isEqualTo("green-mesh.local/ns/green-mesh-system/sa/egress-red-mesh-service-account");
      assertThat(peer.<Map<String, Object>>get("spec", "security", "certificateChain"))
          .isEqualTo(Map.of("kind", "ConfigMap", "name", "green-mesh-ca-root-cert"));
    }

    @Test
    @DisplayName("a mesh outside the descriptor keeps its own ports, addresses and trust domain")
    void external() {
      GenericKubernetesResource partner = Federation.serviceMeshPeer(RED, PARTNER);
      assertThat(partner.<List<String>>get("spec", "remote", "addresses")).containsExactly("203.0.113.10",
          "203.0.113.11");
      assertThat(partner.<Integer>get("spec", "remote", "discoveryPort")).isEqualTo(30188);
      assertThat(partner.<Integer>get("spec", "remote", "servicePort")).isEqualTo(30443);
      assertThat(partner.<String>get("spec", "security", "clientID"))
          .isEqualTo("partner.example.com/ns/partner-system/sa/egress-red-mesh-service-account");
    }

    @Test
    @DisplayName("equals the documentation's example, ports written out")
    void seedExample() throws IOException {
      Assumptions.assumeTrue(Files.isRegularFile(SEED_PEER), "../shared not present");
      YAMLMapper yaml = new YAMLMapper();
      Map<String, Object> expected = yaml.readValue(SEED_PEER.toFile(), new TypeReference<>() {});
      Map<String, Object> actual = yaml.readValue(ManifestYaml.write(peer), new TypeReference<>() {});
      @SuppressWarnings("unchecked")
      Map<String, Object> remote = (Map<String, Object>) ((Map<String, Object>) expected.get("spec")).get("remote");
      remote.put("discoveryPort", 8188); // the docs leave S19's defaults out
      remote.put("servicePort", 15443);
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Nested
  @DisplayName("the peer's root certificate")
  class RootCertificate {
    @Test
    @DisplayName("is the ConfigMap <peer>-ca-root-cert with key root-cert.pem, in the control-plane namespace")
    void configMap() {
      ConfigMap configMap = Federation.caRootCertificate(RED, GREEN);
      assertThat(configMap.getMetadata().getName()).isEqualTo("green-mesh-ca-root-cert");
      assertThat(configMap.getMetadata().getNamespace()).isEqualTo("red-mesh-system");
      assertThat(configMap.getData()).containsExactly(Map.entry("root-cert.pem", GREEN_PEM));
      assertThat(configMap.getBinaryData()).isNullOrEmpty();
    }

    @Test
    @DisplayName("is written as a YAML literal block")
    void literalBlock() {
      String written = new String(ManifestYaml.write(Federation.caRootCertificate(RED, GREEN)),
          java.nio.charset.StandardCharsets.UTF_8);
      assertThat(written).contains("  root-cert.pem: |\n    -----BEGIN CERTIFICATE-----\n    MIIBgreen\n");
    }
  }

  @Nested
  @DisplayName("exported and imported services")
  class ServiceSets {
    @Test
    @DisplayName("the ExportedServiceSet is named after the peer, one NameSelector per service, sorted")
    void exported() {
      GenericKubernetesResource exported = Federation.exportedServiceSet(RED, GREEN);
      assertThat(exported.getApiVersion()).isEqualTo("federation.maistra.io/v1");
      assertThat(exported.getKind()).isEqualTo("ExportedServiceSet");
      assertThat(exported.getMetadata().getName()).isEqualTo("green-mesh");
      assertThat(exported.getMetadata().getNamespace()).isEqualTo("red-mesh-system");
      assertThat(exported.<List<Object>>get("spec", "exportRules")).containsExactly(
          nameSelector("red-bookinfo", "details"), nameSelector("red-bookinfo", "ratings"));
    }

    @Test
    @DisplayName("the ImportedServiceSet is named after the peer, one NameSelector per service")
    void imported() {
      GenericKubernetesResource imported = Federation.importedServiceSet(RED, GREEN);
      assertThat(imported.getKind()).isEqualTo("ImportedServiceSet");
      assertThat(imported.getMetadata().getName()).isEqualTo("green-mesh");
      assertThat(imported.getMetadata().getNamespace()).isEqualTo("red-mesh-system");
      assertThat(imported.<List<Object>>get("spec", "importRules"))
          .containsExactly(nameSelector("green-bookinfo", "reviews"));
    }

    @Test
    @DisplayName("per peer: its ServiceMeshPeer and root certificate, and service sets only when there are services")
    void resources() {
      assertThat(Federation.resources(RED)).extracting(r -> r.getKind() + " " + r.getMetadata().getName())
          .containsExactly(
              "ServiceMeshPeer green-mesh", "ConfigMap green-mesh-ca-root-cert",
              "ExportedServiceSet green-mesh", "ImportedServiceSet green-mesh",
              "ServiceMeshPeer partner-mesh", "ConfigMap partner-mesh-ca-root-cert");
      assertThat(Federation.resources(RED)).extracting(HasMetadata::getMetadata)
          .allSatisfy(metadata -> assertThat(metadata.getNamespace()).isEqualTo("red-mesh-system"));
    }

    private Map<String, Object> nameSelector(String namespace, String name) {
      return Map.of("type", "NameSelector", "nameSelector", Map.of("namespace", namespace, "name", name));
    }
  }

  @Nested
  @DisplayName("the control plane")
  class ControlPlane {
    private final GenericKubernetesResource base = Mesh.serviceMeshControlPlane(Specs.defaults().serviceMesh());
    private final GenericKubernetesResource smcp = Federation.serviceMeshControlPlane(base, RED);

    @Test
    @DisplayName("gets this mesh's trust domain")
    void trustDomain() {
      assertThat(smcp.<String>get("spec", "security", "trust", "domain")).isEqualTo("red-mesh.local");
    }

    @Test
    @DisplayName("keeps everything S3 sets")
    void keepsS3() {
      assertThat(smcp.getMetadata()).isEqualTo(base.getMetadata());
      assertThat(smcp.<Boolean>get("spec", "security", "dataPlane", "mtls")).isTrue();
      assertThat(smcp.<Map<String, Object>>get("spec", "gateways", "ingress"))
          .isEqualTo(base.<Map<String, Object>>get("spec", "gateways", "ingress"));
      Map<String, Object> withoutFederation = new LinkedHashMap<>(smcp.<Map<String, Object>>get("spec"));
      withoutFederation.remove("security");
      withoutFederation.remove("gateways");
      Map<String, Object> expected = new LinkedHashMap<>(base.<Map<String, Object>>get("spec"));
      expected.remove("security");
      expected.remove("gateways");
      assertThat(withoutFederation).isEqualTo(expected);
      assertThat(base.<Object>get("spec", "security", "trust")).as("the original is not changed").isNull();
    }

    @Test
    @DisplayName("gets, per peer, an ingress gateway ingress-<peer> behind a load balancer, as the docs configure it")
    void ingress() {
      assertThat(smcp.<Map<String, Object>>get("spec", "gateways", "additionalIngress"))
          .containsOnlyKeys("ingress-green-mesh", "ingress-partner-mesh");
      assertThat(smcp.<Map<String, Object>>get("spec", "gateways", "additionalIngress", "ingress-green-mesh"))
          .isEqualTo(Map.of(
              "enabled", true,
              "service", Map.of(
                  "type", "LoadBalancer",
                  "metadata", Map.of("labels", Map.of("federation.maistra.io/ingress-for", "ingress-green-mesh")),
                  "ports", List.of(Map.of("port", 15443, "name", "tls"),
                      Map.of("port", 8188, "name", "https-discovery")))));
    }

    @Test
    @DisplayName("gets, per peer, an egress gateway egress-<peer> seeing the peer's network")
    void egress() {
      assertThat(smcp.<Map<String, Object>>get("spec", "gateways", "additionalEgress"))
          .containsOnlyKeys("egress-green-mesh", "egress-partner-mesh");
      assertThat(smcp.<Map<String, Object>>get("spec", "gateways", "additionalEgress", "egress-partner-mesh"))
          .isEqualTo(Map.of(
              "enabled", true,
              "requestedNetworkView", List.of("network-partner-mesh"),
              "service", Map.of(
                  "metadata", Map.of("labels", Map.of("federation.maistra.io/egress-for", "egress-partner-mesh")),
                  "ports", List.of(Map.of("port", 15443, "name", "tls"),
                      Map.of("port", 8188, "name", "http-discovery")))));
    }

    @Test
    @DisplayName("without peers, only the trust domain is added")
    void noPeers() {
      GenericKubernetesResource alone = Federation.serviceMeshControlPlane(base,
          new MeshFederation("red", "red-mesh", "red-mesh.local", "red-mesh-system", List.of()));
      assertThat(alone.<Map<String, Object>>get("spec", "gateways"))
          .isEqualTo(base.<Map<String, Object>>get("spec", "gateways"));
      assertThat(alone.<String>get("spec", "security", "trust", "domain")).isEqualTo("red-mesh.local");
      assertThat(Federation.resources(new MeshFederation("red", "red-mesh", "red-mesh.local", "red-mesh-system",
          List.of()))).isEmpty();
    }
  }
}
