package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.descriptor.PlatformSpec.LocalGateway;
import dev.meshserverless.model.descriptor.PlatformSpec.Membership;
import dev.meshserverless.model.descriptor.PlatformSpec.ServiceMeshOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.ServingOptions;
import dev.meshserverless.model.descriptor.Tenant;
import dev.meshserverless.model.descriptor.Tenant.KnativeService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CoreResourcesTest {

  @Nested
  @DisplayName("S3 ServiceMeshControlPlane")
  class ControlPlane {
    private final GenericKubernetesResource smcp = Mesh.serviceMeshControlPlane(Specs.defaults().serviceMesh());

    @Test
    void isMaistraV2NamedAfterTheDescriptor() {
      assertThat(smcp.getApiVersion()).isEqualTo("maistra.io/v2");
      assertThat(smcp.getKind()).isEqualTo("ServiceMeshControlPlane");
      assertThat(smcp.getMetadata().getName()).isEqualTo("basic");
      assertThat(smcp.getMetadata().getNamespace()).isEqualTo("istio-system");
      assertThat(smcp.<String>get("spec", "version")).isEqualTo("v2.6");
    }

    @Test
    void carriesEveryFieldOfTheRule() {
      assertThat(smcp.<List<String>>get("spec", "profiles")).containsExactly("default");
      assertThat(smcp.<Boolean>get("spec", "security", "dataPlane", "mtls")).isTrue();
      assertThat(smcp.<String>get("spec", "techPreview", "meshConfig", "defaultConfig", "terminationDrainDuration"))
          .isEqualTo("35s");
      assertThat(smcp.<Map<String, String>>get("spec", "gateways", "ingress", "service", "metadata", "labels"))
          .containsExactly(Map.entry("knative", "ingressgateway"));
      assertThat(smcp.<List<Integer>>get("spec", "proxy", "networking", "trafficControl", "inbound", "excludedPorts"))
          .containsExactly(8444, 8022);
      assertThat(smcp.<Boolean>get("spec", "security", "manageNetworkPolicy")).isNull();
    }

    @Test
    void turnsOffManagedNetworkPoliciesWhenAsked() {
      var mesh = new ServiceMeshOptions("2.5", "mesh", "mesh-system", Membership.MemberRoll, false, "40s",
          Specs.subscription("stable"));
      GenericKubernetesResource custom = Mesh.serviceMeshControlPlane(mesh);
      assertThat(custom.<Boolean>get("spec", "security", "manageNetworkPolicy")).isFalse();
      assertThat(custom.getMetadata().getNamespace()).isEqualTo("mesh-system");
      assertThat(custom.getMetadata().getName()).isEqualTo("mesh");
      assertThat(custom.<String>get("spec", "techPreview", "meshConfig", "defaultConfig", "terminationDrainDuration"))
          .isEqualTo("40s");
    }
  }

  @Nested
  @DisplayName("S4 membership")
  class Membership4 {
    @Test
    void memberRollListsMembersSortedOnce() {
      var roll = Mesh.serviceMeshMemberRoll(Specs.defaults().serviceMesh(),
          List.of("knative-serving", "team-b", "knative-eventing", "team-a", "team-b"));
      assertThat(roll.getApiVersion()).isEqualTo("maistra.io/v1");
      assertThat(roll.getMetadata().getName()).isEqualTo("default");
      assertThat(roll.getMetadata().getNamespace()).isEqualTo("istio-system");
      assertThat(roll.<List<String>>get("spec", "members"))
          .containsExactly("knative-eventing", "knative-serving", "team-a", "team-b");
    }

    @Test
    void memberPointsAtTheControlPlane() {
      var mesh = new ServiceMeshOptions("2.6", "mesh", "mesh-system", Membership.Member, true, "35s",
          Specs.subscription("stable"));
      var member = Mesh.serviceMeshMember(mesh, "team-a-1");
      assertThat(member.getMetadata().getNamespace()).isEqualTo("team-a-1");
      assertThat(member.getMetadata().getName()).isEqualTo("default");
      assertThat(member.<String>get("spec", "controlPlaneRef", "name")).isEqualTo("mesh");
      assertThat(member.<String>get("spec", "controlPlaneRef", "namespace")).isEqualTo("mesh-system");
    }
  }

  @Nested
  @DisplayName("S5 gateways")
  class Gateways {
    @Test
    void ingressGatewayTerminatesTlsWithTheWildcardSecretByName() {
      var gateway = Mesh.knativeIngressGateway(Specs.defaults());
      assertThat(gateway.getApiVersion()).isEqualTo("networking.istio.io/v1alpha3");
      assertThat(gateway.getMetadata().getNamespace()).isEqualTo("knative-serving");
      assertThat(gateway.<String>get("spec", "selector", "knative")).isEqualTo("ingressgateway");
      assertThat(gateway.<Integer>get("spec", "servers", 0, "port", "number")).isEqualTo(443);
      assertThat(gateway.<String>get("spec", "servers", 0, "port", "protocol")).isEqualTo("HTTPS");
      assertThat(gateway.<List<String>>get("spec", "servers", 0, "hosts")).containsExactly("*");
      assertThat(gateway.<String>get("spec", "servers", 0, "tls", "mode")).isEqualTo("SIMPLE");
      assertThat(gateway.<String>get("spec", "servers", 0, "tls", "credentialName")).isEqualTo("wildcard-certs");
    }

    @Test
    void localGatewayIstioMutual() {
      var gateway = Mesh.knativeLocalGateway(Specs.defaults());
      assertThat(gateway.<Integer>get("spec", "servers", 0, "port", "number")).isEqualTo(8081);
      assertThat(gateway.<String>get("spec", "servers", 0, "port", "protocol")).isEqualTo("HTTPS");
      assertThat(gateway.<String>get("spec", "servers", 0, "tls", "mode")).isEqualTo("ISTIO_MUTUAL");
      assertThat(gateway.<String>get("spec", "servers", 0, "tls", "credentialName")).isNull();
    }

    @Test
    void localGatewayHttp() {
      var gateway = Mesh.knativeLocalGateway(Specs.withServing(new ServingOptions(LocalGateway.Http, null, true, true)));
      assertThat(gateway.<String>get("spec", "servers", 0, "port", "protocol")).isEqualTo("HTTP");
      assertThat(gateway.<String>get("spec", "servers", 0, "port", "name")).isEqualTo("http");
      assertThat(gateway.<Object>get("spec", "servers", 0, "tls")).isNull();
    }

    @Test
    void localGatewayHttpsUsesItsOwnSecret() {
      var gateway = Mesh.knativeLocalGateway(
          Specs.withServing(new ServingOptions(LocalGateway.Https, "local-certs", true, true)));
      assertThat(gateway.<Integer>get("spec", "servers", 0, "port", "number")).isEqualTo(8081);
      assertThat(gateway.<String>get("spec", "servers", 0, "tls", "mode")).isEqualTo("SIMPLE");
      assertThat(gateway.<String>get("spec", "servers", 0, "tls", "credentialName")).isEqualTo("local-certs");
    }

    @Test
    void localGatewayServiceTranslatesPort80To8081() {
      Service service = Mesh.knativeLocalGatewayService(Specs.defaults().serviceMesh());
      assertThat(service.getMetadata().getNamespace()).isEqualTo("istio-system");
      assertThat(service.getMetadata().getLabels())
          .containsExactly(Map.entry("experimental.istio.io/disable-gateway-port-translation", "true"));
      assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
      assertThat(service.getSpec().getSelector()).containsExactly(Map.entry("istio", "ingressgateway"));
      assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
        assertThat(port.getName()).isEqualTo("http2");
        assertThat(port.getPort()).isEqualTo(80);
        assertThat(port.getTargetPort().getIntVal()).isEqualTo(8081);
      });
    }
  }

  @Nested
  @DisplayName("S6 S11 S12 S14 KnativeServing")
  class KnativeServingTests {
    @Test
    void pointsIstioConfigAtTheControlPlaneNamespace() {
      var mesh = new ServiceMeshOptions("2.6", "basic", "mesh-system", Membership.MemberRoll, true, "35s",
          Specs.subscription("stable"));
      var serving = Serving.knativeServing(Specs.withMesh(mesh));
      assertThat(serving.getApiVersion()).isEqualTo("operator.knative.dev/v1beta1");
      assertThat(serving.<Boolean>get("spec", "ingress", "istio", "enabled")).isTrue();
      assertThat(serving.<Map<String, String>>get("spec", "config", "istio")).containsOnly(
          Map.entry("gateway.knative-serving.knative-ingress-gateway", "istio-ingressgateway.mesh-system.svc.cluster.local"),
          Map.entry("local-gateway.knative-serving.knative-local-gateway",
              "knative-local-gateway.mesh-system.svc.cluster.local"));
    }

    @Test
    void putsActivatorAndAutoscalerInTheMesh() {
      var serving = Serving.knativeServing(Specs.defaults());
      for (int i = 0; i < 2; i++) {
        assertThat(serving.<String>get("spec", "deployments", i, "labels", "sidecar.istio.io/inject")).isEqualTo("true");
        assertThat(serving.<String>get("spec", "deployments", i, "annotations", "sidecar.istio.io/rewriteAppHTTPProbers"))
            .isEqualTo("true");
      }
      assertThat(serving.<String>get("spec", "deployments", 0, "name")).isEqualTo("activator");
      assertThat(serving.<String>get("spec", "deployments", 1, "name")).isEqualTo("autoscaler");
    }

    @Test
    void metricsGoToPrometheusOnlyWhenOn() {
      assertThat(Serving.knativeServing(Specs.defaults())
          .<String>get("spec", "config", "observability", "metrics.backend-destination")).isEqualTo("prometheus");
      assertThat(Serving.knativeServing(Specs.withServing(new ServingOptions(LocalGateway.IstioMutual, null, false, true)))
          .<Object>get("spec", "config", "observability")).isNull();
    }

    @Test
    void disablesIstioNetPoliciesWhenTheMeshDoesNotManageThem() {
      var mesh = new ServiceMeshOptions("2.6", "basic", "istio-system", Membership.MemberRoll, false, "35s",
          Specs.subscription("stable"));
      assertThat(Serving.knativeServing(Specs.withMesh(mesh)).getMetadata().getAnnotations())
          .containsEntry("serverless.openshift.io/disable-istio-net-policies-generation", "true");
      assertThat(Serving.knativeServing(Specs.defaults()).getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void secretInformerFilteringFollowsTheRelease() {
      var off = new ServingOptions(LocalGateway.IstioMutual, null, true, false);
      // 1.32+: on by default; off needs the net-istio-controller override.
      var offNew = Serving.knativeServing(Specs.withServing(off));
      assertThat(offNew.<String>get("spec", "workloads", 0, "name")).isEqualTo("net-istio-controller");
      assertThat(offNew.<String>get("spec", "workloads", 0, "env", 0, "container")).isEqualTo("controller");
      assertThat(offNew.<String>get("spec", "workloads", 0, "env", 0, "envVars", 0, "name"))
          .isEqualTo("ENABLE_SECRET_INFORMER_FILTERING_BY_CERT_UID");
      assertThat(offNew.<String>get("spec", "workloads", 0, "env", 0, "envVars", 0, "value")).isEqualTo("false");
      assertThat(Serving.knativeServing(Specs.defaults()).<Object>get("spec", "workloads")).isNull();
      // Before 1.32: off by default; on needs the annotation.
      assertThat(Serving.knativeServing(Specs.withServerless("1.31")).getMetadata().getAnnotations())
          .containsEntry("serverless.openshift.io/enable-secret-informer-filtering", "true");
    }

    @Test
    void kourierKeepsItsOwnIngress() {
      var serving = Serving.knativeServing(Specs.kourier());
      assertThat(serving.<Object>get("spec", "ingress")).isNull();
      assertThat(serving.<Object>get("spec", "config", "istio")).isNull();
    }

    @Test
    void monitoringMayScrapeKnativeServing() {
      NetworkPolicy policy = Serving.allowFromOpenShiftMonitoring("knative-serving");
      assertThat(policy.getMetadata().getName()).isEqualTo("allow-from-openshift-monitoring-ns");
      assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
      assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
          .singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
              .containsExactly(Map.entry("name", "openshift-monitoring"))));
    }
  }

  @Nested
  @DisplayName("S7 KnativeEventing")
  class KnativeEventingTests {
    @Test
    void enablesIstioAndPutsTheFourWorkloadsInTheMesh() {
      var eventing = Eventing.knativeEventing(Specs.defaults());
      assertThat(eventing.getMetadata().getNamespace()).isEqualTo("knative-eventing");
      assertThat(eventing.<String>get("spec", "config", "features", "istio")).isEqualTo("enabled");
      assertThat(eventing.<String>get("spec", "config", "observability", "metrics.backend-destination"))
          .isEqualTo("prometheus");
      List<Map<String, Object>> workloads = eventing.get("spec", "workloads");
      assertThat(workloads).extracting(w -> w.get("name"))
          .containsExactly("pingsource-mt-adapter", "imc-dispatcher", "mt-broker-ingress", "mt-broker-filter");
      assertThat(workloads).allSatisfy(w -> {
        assertThat(w.get("labels")).isEqualTo(Map.of("sidecar.istio.io/inject", "true"));
        assertThat(w.get("annotations")).isEqualTo(Map.of("sidecar.istio.io/rewriteAppHTTPProbers", "true"));
      });
    }

    @Test
    void disablesIstioNetPoliciesWhenTheMeshDoesNotManageThem() {
      var mesh = new ServiceMeshOptions("2.6", "basic", "istio-system", Membership.MemberRoll, false, "35s",
          Specs.subscription("stable"));
      assertThat(Eventing.knativeEventing(Specs.withMesh(mesh)).getMetadata().getAnnotations())
          .containsExactly(Map.entry("serverless.openshift.io/disable-istio-net-policies-generation", "true"));
    }
  }

  @Nested
  @DisplayName("S10 S13 S17 S18 tenancy")
  class TenancyTests {
    private final Tenant tenant = new Tenant("team-a", List.of("team-a-1"), List.of("dev"),
        new TreeMap<>(Map.of("cost-center", "cc-1")), Map.of(), null);

    @Test
    void tenantNamespaceCarriesLabelsAndTenant() {
      Namespace namespace = Tenancy.tenantNamespace(tenant, "team-a-1");
      assertThat(namespace.getMetadata().getLabels()).containsOnly(
          Map.entry("cost-center", "cc-1"), Map.entry(Tenancy.TENANT_LABEL, "team-a"));
      assertThat(namespace.getMetadata().getNamespace()).isNull();
    }

    @Test
    void kourierNetworkPolicyAdmitsServerlessSystemNamespaces() {
      NetworkPolicy policy = Tenancy.allowFromServingSystemNamespace("team-a-1");
      assertThat(policy.getMetadata().getNamespace()).isEqualTo("team-a-1");
      assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
      assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
          .containsExactly(Map.entry("knative.openshift.io/part-of", "openshift-serverless"));
    }

    @Test
    void knativeServiceHasTheMeshAnnotationsEnvAndGpus() {
      var service = Tenancy.knativeService(new KnativeService("web", "team-a-1", "quay.io/a/web:1",
          new TreeMap<>(Map.of("B", "2", "A", "1")), 2));
      assertThat(service.getApiVersion()).isEqualTo("serving.knative.dev/v1");
      assertThat(service.getMetadata().getAnnotations())
          .containsExactly(Map.entry("serving.knative.openshift.io/enablePassthrough", "true"));
      assertThat(service.<Map<String, String>>get("spec", "template", "metadata", "annotations")).containsOnly(
          Map.entry("sidecar.istio.io/inject", "true"), Map.entry("sidecar.istio.io/rewriteAppHTTPProbers", "true"));
      assertThat(service.<String>get("spec", "template", "spec", "containers", 0, "image")).isEqualTo("quay.io/a/web:1");
      assertThat(service.<String>get("spec", "template", "spec", "containers", 0, "env", 0, "name")).isEqualTo("A");
      assertThat(service.<Integer>get("spec", "template", "spec", "containers", 0, "resources", "limits", "nvidia.com/gpu"))
          .isEqualTo(2);
    }

    @Test
    void knativeServiceWithoutGpusHasNoLimits() {
      var service = Tenancy.knativeService(new KnativeService("web", "team-a-1", "img", new TreeMap<>(), 0));
      assertThat(service.<Object>get("spec", "template", "spec", "containers", 0, "resources")).isNull();
      assertThat(service.<Object>get("spec", "template", "spec", "containers", 0, "env")).isNull();
    }
  }

  @Test
  void versionsCompareMajorThenMinor() {
    assertThat(Versions.atLeast("1.32", 1, 32)).isTrue();
    assertThat(Versions.atLeast("1.31.2", 1, 32)).isFalse();
    assertThat(Versions.atLeast("2.0", 1, 32)).isTrue();
    assertThat(Versions.atLeast("1.4", 1, 32)).isFalse();
  }

}
