package dev.meshserverless.model;

import dev.meshserverless.model.descriptor.Descriptor;
import dev.meshserverless.model.descriptor.Environment;
import dev.meshserverless.model.descriptor.PlatformSpec.ArgoCdOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.Destination;
import dev.meshserverless.model.descriptor.Tenant;
import dev.meshserverless.model.output.Layout;
import dev.meshserverless.model.output.ManifestYaml;
import dev.meshserverless.model.resources.ArgoCd;
import dev.meshserverless.model.resources.ArgoCd.Delivery;
import dev.meshserverless.model.resources.ArgoCd.GroupKind;
import dev.meshserverless.model.resources.ArgoCd.Names;
import dev.meshserverless.model.resources.HealthChecks;
import dev.meshserverless.model.resources.SyncWaves;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code argocd/<env>} folders: how Argo CD syncs an environment from an empty cluster in one pass, for every
 * environment whose spec has {@code argocd}.
 *
 * <pre>
 * argocd/&lt;env&gt;/                  applied once by hand: the root Application and the platform's AppProject
 * argocd/&lt;env&gt;/apps/             what the root syncs: the AppProject, the platform Application, the tenants'
 *                                ApplicationSet, in this order
 * argocd/&lt;env&gt;/tenants/&lt;tenant&gt;/  what a tenant's Application syncs: its AppProject, its onboarding and its
 *                                workloads Applications, in this order
 * argocd/&lt;env&gt;/health/           the Lua health checks for plain Argo CD (argocd-cm), and in openshift-gitops/
 *                                for OpenShift GitOps (a merge patch of its ArgoCD resource)
 * </pre>
 *
 * Every folder lists a bounded number of objects however many tenants there are (CONTRACT.md, "Scale"): the
 * ApplicationSet finds the tenants' folders in Git.
 */
final class ArgoCdTree {
  /** The folder of the Argo CD objects in the tree. */
  static final String ROOT = "argocd";
  /** The file, below {@code argocd/<env>/health}, of the merge patch for OpenShift GitOps' ArgoCD resource. */
  static final String OPENSHIFT_GITOPS_PATCH = "openshift-gitops/argocd-merge-patch.yaml";

  private ArgoCdTree() {}

  /**
   * What Argo CD's projects must admit for one tenant, by environment: the kinds of its cluster-scoped onboarding
   * objects (for the platform's project) and of its workloads (for its own project).
   */
  record TenantKinds(Map<String, List<GroupKind>> clusterScoped, Map<String, List<GroupKind>> workloads) {
    static TenantKinds of(Map<String, List<HasMetadata>> onboarding, Map<String, List<HasMetadata>> workloads) {
      Map<String, List<GroupKind>> clusterScoped = new TreeMap<>();
      onboarding.forEach((env, objects) -> clusterScoped.put(env, clusterScopedKinds(objects)));
      Map<String, List<GroupKind>> workloadKinds = new TreeMap<>();
      workloads.forEach((env, objects) -> workloadKinds.put(env,
          objects.stream().map(GroupKind::of).distinct().toList()));
      return new TenantKinds(clusterScoped, workloadKinds);
    }
  }

  /**
   * Adds {@code argocd/<env>} for every environment with {@code argocd}, from the units already rendered.
   *
   * @param platform by environment, the platform's objects
   * @param tenantKinds by tenant, the kinds its projects admit
   */
  static void add(Layout layout, Descriptor descriptor, SortedMap<String, List<HasMetadata>> platform,
      Map<String, TenantKinds> tenantKinds) {
    for (Environment env : descriptor.environments()) {
      ArgoCdOptions argocd = env.spec().argocd();
      if (argocd == null) {
        continue;
      }
      String folder = ROOT + "/" + env.name();
      Names names = new Names(descriptor.platform().name(), env.name());
      List<Tenant> tenants = descriptor.tenantsIn(env.name());

      List<HasMetadata> platformObjects = platform.get(env.name());
      List<GroupKind> clusterScoped = new ArrayList<>(clusterScopedKinds(platformObjects));
      tenants.forEach(t -> clusterScoped.addAll(tenantKinds.get(t.name()).clusterScoped().get(env.name())));
      GenericKubernetesResource platformProject = wave(ArgoCd.platformProject(argocd, names, clusterScoped),
          Delivery.PROJECTS);
      GenericKubernetesResource platformApplication = wave(ArgoCd.application(argocd, names.platformApplication(),
          names.platformProject(), "platform/overlays/" + env.name(), argocd.destination(), null,
          ignoredDrift(platformObjects)), Delivery.PLATFORM);
      GenericKubernetesResource tenantsApplicationSet = wave(
          ArgoCd.tenantsApplicationSet(argocd, names, folder + "/tenants"), Delivery.TENANTS);
      layout.addDirectory(folder + "/apps", List.of(platformProject, platformApplication, tenantsApplicationSet),
          List.of());

      GenericKubernetesResource root = ArgoCd.application(argocd, names.root(), names.platformProject(),
          folder + "/apps", Destination.IN_CLUSTER, argocd.namespace(), List.of());
      layout.addDirectory(folder, List.of(root), List.of("apps/" + Layout.fileName(platformProject)));

      for (Tenant tenant : tenants) {
        String unit = "tenants/" + tenant.name();
        List<GroupKind> workloadKinds = tenantKinds.get(tenant.name()).workloads().get(env.name());
        layout.addDirectory(folder + "/" + unit, List.of(
            wave(ArgoCd.tenantProject(argocd, names, tenant.name(), tenant.namespaces(), workloadKinds),
                Delivery.PROJECTS),
            wave(ArgoCd.application(argocd, names.onboardingApplication(tenant.name()), names.platformProject(),
                unit + "/onboarding/overlays/" + env.name(), argocd.destination(), null, List.of()),
                Delivery.ONBOARDING),
            wave(ArgoCd.application(argocd, names.workloadsApplication(tenant.name()),
                names.tenantProject(tenant.name()), unit + "/workloads/overlays/" + env.name(),
                argocd.destination(), null, List.of()), Delivery.WORKLOADS)), List.of());
      }

      List<HealthChecks.Check> checks = HealthChecks.all();
      layout.addDirectory(folder + "/health", List.of(ArgoCd.healthChecksConfigMap(argocd.namespace(), checks)),
          List.of());
      layout.addFile(folder + "/health/" + OPENSHIFT_GITOPS_PATCH,
          ManifestYaml.write(ArgoCd.openShiftGitOpsHealthChecksPatch(checks)));
    }
  }

  private static GenericKubernetesResource wave(GenericKubernetesResource resource, Delivery delivery) {
    SyncWaves.annotate(resource, delivery.wave(), List.of());
    return resource;
  }

  private static List<GroupKind> clusterScopedKinds(List<HasMetadata> resources) {
    return resources.stream().filter(r -> r.getMetadata().getNamespace() == null).map(GroupKind::of).toList();
  }

  /** {@code ignoreDifferences} for what operators are known to change in these objects: only what is needed. */
  private static List<Map<String, Object>> ignoredDrift(List<HasMetadata> resources) {
    boolean operatorGroups = resources.stream()
        .anyMatch(r -> r.getKind().equals("OperatorGroup") && r.getApiVersion().startsWith("operators.coreos.com/"));
    return operatorGroups ? List.of(ArgoCd.operatorGroupDrift()) : List.of();
  }
}
