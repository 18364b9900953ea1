package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.resources.SyncWaves.Stage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncWavesTest {
  @ParameterizedTest
  @EnumSource(Stage.class)
  @DisplayName("a stage's wave is one past the highest wave it depends on")
  void wavesFromDependencies(Stage stage) {
    int expected = stage.dependencies().stream().mapToInt(Stage::wave).max().orElse(-1) + 1;
    assertThat(stage.wave()).isEqualTo(expected);
  }

  @Test
  @DisplayName("objects get the stage of their group and kind")
  void stages() {
    assertThat(SyncWaves.stage(Tenancy.namespace("x"))).isEqualTo(Stage.NAMESPACES);
    assertThat(SyncWaves.stage(Operators.serverlessOperatorGroup())).isEqualTo(Stage.OPERATOR_GROUPS);
    assertThat(SyncWaves.stage(Operators.serviceMeshSubscription(Specs.defaults().serviceMesh())))
        .isEqualTo(Stage.OPERATORS);
    assertThat(SyncWaves.stage(Mesh.serviceMeshControlPlane(Specs.defaults().serviceMesh())))
        .isEqualTo(Stage.CONTROL_PLANE);
    assertThat(SyncWaves.stage(Mesh.serviceMeshMemberRoll(Specs.defaults().serviceMesh(), List.of("a"))))
        .isEqualTo(Stage.MEMBERSHIP);
    assertThat(SyncWaves.stage(Mesh.knativeIngressGateway(Specs.defaults()))).isEqualTo(Stage.GATEWAYS);
    assertThat(SyncWaves.stage(Mesh.knativeLocalGatewayService(Specs.defaults().serviceMesh())))
        .isEqualTo(Stage.GATEWAYS);
    assertThat(SyncWaves.stage(Serving.knativeServing(Specs.defaults()))).isEqualTo(Stage.KNATIVE);
    assertThat(SyncWaves.stage(Eventing.knativeEventing(Specs.defaults()))).isEqualTo(Stage.KNATIVE);
    assertThat(SyncWaves.stage(Serving.allowFromOpenShiftMonitoring("knative-serving")))
        .isEqualTo(Stage.CONFIGURATION);
    assertThat(SyncWaves.stage(CustomResources.named("federation.maistra.io/v1", "ServiceMeshPeer", "x", "y").build()))
        .isEqualTo(Stage.FEDERATION);
  }

  @Test
  @DisplayName("SkipDryRunOnMissingResource for every kind an operator defines, not for Kubernetes', OLM's or"
      + " Argo CD's")
  void definedByOperator() {
    assertThat(List.of("maistra.io/v2", "federation.maistra.io/v1", "networking.istio.io/v1alpha3",
        "security.istio.io/v1beta1", "operator.knative.dev/v1beta1", "operator.serverless.openshift.io/v1alpha1",
        "serving.knative.dev/v1", "cert-manager.io/v1"))
        .allMatch(SyncWaves::definedByOperator);
    assertThat(List.of("v1", "apps/v1", "networking.k8s.io/v1", "operators.coreos.com/v1alpha1",
        "argoproj.io/v1alpha1")).noneMatch(SyncWaves::definedByOperator);
  }

  @Test
  @DisplayName("all sync options of an object go into one annotation, next to the wave, keeping other annotations")
  void oneAnnotation() {
    GenericKubernetesResource controlPlane = Mesh.serviceMeshControlPlane(Specs.defaults().serviceMesh());
    controlPlane.getMetadata().setAnnotations(Map.of("keep", "me"));

    SyncWaves.annotate(List.<HasMetadata>of(controlPlane));

    assertThat(controlPlane.getMetadata().getAnnotations()).containsExactly(
        Map.entry("argocd.argoproj.io/sync-options", "PruneLast=true,SkipDryRunOnMissingResource=true"),
        Map.entry("argocd.argoproj.io/sync-wave", "3"),
        Map.entry("keep", "me"));
  }

  @Test
  @DisplayName("an object without sync options gets the wave only")
  void waveOnly() {
    HasMetadata policy = Serving.allowFromOpenShiftMonitoring("knative-serving");

    SyncWaves.annotate(List.of(policy));

    assertThat(policy.getMetadata().getAnnotations())
        .containsExactly(Map.entry("argocd.argoproj.io/sync-wave", Integer.toString(Stage.CONFIGURATION.wave())));
  }
}
