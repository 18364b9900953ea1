package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.descriptor.PlatformSpec;
import dev.meshserverless.model.descriptor.PlatformSpec.IssuerRef;
import dev.meshserverless.model.descriptor.PlatformSpec.LocalGateway;
import dev.meshserverless.model.descriptor.PlatformSpec.ServingOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CertificatesTest {
  private static final IssuerRef ISSUER = new IssuerRef("ClusterIssuer", "internal-ca", "cert-manager.io");
  private static final TlsOptions CERT_MANAGER = new TlsOptions("wildcard-certs", TlsSource.CertManager, ISSUER);

  private static PlatformSpec https(PlatformSpec spec) {
    return new PlatformSpec(spec.serverless(), spec.serviceMesh(), spec.ingress(), spec.tls(),
        new ServingOptions(LocalGateway.Https, "local-certs", true, true), spec.eventing(), spec.kafka(),
        spec.tenantIsolation(), spec.argocd());
  }

  @Test
  @DisplayName("S1: cert-manager issues the ingress wildcard *.<clusterDomain> as the gateway's secret, in the"
      + " control-plane namespace, labelled for net-istio's secret filtering (S14)")
  void ingressWildcard() {
    List<GenericKubernetesResource> certificates =
        Certificates.certificates(Specs.withTls(CERT_MANAGER), "apps.prod.example.com");

    assertThat(certificates).hasSize(1);
    GenericKubernetesResource certificate = certificates.get(0);
    assertThat(certificate.getApiVersion()).isEqualTo("cert-manager.io/v1");
    assertThat(certificate.getKind()).isEqualTo("Certificate");
    assertThat(certificate.getMetadata().getNamespace()).isEqualTo("istio-system");
    assertThat(certificate.<String>get("spec", "secretName")).isEqualTo("wildcard-certs");
    assertThat(certificate.<List<String>>get("spec", "dnsNames")).containsExactly("*.apps.prod.example.com");
    assertThat(certificate.<Map<String, Object>>get("spec", "issuerRef"))
        .isEqualTo(Map.of("kind", "ClusterIssuer", "name", "internal-ca", "group", "cert-manager.io"));
    assertThat(certificate.<Map<String, String>>get("spec", "secretTemplate", "labels"))
        .containsOnlyKeys("networking.internal.knative.dev/certificate-uid");
  }

  @Test
  @DisplayName("S5 localGateway Https: a second certificate for the local gateway's secret, naming its Service")
  void localGateway() {
    List<GenericKubernetesResource> certificates =
        Certificates.certificates(https(Specs.withTls(CERT_MANAGER)), "apps.prod.example.com");

    assertThat(certificates).extracting(c -> c.getMetadata().getName()).containsExactly("wildcard-certs", "local-certs");
    GenericKubernetesResource local = certificates.get(1);
    assertThat(local.<String>get("spec", "secretName")).isEqualTo("local-certs");
    assertThat(local.<List<String>>get("spec", "dnsNames")).containsExactly(
        "knative-local-gateway.istio-system.svc", "knative-local-gateway.istio-system.svc.cluster.local");
    assertThat(local.<Map<String, String>>get("spec", "secretTemplate", "labels"))
        .containsKey(Certificates.CERTIFICATE_UID_LABEL);
  }

  @Test
  @DisplayName("with an existing secret, or with Kourier (no gateway to serve it), nothing is issued")
  void noCertificates() {
    assertThat(Certificates.certificates(https(Specs.defaults()), "apps.example.com")).isEmpty();
    PlatformSpec kourier = Specs.kourier();
    PlatformSpec kourierCertManager = new PlatformSpec(kourier.serverless(), kourier.serviceMesh(), kourier.ingress(),
        CERT_MANAGER, kourier.serving(), kourier.eventing(), kourier.kafka(), false, null);
    assertThat(Certificates.certificates(kourierCertManager, "apps.example.com")).isEmpty();
  }
}
