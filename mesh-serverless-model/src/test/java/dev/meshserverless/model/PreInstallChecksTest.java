package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.output.RenderedTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S2 holds for what we generate: the descriptor has no way to add a Gateway or to change the type of the
 * {@code istio-ingressgateway} Service, so the checks are on the rendered trees of every ingress and local-gateway
 * mode, and the Https local gateway stays on 8081 (the docs print 443, which would be a second {@code *}:443).
 */
class PreInstallChecksTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "ingress: Istio\nserving: {localGateway: IstioMutual}",
      "ingress: Istio\nserving: {localGateway: Http}",
      "ingress: Istio\nserving: {localGateway: Https, localGatewaySecretName: local-certs}",
      "ingress: Kourier\ntenantIsolation: false"})
  @DisplayName("only knative-ingress-gateway binds *:443, and no Service is NodePort or LoadBalancer (S2)")
  void holdsInEveryMode(String spec) throws Exception {
    Files.writeString(dir.resolve("platform.yaml"), """
        apiVersion: meshserverless.io/v1alpha1
        kind: Platform
        metadata: {name: acme}
        spec:
          serviceMesh: {version: "2.6"}
          kafka: {enabled: true, bootstrapServers: [my-cluster-kafka-bootstrap.kafka:9092]}
        """ + spec.replaceAll("(?m)^", "  ") + """

        ---
        apiVersion: meshserverless.io/v1alpha1
        kind: Environment
        metadata: {name: prod}
        spec: {clusterDomain: apps.prod.example.com}
        ---
        apiVersion: meshserverless.io/v1alpha1
        kind: Tenant
        metadata: {name: team-a}
        spec:
          namespaces: [team-a-1]
          services: [{name: hello, namespace: team-a-1, image: quay.io/acme/hello:1.0}]
        """, StandardCharsets.UTF_8);

    RenderedTree tree = Platforms.render(dir);

    assertThat(PreInstallChecks.violations(tree)).isEmpty();
    if (spec.contains("Https")) {
      assertThat(tree.files()).hasEntrySatisfying("platform/base/gateway-knative-serving-knative-local-gateway.yaml",
          gateway -> assertThat(new String(gateway, StandardCharsets.UTF_8))
              .contains("number: 8081").contains("mode: SIMPLE").doesNotContain("443"));
    }
  }

  @Test
  @DisplayName("the check itself finds a second *:443 binding and a LoadBalancer ingress gateway")
  void findsViolations() throws Exception {
    RenderedTree bad = new RenderedTree(new TreeMap<>(Map.of(
        "a/gateway-x-other.yaml", bytes("""
            apiVersion: networking.istio.io/v1alpha3
            kind: Gateway
            metadata: {name: other, namespace: x}
            spec:
              servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"]}]
            """),
        "a/servicemeshcontrolplane-istio-system-basic.yaml", bytes("""
            apiVersion: maistra.io/v2
            kind: ServiceMeshControlPlane
            metadata: {name: basic, namespace: istio-system}
            spec: {gateways: {ingress: {service: {type: LoadBalancer}}}}
            """))));

    assertThat(PreInstallChecks.violations(bad)).hasSize(2);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
