package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.descriptor.PlatformSpec.ArgoCdOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.Destination;
import dev.meshserverless.model.resources.ArgoCd.Delivery;
import dev.meshserverless.model.resources.ArgoCd.GroupKind;
import dev.meshserverless.model.resources.ArgoCd.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ArgoCdTest {
  private static final String REPO = "https://git.example.com/acme/gitops.git";
  private static final Destination PROD = new Destination("https://api.prod.example.com:6443", null);
  private static final ArgoCdOptions IN_CLUSTER =
      new ArgoCdOptions(REPO, "main", "", "openshift-gitops", Destination.IN_CLUSTER);
  private static final ArgoCdOptions REMOTE = new ArgoCdOptions(REPO, "v2", "clusters/acme", "argocd", PROD);
  private static final Names NAMES = new Names("acme", "prod");
  private static final GroupKind KNATIVE_SERVICE = new GroupKind("serving.knative.dev", "Service");

  @Nested
  @DisplayName("AppProjects")
  class Projects {
    @Test
    @DisplayName("a tenant may write only its workloads' kinds into its own namespaces, nothing cluster-scoped")
    void tenant() {
      GenericKubernetesResource project = ArgoCd.tenantProject(REMOTE, NAMES, "team-a", List.of("team-a-2", "team-a-1"),
          List.of(KNATIVE_SERVICE, KNATIVE_SERVICE));

      assertThat(project.getMetadata().getName()).isEqualTo("acme.prod.team-a");
      assertThat(project.getMetadata().getNamespace()).isEqualTo("argocd");
      assertThat(project.<List<String>>get("spec", "sourceRepos")).containsExactly(REPO);
      assertThat(project.<List<Map<String, Object>>>get("spec", "destinations")).containsExactly(
          Map.of("server", PROD.server(), "namespace", "team-a-1"),
          Map.of("server", PROD.server(), "namespace", "team-a-2"));
      assertThat(project.<List<Map<String, Object>>>get("spec", "namespaceResourceWhitelist"))
          .containsExactly(Map.of("group", "serving.knative.dev", "kind", "Service"));
      assertThat(project.<Map<String, Object>>get("spec"))
          .doesNotContainKeys("clusterResourceWhitelist", "namespaceResourceBlacklist");
    }

    @Test
    @DisplayName("a tenant without workloads may write no kind at all (an empty allow list would allow all)")
    void tenantWithoutWorkloads() {
      GenericKubernetesResource project = ArgoCd.tenantProject(REMOTE, NAMES, "team-b", List.of("team-b"), List.of());

      assertThat(project.<List<Map<String, Object>>>get("spec", "namespaceResourceBlacklist"))
          .containsExactly(Map.of("group", "*", "kind", "*"));
      assertThat(project.<Map<String, Object>>get("spec")).doesNotContainKey("namespaceResourceWhitelist");
    }

    @Test
    @DisplayName("the platform: Argo CD's namespace for the delivery objects, any namespace of the environment's"
        + " cluster, and only the cluster-scoped kinds it creates")
    void platform() {
      GenericKubernetesResource remote = ArgoCd.platformProject(REMOTE, NAMES, List.of(new GroupKind("", "Namespace"),
          new GroupKind("", "Namespace")));
      GenericKubernetesResource local = ArgoCd.platformProject(IN_CLUSTER, NAMES, List.of());

      assertThat(remote.getMetadata().getName()).isEqualTo("acme.prod");
      assertThat(remote.<List<Map<String, Object>>>get("spec", "destinations")).containsExactly(
          Map.of("server", "https://kubernetes.default.svc", "namespace", "argocd"),
          Map.of("server", PROD.server(), "namespace", "*"));
      assertThat(remote.<List<Map<String, Object>>>get("spec", "clusterResourceWhitelist"))
          .containsExactly(Map.of("group", "", "kind", "Namespace"));
      assertThat(local.<List<Map<String, Object>>>get("spec", "destinations"))
          .containsExactly(Map.of("server", "https://kubernetes.default.svc", "namespace", "*"));
    }
  }

  @Nested
  @DisplayName("Applications")
  class Applications {
    @Test
    @DisplayName("sync a folder of the tree below the repository path, automatically, with retries")
    void application() {
      GenericKubernetesResource application = ArgoCd.application(REMOTE, "acme.prod.platform", "acme.prod",
          "platform/overlays/prod", PROD, null, List.of(ArgoCd.operatorGroupDrift()));

      assertThat(application.<Map<String, Object>>get("spec", "source"))
          .isEqualTo(Map.of("repoURL", REPO, "targetRevision", "v2", "path", "clusters/acme/platform/overlays/prod"));
      assertThat(application.<Map<String, Object>>get("spec", "destination")).isEqualTo(Map.of("server", PROD.server()));
      assertThat(application.<Map<String, Object>>get("spec", "syncPolicy", "automated"))
          .isEqualTo(Map.of("prune", true, "selfHeal", true));
      assertThat(application.<Integer>get("spec", "syncPolicy", "retry", "limit")).isPositive();
      assertThat(application.<List<Map<String, Object>>>get("spec", "ignoreDifferences"))
          .extracting(d -> d.get("kind")).containsExactly("OperatorGroup");
    }

    @Test
    @DisplayName("a cluster named in Argo CD is a destination by name; no drift to ignore, no ignoreDifferences")
    void namedDestination() {
      GenericKubernetesResource application = ArgoCd.application(IN_CLUSTER, "a", "p", "x", new Destination(null, "prod"),
          null, List.of());

      assertThat(application.<Map<String, Object>>get("spec", "destination")).isEqualTo(Map.of("name", "prod"));
      assertThat(application.<Map<String, Object>>get("spec")).doesNotContainKey("ignoreDifferences");
    }

    @Test
    @DisplayName("the tenants' ApplicationSet makes one Application per tenant folder, in the platform's project")
    void applicationSet() {
      GenericKubernetesResource set = ArgoCd.tenantsApplicationSet(REMOTE, NAMES, "argocd/prod/tenants");

      Map<String, Object> git = set.<List<Map<String, Map<String, Object>>>>get("spec", "generators").get(0).get("git");
      assertThat(git).containsEntry("repoURL", REPO).containsEntry("revision", "v2")
          .containsEntry("directories", List.of(Map.of("path", "clusters/acme/argocd/prod/tenants/*")));
      assertThat(set.<String>get("spec", "template", "metadata", "name")).isEqualTo("acme.prod.tenants.{{ .path.basename }}");
      assertThat(set.<String>get("spec", "template", "spec", "project")).isEqualTo("acme.prod");
      assertThat(set.<String>get("spec", "template", "spec", "source", "path")).isEqualTo("{{ .path.path }}");
      assertThat(set.<Map<String, Object>>get("spec", "template", "spec", "destination"))
          .isEqualTo(Map.of("server", "https://kubernetes.default.svc", "namespace", "argocd"));
    }

    @Test
    @DisplayName("projects come first, the platform before the tenants, a tenant's onboarding before its workloads")
    void deliveryOrder() {
      assertThat(Delivery.PROJECTS.wave()).isLessThan(Delivery.PLATFORM.wave());
      assertThat(Delivery.PLATFORM.wave()).isLessThan(Delivery.TENANTS.wave());
      assertThat(Delivery.PROJECTS.wave()).isLessThan(Delivery.ONBOARDING.wave());
      assertThat(Delivery.ONBOARDING.wave()).isLessThan(Delivery.WORKLOADS.wave());
    }
  }

  @Test
  @DisplayName("no two names collide: a name of one environment has its parts separated by dots")
  void namesAreUnique() {
    Set<String> names = new HashSet<>();
    for (String tenant : List.of("platform", "tenants", "onboarding", "workloads", "team-a", "team-a-onboarding")) {
      Names n = new Names("acme", "prod");
      assertThat(names.add(n.tenantApplication(tenant))).as(tenant).isTrue();
      assertThat(names.add(n.onboardingApplication(tenant))).as(tenant).isTrue();
      assertThat(names.add(n.workloadsApplication(tenant))).as(tenant).isTrue();
    }
    assertThat(names.add(NAMES.root())).isTrue();
    assertThat(names.add(NAMES.platformApplication())).isTrue();
    assertThat(names.add(new Names("acme", "prod-platform").root())).isTrue();
  }

  @Test
  @DisplayName("the health checks as argocd-cm keys and as OpenShift GitOps' resourceHealthChecks")
  void healthChecks() {
    List<HealthChecks.Check> checks = HealthChecks.all();

    ConfigMap configMap = ArgoCd.healthChecksConfigMap("argocd", checks);
    Map<String, Object> patch = ArgoCd.openShiftGitOpsHealthChecksPatch(checks);

    assertThat(configMap.getMetadata().getName()).isEqualTo("argocd-cm");
    assertThat(configMap.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "argocd");
    assertThat(configMap.getData()).hasSize(checks.size());
    checks.forEach(check -> assertThat(configMap.getData()).containsEntry(check.configMapKey(), check.lua()));
    assertThat(patch).containsEntry("kind", "ArgoCD");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> list = (List<Map<String, String>>) ((Map<String, Object>) patch.get("spec"))
        .get("resourceHealthChecks");
    assertThat(list).extracting(c -> c.get("group") + "_" + c.get("kind") + ":" + c.get("check")).containsExactlyElementsOf(
        checks.stream().map(c -> c.group() + "_" + c.kind() + ":" + c.lua()).toList());
  }
}
