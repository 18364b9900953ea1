package dev.meshserverless.model.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.meshserverless.model.descriptor.MeshFederation.Peer;
import dev.meshserverless.model.descriptor.MeshFederation.ServiceName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environment.spec.federation and Tenant.spec.federation (S19, S20), read from descriptor directories in a temporary
 * folder. {@link #environment} puts the federation body at line 8, indented by 4: its line k, column c is the file's
 * line 7 + k, column c + 4. {@link #tenant} puts it at line 9: line 8 + k, column c + 4.
 */
class FederationReaderTest {
  private static final Path CERTS = Path.of("src/test/resources/golden/federation-three-meshes/mesh-serverless/certs");

  @TempDir
  Path dir;

  @BeforeEach
  void platformAndCertificates() throws IOException {
    write("platform.yaml", platform("serviceMesh: {version: \"2.6\"}\n"));
    Files.createDirectories(dir.resolve("certs"));
    for (String mesh : List.of("red-mesh", "green-mesh", "blue-mesh", "partner-mesh")) {
      Files.copy(CERTS.resolve(mesh + ".pem"), dir.resolve("certs/" + mesh + ".pem"));
    }
  }

  @Nested
  @DisplayName("a federated descriptor")
  class Valid {
    @Test
    @DisplayName("a pairing declared on one side federates both meshes, with S19's defaults")
    void oneSideFederatesBoth() throws Exception {
      write("red.yaml", environment("red", """
          rootCertificate: certs/red-mesh.pem
          peers:
            - environment: green
          """));
      write("green.yaml", environment("green", "rootCertificate: certs/green-mesh.pem\n"));

      Descriptor descriptor = DescriptorReader.read(dir);

      MeshFederation red = descriptor.federation("red").orElseThrow();
      MeshFederation green = descriptor.federation("green").orElseThrow();
      assertThat(red).isEqualTo(new MeshFederation("red", "red-mesh", "red-mesh.local", "istio-system", List.of(
          new Peer("green-mesh", "green", List.of("ingress-red-mesh.istio-system.apps.green.example.com"), 8188,
              15443, "green-mesh.local", "istio-system", pem("green-mesh"), List.of(), List.of()))));
      assertThat(green).isEqualTo(new MeshFederation("green", "green-mesh", "green-mesh.local", "istio-system",
          List.of(new Peer("red-mesh", "red", List.of("ingress-green-mesh.istio-system.apps.red.example.com"), 8188,
              15443, "red-mesh.local", "istio-system", pem("red-mesh"), List.of(), List.of()))));
    }

    @Test
    @DisplayName("S19's example: addresses point at the other side's control-plane namespace and cluster domain")
    void documentationExample() throws Exception {
      write("red.yaml", environment("red", "apps.red.example.com", """
          rootCertificate: certs/red-mesh.pem
          peers: [{environment: green}]
          """, "{serviceMesh: {controlPlane: {namespace: red-mesh-system}}}"));
      write("green.yaml", environment("green", "apps.domain.com", "rootCertificate: certs/green-mesh.pem\n",
          "{serviceMesh: {controlPlane: {namespace: green-mesh-system}}}"));

      Peer green = DescriptorReader.read(dir).federation("red").orElseThrow().peers().get(0);

      assertThat(green.addresses()).containsExactly("ingress-red-mesh.green-mesh-system.apps.domain.com");
      assertThat(green.controlPlaneNamespace()).isEqualTo("green-mesh-system");
    }

    @Test
    @DisplayName("every value can be set; a mesh outside the descriptor takes its defaults")
    void everyValue() throws Exception {
      write("red.yaml", environment("red", """
          meshName: crimson
          trustDomain: crimson.example.com
          rootCertificate: certs/red-mesh.pem
          ingressDomain: mesh.red.example.com
          peers:
            - name: partner-mesh
              addresses: [federation.partner.example.net, 203.0.113.7, "2001:db8::7"]
              trustDomain: partner.example.net
              controlPlaneNamespace: partner-system
              rootCertificate: certs/partner-mesh.pem
              discoveryPort: 30188
              servicePort: 30443
            - name: other-mesh
              addresses: [other.example.org]
              rootCertificate: certs/blue-mesh.pem
          """));
      write("green.yaml", environment("green", """
          rootCertificate: certs/green-mesh.pem
          peers: [{environment: red}]
          """));

      Descriptor descriptor = DescriptorReader.read(dir);

      MeshFederation red = descriptor.federation("red").orElseThrow();
      assertThat(red.meshName()).isEqualTo("crimson");
      assertThat(red.trustDomain()).isEqualTo("crimson.example.com");
      assertThat(red.peers()).extracting(Peer::name).containsExactly("green-mesh", "other-mesh", "partner-mesh");
      assertThat(red.peers().get(1)).isEqualTo(new Peer("other-mesh", null, List.of("other.example.org"), 8188,
          15443, "other-mesh.local", "istio-system", pem("blue-mesh"), List.of(), List.of()));
      assertThat(red.peers().get(2)).isEqualTo(new Peer("partner-mesh", null,
          List.of("federation.partner.example.net", "203.0.113.7", "2001:db8::7"), 30188, 30443,
          "partner.example.net", "partner-system", pem("partner-mesh"), List.of(), List.of()));
      Peer crimson = descriptor.federation("green").orElseThrow().peers().get(0);
      assertThat(crimson.name()).isEqualTo("crimson");
      assertThat(crimson.trustDomain()).isEqualTo("crimson.example.com");
      assertThat(crimson.addresses()).containsExactly("ingress-green-mesh.mesh.red.example.com");
    }

    @Test
    @DisplayName("an export produces both sides: exported by the tenant's mesh, imported by the peer in the descriptor")
    void exportsAndImports() throws Exception {
      write("red.yaml", environment("red", """
          rootCertificate: certs/red-mesh.pem
          peers:
            - environment: green
            - environment: blue
            - {name: partner-mesh, addresses: [p.example.net], rootCertificate: certs/partner-mesh.pem}
          """));
      write("green.yaml", environment("green", "rootCertificate: certs/green-mesh.pem\n"));
      write("blue.yaml", environment("blue", "rootCertificate: certs/blue-mesh.pem\n"));
      write("team-a.yaml", tenant("team-a", "[team-a-1, team-a-2]", "[red, green]", """
          exports:
            - {service: payments, namespace: team-a-1, to: [green, partner-mesh]}
            - {service: audit, namespace: team-a-2, to: [red]}
          imports:
            - {from: partner-mesh, namespace: shop, service: catalog}
          """));

      Descriptor descriptor = DescriptorReader.read(dir);

      ServiceName payments = new ServiceName("team-a-1", "payments");
      ServiceName audit = new ServiceName("team-a-2", "audit");
      MeshFederation red = descriptor.federation("red").orElseThrow();
      MeshFederation green = descriptor.federation("green").orElseThrow();
      MeshFederation blue = descriptor.federation("blue").orElseThrow();
      assertThat(peer(red, "green-mesh").exports()).containsExactly(payments);
      assertThat(peer(red, "green-mesh").imports()).containsExactly(audit);
      assertThat(peer(green, "red-mesh").exports()).as("team-a in green exports audit to red").containsExactly(audit);
      assertThat(peer(green, "red-mesh").imports()).containsExactly(payments);
      assertThat(peer(red, "partner-mesh").exports()).containsExactly(payments);
      assertThat(peer(red, "partner-mesh").imports()).containsExactly(new ServiceName("shop", "catalog"));
      assertThat(peer(red, "blue-mesh").exports()).isEmpty();
      assertThat(peer(blue, "red-mesh").imports()).isEmpty();
    }

    @Test
    @DisplayName("a PEM file is normalized: only its certificates, \\n line ends, one final newline")
    void pemNormalized() throws Exception {
      String original = Files.readString(dir.resolve("certs/red-mesh.pem"));
      Files.writeString(dir.resolve("certs/red-crlf.pem"),
          "subject=CN = red-mesh\r\n" + original.replace("\n", "\r\n") + "\r\n\r\n");
      write("red.yaml", environment("red", """
          rootCertificate: certs/red-crlf.pem
          peers: [{environment: green}]
          """));
      write("green.yaml", environment("green", "rootCertificate: certs/green-mesh.pem\n"));

      assertThat(DescriptorReader.read(dir).federation("green").orElseThrow().peers().get(0).rootCertificate())
          .isEqualTo(original);
    }

    @Test
    @DisplayName("without spec.federation an environment has no federation")
    void none() throws Exception {
      write("red.yaml", document("Environment", "red", "clusterDomain: apps.red.example.com\n"));
      assertThat(DescriptorReader.read(dir).federations()).isEmpty();
    }
  }

  @Nested
  @DisplayName("problems")
  class Problems {
    @Test
    @DisplayName("S20: federation needs Service Mesh 2.1 or later")
    void meshVersion() {
      write("platform.yaml", platform("""
          serviceMesh: {version: "2.0"}
          ingress: Kourier
          tenantIsolation: false
          """));
      write("red.yaml", environment("red", "rootCertificate: certs/red-mesh.pem\n"));
      assertThat(problems()).containsExactly(
          "red.yaml:7:3: Environment red: spec.federation: federation needs Service Mesh 2.1 or later (S20), and this"
              + " environment runs Service Mesh 2.0 (spec.serviceMesh.version); raise it, e.g. to \"2.6\", or remove"
              + " spec.federation");
    }

    @Test
    @DisplayName("mesh names and trust domains are unique across the environments")
    void duplicateMeshes() {
      write("green.yaml", environment("green", """
          meshName: shared
          trustDomain: shared.example.com
          rootCertificate: certs/green-mesh.pem
          """));
      write("red.yaml", environment("red", """
          meshName: shared
          trustDomain: shared.example.com
          rootCertificate: certs/red-mesh.pem
          peers: [{environment: green}]
          """));
      assertThat(problems()).containsExactly(
          "red.yaml:8:15: Environment red: spec.federation.meshName: mesh name 'shared' is already the name of"
              + " environment green's mesh (green.yaml:8:15); every mesh of a federation needs its own name: set"
              + " spec.federation.meshName",
          "red.yaml:9:18: Environment red: spec.federation.trustDomain: trust domain 'shared.example.com' is already"
              + " the trust domain of environment green's mesh (green.yaml:9:18); every mesh of a federation needs its"
              + " own trust domain: set spec.federation.trustDomain");
    }

    @Test
    @DisplayName("a default mesh name that collides is reported at spec.federation")
    void duplicateDefaultMeshName() {
      write("red.yaml", environment("red", "rootCertificate: certs/red-mesh.pem\n"));
      write("red-mesh.yaml", environment("red-mesh", "meshName: red-mesh\ntrustDomain: other.local\n"
          + "rootCertificate: certs/blue-mesh.pem\n"));
      assertThat(problems()).containsExactly(
          "red-mesh.yaml:8:15: Environment red-mesh: spec.federation.meshName: mesh name 'red-mesh' is already the"
              + " name of environment red's mesh (red.yaml:7:3); every mesh of a federation needs its own name: set"
              + " spec.federation.meshName");
    }

    @Test
    @DisplayName("a peer names a known environment other than itself, once, and that environment is federated")
    void environmentPeers() {
      write("red.yaml", environment("red", """
          rootCertificate: certs/red-mesh.pem
          peers:
            - environment: gren
            - environment: red
            - environment: blue
            - environment: green
            - environment: green
            - {environment: green, name: green-mesh}
          """));
      write("green.yaml", environment("green", "rootCertificate: certs/green-mesh.pem\n"));
      write("blue.yaml", document("Environment", "blue", "clusterDomain: apps.blue.example.com\n"));
      assertThat(problems()).containsExactly(
          "red.yaml:10:22: Environment red: spec.federation.peers[0].environment: unknown environment 'gren', did you"
              + " mean 'green'?; the environments are blue, green, red",
          "red.yaml:11:22: Environment red: spec.federation.peers[1].environment: environment 'red' is this"
              + " environment; a mesh cannot federate with itself",
          "red.yaml:12:22: Environment red: spec.federation.peers[2].environment: environment 'blue' has no"
              + " spec.federation; give it at least rootCertificate (its mesh's public CA root certificate, PEM),"
              + " which this mesh needs to trust it",
          "red.yaml:14:9: Environment red: spec.federation.peers[4]: the peer environment green is listed twice"
              + " (first at red.yaml:13:9); remove one",
          "red.yaml:15:30: Environment red: spec.federation.peers[5].name: a peer is either environment (a mesh of"
              + " this descriptor) or name (a mesh outside it), not both; keep one");
    }

    @Test
    @DisplayName("both meshes of a pair need their root certificate")
    void rootCertificateRequired() {
      write("red.yaml", environment("red", "peers: [{environment: green}]\n"));
      write("green.yaml", environment("green", "ingressDomain: green.example.com\n"));
      assertThat(problems()).containsExactly(
          "green.yaml:8:5: Environment green: spec.federation: missing required key 'rootCertificate' (the path,"
              + " relative to the descriptor directory, of this mesh's public CA root certificate (PEM), e.g."
              + " certs/prod-mesh.pem; environment red federates with this mesh and must trust it)",
          "red.yaml:8:5: Environment red: spec.federation: missing required key 'rootCertificate' (the path,"
              + " relative to the descriptor directory, of this mesh's public CA root certificate (PEM), e.g."
              + " certs/prod-mesh.pem; environment green federates with this mesh and must trust it)");
    }

    @Test
    @DisplayName("a root certificate file exists, is relative, holds no private key and only X.509 certificates")
    void certificates() throws IOException {
      Files.writeString(dir.resolve("certs/with-key.pem"), Files.readString(dir.resolve("certs/red-mesh.pem"))
          + "-----BEGIN " + "PRIVATE KEY-----\nnot a real key\n-----END " + "PRIVATE KEY-----\n");
      Files.writeString(dir.resolve("certs/not-a-cert.pem"), "hello\n");
      Files.writeString(dir.resolve("certs/broken.pem"),
          "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
      write("red.yaml", environment("red", """
          rootCertificate: certs/with-key.pem
          peers:
            - {name: a-mesh, addresses: [a.example.com], rootCertificate: certs/not-a-cert.pem}
            - {name: b-mesh, addresses: [b.example.com], rootCertificate: certs/missing.pem}
            - {name: c-mesh, addresses: [c.example.com], rootCertificate: /etc/pki/c.pem}
            - {name: d-mesh, addresses: [d.example.com], rootCertificate: certs/broken.pem}
          """));
      assertThat(problems()).hasSize(5).satisfiesExactly(
          p -> assertThat(p).isEqualTo("red.yaml:8:22: Environment red: spec.federation.rootCertificate:"
              + " 'certs/with-key.pem' contains a private key: never commit private keys (rotate this one if it was"
              + " ever committed); keep only the mesh's public CA root certificate (-----BEGIN CERTIFICATE-----) in"
              + " the file"),
          p -> assertThat(p).isEqualTo("red.yaml:10:69: Environment red: spec.federation.peers[0].rootCertificate:"
              + " 'certs/not-a-cert.pem' is not a certificate: it holds no PEM block -----BEGIN CERTIFICATE-----;"
              + " export the mesh's CA root certificate, e.g. oc get configmap istio-ca-root-cert -n <control-plane"
              + " namespace> -o jsonpath='{.data.root-cert\\.pem}'"),
          p -> assertThat(p).isEqualTo("red.yaml:11:69: Environment red: spec.federation.peers[1].rootCertificate:"
              + " there is no file 'certs/missing.pem' (relative to the descriptor directory); put the mesh's public"
              + " CA root certificate (PEM) there, or correct the path"),
          p -> assertThat(p).isEqualTo("red.yaml:12:69: Environment red: spec.federation.peers[2].rootCertificate:"
              + " '/etc/pki/c.pem' is an absolute path; write it relative to the descriptor directory, so that the"
              + " build does not depend on the machine"),
          p -> assertThat(p).startsWith("red.yaml:13:69: Environment red: spec.federation.peers[3].rootCertificate:"
              + " 'certs/broken.pem' holds a PEM block that is not an X.509 certificate (").endsWith(
              "); export the mesh's CA root certificate again"));
    }

    @Test
    @DisplayName("a root certificate lives in a visible file inside the descriptor directory, the build's only input")
    void certificatesInsideTheDescriptor() throws IOException {
      Files.createDirectories(dir.resolve(".hidden"));
      Files.copy(dir.resolve("certs/red-mesh.pem"), dir.resolve(".hidden/red.pem"));
      write("red.yaml", environment("red", """
          rootCertificate: ../outside.pem
          peers:
            - {name: a-mesh, addresses: [a.example.com], rootCertificate: .hidden/red.pem}
            - {name: b-mesh, addresses: [b.example.com], rootCertificate: certs/../certs/red-mesh.pem}
          """));
      assertThat(problems()).satisfiesExactly(
          p -> assertThat(p).isEqualTo("red.yaml:8:22: Environment red: spec.federation.rootCertificate:"
              + " '../outside.pem' leads out of the descriptor directory; keep the certificate with the descriptor"
              + " (e.g. certs/<mesh>.pem), so that what the build reads is all in one folder"),
          p -> assertThat(p).isEqualTo("red.yaml:10:69: Environment red: spec.federation.peers[0].rootCertificate:"
              + " '.hidden/red.pem' is in a hidden file or folder ('.hidden'), which the plugin does not read; move"
              + " it to a visible one, e.g. certs/<mesh>.pem"));
    }

    @Test
    @DisplayName("a mesh outside the descriptor: its keys, its name and its trust domain")
    void externals() {
      write("red.yaml", environment("red", """
          rootCertificate: certs/red-mesh.pem
          peers:
            - {environment: green}
            - {name: green-mesh, addresses: [g.example.com], rootCertificate: certs/blue-mesh.pem}
            - {name: green, addresses: [g.example.com], rootCertificate: certs/blue-mesh.pem}
            - {name: red-mesh, addresses: [r.example.com], rootCertificate: certs/blue-mesh.pem}
            - {name: x-mesh, addresses: [], rootCertificate: certs/blue-mesh.pem, servicePort: 70000}
            - {name: y-mesh, addresses: ["bad_host"], trustDomain: green-mesh.local, rootCertificate: certs/blue-mesh.pem}
            - {name: z-mesh, adresses: [z.example.com]}
            - just-a-name
          """));
      write("green.yaml", environment("green", "rootCertificate: certs/green-mesh.pem\n"));
      write("blue.yaml", environment("blue", """
          rootCertificate: certs/blue-mesh.pem
          peers:
            - {name: partner, addresses: [p.example.com], trustDomain: one.example.com, rootCertificate: certs/partner-mesh.pem}
          """));
      write("white.yaml", environment("white", """
          rootCertificate: certs/blue-mesh.pem
          peers:
            - {name: partner, addresses: [p.example.com], trustDomain: two.example.com, rootCertificate: certs/partner-mesh.pem}
          """));
      assertThat(problems()).containsExactly(
          "red.yaml:11:16: Environment red: spec.federation.peers[1].name: 'green-mesh' is the mesh of environment"
              + " green; write {environment: green} to federate with it, or give the mesh outside the descriptor"
              + " another name",
          "red.yaml:12:16: Environment red: spec.federation.peers[2].name: 'green' is the name of an environment, so"
              + " tenants could not tell them apart in exports[].to and imports[].from; write {environment: green} to"
              + " federate with that environment's mesh, or give the mesh outside the descriptor another name",
          "red.yaml:13:16: Environment red: spec.federation.peers[3].name: 'red-mesh' is this environment's own"
              + " mesh name; a mesh cannot federate with itself",
          "red.yaml:14:35: Environment red: spec.federation.peers[4].addresses: list at least one address of the"
              + " other mesh's ingress gateway, e.g. [federation.partner.example.com]",
          "red.yaml:14:90: Environment red: spec.federation.peers[4].servicePort: must be a port from 1 to 65535,"
              + " found 70000",
          "red.yaml:15:36: Environment red: spec.federation.peers[5].addresses[0]: 'bad_host' is not a valid address"
              + " (DNS name or IP) (RFC 1123 subdomain), perhaps you should use 'bad-host'",
          "red.yaml:15:62: Environment red: spec.federation.peers[5].trustDomain: trust domain 'green-mesh.local' is"
              + " already the trust domain of environment green's mesh; every mesh of a federation needs its own"
              + " trust domain",
          "red.yaml:16:9: Environment red: spec.federation.peers[6]: missing required key 'addresses' (where this mesh"
              + " reaches the other mesh's ingress gateway for it: DNS names or IP addresses of its load balancer,"
              + " e.g. [federation.partner.example.com])",
          "red.yaml:16:9: Environment red: spec.federation.peers[6]: missing required key 'rootCertificate' (the"
              + " path, relative to the descriptor directory, of the other mesh's public CA root certificate (PEM),"
              + " e.g. certs/z-mesh.pem)",
          "red.yaml:16:24: Environment red: spec.federation.peers[6].adresses: unknown key 'adresses', did you mean"
              + " 'addresses'?",
          "red.yaml:17:9: Environment red: spec.federation.peers[7]: expected a map: {environment: <name>} for an"
              + " environment of this descriptor, or {name, addresses, rootCertificate, ...} for a mesh outside it,"
              + " found the string 'just-a-name'",
          "white.yaml:10:66: Environment white: spec.federation.peers[0].trustDomain: mesh 'partner' has trust domain"
              + " 'one.example.com' at blue.yaml:10:66; one mesh has one trust domain: write the same in both places");
    }

    @Test
    @DisplayName("a tenant exports its own services to meshes its environments federate with")
    void exports() {
      write("red.yaml", environment("red", """
          rootCertificate: certs/red-mesh.pem
          peers:
            - {environment: green}
            - {name: partner-mesh, addresses: [p.example.net], rootCertificate: certs/partner-mesh.pem}
          """));
      write("green.yaml", environment("green", "rootCertificate: certs/green-mesh.pem\n"));
      write("blue.yaml", document("Environment", "blue", "clusterDomain: apps.blue.example.com\n"));
      write("team-a.yaml", tenant("team-a", "[team-a-1]", "[red]", """
          exports:
            - {service: payments, namespace: team-b-1, to: [gren]}
            - {service: Payments, namespace: team-a-1, to: [blue, red, green, green]}
            - {service: payments, namespace: team-a-1, to: []}
            - {service: payments, namespace: team-a-1}
          imports:
            - {from: green, namespace: shop, service: catalog}
            - {from: partner, namespace: shop, service: catalog}
          """));
      assertThat(problems()).containsExactly(
          "team-a.yaml:10:40: Tenant team-a: spec.federation.exports[0].namespace: 'team-b-1' is not one of the"
              + " tenant's namespaces (team-a-1); a tenant exports only its own services",
          "team-a.yaml:10:55: Tenant team-a: spec.federation.exports[0].to[0]: unknown mesh 'gren', did you mean"
              + " 'green'?; name an environment of this descriptor, or a mesh outside it that an environment lists in"
              + " spec.federation.peers (blue, green, red, partner-mesh)",
          "team-a.yaml:11:19: Tenant team-a: spec.federation.exports[1].service: 'Payments' is not a valid service"
              + " name (RFC 1035 label), perhaps you should use 'payments'",
          "team-a.yaml:11:55: Tenant team-a: spec.federation.exports[1].to[0]: none of the tenant's environments (red)"
              + " federates with 'blue'; add it to spec.federation.peers of one of them, or deploy the tenant where it"
              + " is federated",
          "team-a.yaml:11:61: Tenant team-a: spec.federation.exports[1].to[1]: none of the tenant's environments (red)"
              + " federates with 'red'; add it to spec.federation.peers of one of them, or deploy the tenant where it"
              + " is federated",
          "team-a.yaml:11:73: Tenant team-a: spec.federation.exports[1].to[3]: 'green' is listed twice; remove one",
          "team-a.yaml:12:54: Tenant team-a: spec.federation.exports[2].to: list at least one mesh to export to, e.g."
              + " [prod]",
          "team-a.yaml:13:9: Tenant team-a: spec.federation.exports[3]: missing required key 'to' (the meshes to export"
              + " to: environments of this descriptor, or names of meshes outside it, e.g. [prod])",
          "team-a.yaml:15:16: Tenant team-a: spec.federation.imports[0].from: 'green' is an environment of this"
              + " descriptor: its services are imported wherever its tenants export them (their"
              + " spec.federation.exports[].to), so there is nothing to declare here; imports name meshes outside the"
              + " descriptor",
          "team-a.yaml:16:16: Tenant team-a: spec.federation.imports[1].from: unknown mesh 'partner'; imports name a"
              + " mesh outside the descriptor that an environment lists in spec.federation.peers (partner-mesh)");
    }

    @Test
    @DisplayName("unknown keys under spec.federation are reported with a suggestion")
    void unknownKeys() {
      write("red.yaml", environment("red", "rootCertificate: certs/red-mesh.pem\npeer: []\n"));
      write("team-a.yaml", tenant("team-a", "[team-a-1]", "[red]", "export: []\n"));
      assertThat(problems()).containsExactly(
          "red.yaml:9:5: Environment red: spec.federation.peer: unknown key 'peer', did you mean 'peers'?",
          "team-a.yaml:9:5: Tenant team-a: spec.federation.export: unknown key 'export', did you mean 'exports'?");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static Peer peer(MeshFederation mesh, String name) {
    return mesh.peers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private String pem(String mesh) throws IOException {
    return Files.readString(dir.resolve("certs/" + mesh + ".pem"));
  }

  private static String platform(String spec) {
    return document("Platform", "acme", spec);
  }

  private static String environment(String name, String federation) {
    return environment(name, "apps." + name + ".example.com", federation, null);
  }

  /** An Environment whose spec.federation body starts at line 8, column 5; overrides follow it. */
  private static String environment(String name, String clusterDomain, String federation, String overrides) {
    return "apiVersion: meshserverless.io/v1alpha1\nkind: Environment\nmetadata:\n  name: " + name + "\nspec:\n"
        + "  clusterDomain: " + clusterDomain + "\n  federation:\n" + federation.indent(4)
        + (overrides == null ? "" : "  overrides: " + overrides + "\n");
  }

  /** A Tenant whose spec.federation body starts at line 9, column 5. */
  private static String tenant(String name, String namespaces, String environments, String federation) {
    return "apiVersion: meshserverless.io/v1alpha1\nkind: Tenant\nmetadata:\n  name: " + name + "\nspec:\n"
        + "  namespaces: " + namespaces + "\n  environments: " + environments + "\n  federation:\n"
        + federation.indent(4);
  }

  private static String document(String kind, String name, String spec) {
    return "apiVersion: meshserverless.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n"
        + spec.indent(2);
  }

  private void write(String file, String content) {
    try {
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> problems() {
    try {
      Descriptor descriptor = DescriptorReader.read(dir);
      return fail("expected a DescriptorException, read " + descriptor);
    } catch (DescriptorException e) {
      return e.problems().stream().map(Problem::toString).toList();
    } catch (IOException e) {
      return fail("expected a DescriptorException", e);
    }
  }
}
