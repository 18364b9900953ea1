package dev.meshserverless.model.resources;

import dev.meshserverless.model.descriptor.PlatformSpec;
import dev.meshserverless.model.descriptor.PlatformSpec.IssuerRef;
import dev.meshserverless.model.descriptor.PlatformSpec.LocalGateway;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * S1 with cert-manager: the gateways' TLS Secrets issued by cert-manager {@code Certificate}s instead of created by
 * hand, so that no key is ever committed. The Secrets live in the control-plane namespace, where the gateway pods
 * read their {@code credentialName}.
 */
public final class Certificates {
  /** S14: with secret-informer filtering on, net-istio only sees Secrets that carry this label. */
  public static final String CERTIFICATE_UID_LABEL = "networking.internal.knative.dev/certificate-uid";
  private static final String CERT_MANAGER = "cert-manager.io/v1";

  private Certificates() {}

  /**
   * The Certificates of one environment: the ingress wildcard, and the local gateway's with
   * {@code localGateway: Https}; none unless {@code tls.source} is {@code CertManager} and the ingress is Istio
   * (Kourier has no gateway that would use them).
   */
  public static List<GenericKubernetesResource> certificates(PlatformSpec spec, String clusterDomain) {
    List<GenericKubernetesResource> certificates = new ArrayList<>();
    if (spec.tls().source() != TlsSource.CertManager || spec.ingress() != PlatformSpec.Ingress.Istio) {
      return certificates;
    }
    String namespace = spec.serviceMesh().controlPlaneNamespace();
    certificates.add(ingressWildcard(spec.tls().issuer(), namespace, spec.tls().secretName(), clusterDomain));
    if (spec.serving().localGateway() == LocalGateway.Https) {
      certificates.add(localGateway(spec.tls().issuer(), namespace, spec.serving().localGatewaySecretName()));
    }
    return certificates;
  }

  /**
   * S1: the wildcard {@code *.<clusterDomain>} that {@code knative-ingress-gateway} serves, as the
   * {@code kubernetes.io/tls} Secret {@code secretName}. S14: the Secret carries the certificate-uid label, so it
   * stays visible to net-istio whether secret-informer filtering is on or is turned on later.
   */
  public static GenericKubernetesResource ingressWildcard(
      IssuerRef issuer, String namespace, String secretName, String clusterDomain) {
    return certificate(issuer, namespace, secretName, List.of("*." + clusterDomain), "knative-ingress-gateway");
  }

  /**
   * S5 {@code localGateway: Https}: the local gateway's own certificate. A wildcard cannot cover the cluster-local
   * names of Knative services ({@code <service>.<namespace>.svc.cluster.local}, two labels under
   * {@code svc.cluster.local}), so it names the gateway's Service, which every cluster-local route resolves to.
   */
  public static GenericKubernetesResource localGateway(IssuerRef issuer, String namespace, String secretName) {
    return certificate(issuer, namespace, secretName, List.of(
        "knative-local-gateway." + namespace + ".svc",
        "knative-local-gateway." + namespace + ".svc.cluster.local"), "knative-local-gateway");
  }

  /** A Certificate named after the Secret it issues; {@code id} is the certificate-uid label's value (S14). */
  private static GenericKubernetesResource certificate(
      IssuerRef issuer, String namespace, String secretName, List<String> dnsNames, String id) {
    return CustomResources.named(CERT_MANAGER, "Certificate", namespace, secretName)
        .addToAdditionalProperties("spec", Map.of(
            "secretName", secretName,
            "dnsNames", dnsNames,
            "issuerRef", Map.of("kind", issuer.kind(), "name", issuer.name(), "group", issuer.group()),
            "secretTemplate", Map.of("labels", Map.of(CERTIFICATE_UID_LABEL, id))))
        .build();
  }
}
