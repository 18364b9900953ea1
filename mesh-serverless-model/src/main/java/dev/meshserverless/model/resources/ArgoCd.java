package dev.meshserverless.model.resources;

import dev.meshserverless.model.descriptor.PlatformSpec.ArgoCdOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.Destination;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Argo CD objects that deliver one environment: AppProjects that fence the platform and each tenant, the
 * Applications of the platform, of each tenant's onboarding and workloads, and the ApplicationSet that makes one
 * Application per tenant (so that no unit of the tree lists every tenant: CONTRACT.md, "Scale").
 */
public final class ArgoCd {
  static final String API_VERSION = "argoproj.io/v1alpha1";
  /** Deleting an Application with it deletes what the Application created (here: Argo CD objects only). */
  static final String CASCADE_FINALIZER = "resources-finalizer.argocd.argoproj.io";
  /** Every namespace of a destination. */
  static final String ANY_NAMESPACE = "*";

  private ArgoCd() {}

  /** A Kubernetes API group and kind, as AppProjects list them ({@code ""} for the core group). */
  public record GroupKind(String group, String kind) implements Comparable<GroupKind> {
    private static final Comparator<GroupKind> ORDER =
        Comparator.comparing(GroupKind::group).thenComparing(GroupKind::kind);

    /** The group and kind of an object. */
    public static GroupKind of(HasMetadata resource) {
      String apiVersion = resource.getApiVersion();
      int slash = apiVersion.indexOf('/');
      return new GroupKind(slash < 0 ? "" : apiVersion.substring(0, slash), resource.getKind());
    }

    Map<String, Object> toMap() {
      return Map.of("group", group, "kind", kind);
    }

    @Override
    public int compareTo(GroupKind other) {
      return ORDER.compare(this, other);
    }
  }

  /**
   * The names of one environment's Argo CD objects: dot-separated, and a platform, environment or tenant name
   * (an RFC 1123 label) has no dot, so no two names of one Argo CD collide, whatever the names chosen.
   */
  public record Names(String platform, String environment) {
    /** The root Application of the environment, applied by hand once. */
    public String root() {
      return platform + "." + environment;
    }

    public String platformProject() {
      return platform + "." + environment;
    }

    public String tenantProject(String tenant) {
      return platformProject() + "." + tenant;
    }

    public String platformApplication() {
      return root() + ".platform";
    }

    public String tenantsApplicationSet() {
      return root() + ".tenants";
    }

    /** The prefix of the Application the ApplicationSet makes for a tenant; the tenant's name follows. */
    public String tenantApplicationPrefix() {
      return root() + ".tenants.";
    }

    public String tenantApplication(String tenant) {
      return tenantApplicationPrefix() + tenant;
    }

    public String onboardingApplication(String tenant) {
      return tenantApplication(tenant) + ".onboarding";
    }

    public String workloadsApplication(String tenant) {
      return tenantApplication(tenant) + ".workloads";
    }
  }

  /**
   * The order of the Argo CD objects in the Application that syncs them: a wave is one past the stages it depends
   * on, as in {@link SyncWaves.Stage}.
   */
  public enum Delivery {
    /** AppProjects: an Application can only sync once its project exists. */
    PROJECTS,
    /** The platform: operators, mesh, Knative and the default policies. */
    PLATFORM(PROJECTS),
    /** The tenants' ApplicationSet: a tenant's onboarding needs the platform's CRDs, mesh and Knative. */
    TENANTS(PLATFORM),
    /** A tenant's onboarding: its namespaces, membership and fences. */
    ONBOARDING(PROJECTS),
    /** A tenant's workloads: only into namespaces that exist and are fenced. */
    WORKLOADS(PROJECTS, ONBOARDING);

    private final int wave;

    Delivery(Delivery... dependencies) {
      int highest = -1;
      for (Delivery dependency : dependencies) {
        highest = Math.max(highest, dependency.wave);
      }
      this.wave = highest + 1;
    }

    public int wave() {
      return wave;
    }
  }

  /**
   * The platform's AppProject: sources from the tree's repository only; destinations are Argo CD's own namespace
   * (for the delivery objects) and every namespace of the environment's cluster (the platform creates the
   * tenants' namespaces); of the cluster-scoped kinds, only those the platform and the onboardings create.
   */
  public static GenericKubernetesResource platformProject(
      ArgoCdOptions argocd, Names names, List<GroupKind> clusterScopedKinds) {
    List<Map<String, Object>> destinations = argocd.destination().equals(Destination.IN_CLUSTER)
        ? List.of(destination(Destination.IN_CLUSTER, ANY_NAMESPACE))
        : List.of(destination(Destination.IN_CLUSTER, argocd.namespace()),
            destination(argocd.destination(), ANY_NAMESPACE));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("description", "Platform " + names.platform() + " in " + names.environment()
        + ": operators, Service Mesh, Knative, tenant onboarding");
    spec.put("sourceRepos", List.of(argocd.repoURL()));
    spec.put("destinations", destinations);
    spec.put("clusterResourceWhitelist", clusterScopedKinds.stream().sorted().distinct().map(GroupKind::toMap).toList());
    return project(argocd, names.platformProject(), spec);
  }

  /**
   * A tenant's AppProject: its Applications may only write into the tenant's namespaces, no cluster-scoped kind
   * (none is allowed unless listed), and only the kinds of its workloads; a tenant without workloads may write no
   * kind at all (an empty allow list would allow every kind, so a deny-all list is written instead).
   */
  public static GenericKubernetesResource tenantProject(
      ArgoCdOptions argocd, Names names, String tenant, List<String> namespaces, List<GroupKind> workloadKinds) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("description", "Tenant " + tenant + " of platform " + names.platform() + " in " + names.environment()
        + ": its workloads, in its namespaces only");
    spec.put("sourceRepos", List.of(argocd.repoURL()));
    spec.put("destinations", namespaces.stream().sorted().map(ns -> destination(argocd.destination(), ns)).toList());
    List<Map<String, Object>> kinds = workloadKinds.stream().sorted().distinct().map(GroupKind::toMap).toList();
    if (kinds.isEmpty()) {
      spec.put("namespaceResourceBlacklist", List.of(new GroupKind(ANY_NAMESPACE, ANY_NAMESPACE).toMap()));
    } else {
      spec.put("namespaceResourceWhitelist", kinds);
    }
    return project(argocd, names.tenantProject(tenant), spec);
  }

  private static GenericKubernetesResource project(ArgoCdOptions argocd, String name, Map<String, Object> spec) {
    return CustomResources.named(API_VERSION, "AppProject", argocd.namespace(), name)
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  /**
   * An Application that syncs a folder of the tree automatically (pruning, and undoing drift), retrying with
   * back-off while what it waits for (an operator's webhook, a CRD) is not there yet.
   *
   * @param path the folder, relative to the tree
   * @param destinationNamespace the namespace for objects without one, or null (the tree's objects all have one)
   * @param ignoreDifferences fields that others are known to change, none for most
   */
  public static GenericKubernetesResource application(ArgoCdOptions argocd, String name, String project,
      String path, Destination destination, String destinationNamespace, List<Map<String, Object>> ignoreDifferences) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", project);
    spec.put("source", source(argocd, argocd.repositoryPath(path)));
    spec.put("destination", destination(destination, destinationNamespace));
    spec.put("syncPolicy", syncPolicy());
    if (!ignoreDifferences.isEmpty()) {
      spec.put("ignoreDifferences", ignoreDifferences);
    }
    return CustomResources.named(API_VERSION, "Application", argocd.namespace(), name)
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  /**
   * The ApplicationSet of the tenants of one environment: one Application per folder
   * {@code argocd/<env>/tenants/<tenant>}, in the platform's project, syncing that folder (the tenant's AppProject,
   * onboarding and workloads Applications). Removing a tenant removes its folder, hence its Application, whose
   * finalizer deletes the tenant's Argo CD objects; the tenant's namespaces are left for the platform team to delete.
   *
   * @param tenantsFolder the folder of the tenants' folders, relative to the tree
   */
  public static GenericKubernetesResource tenantsApplicationSet(ArgoCdOptions argocd, Names names,
      String tenantsFolder) {
    Map<String, Object> templateSpec = new LinkedHashMap<>();
    templateSpec.put("project", names.platformProject());
    templateSpec.put("source", source(argocd, "{{ .path.path }}"));
    templateSpec.put("destination", destination(Destination.IN_CLUSTER, argocd.namespace()));
    templateSpec.put("syncPolicy", syncPolicy());
    return CustomResources.named(API_VERSION, "ApplicationSet", argocd.namespace(), names.tenantsApplicationSet())
        .addToAdditionalProperties("spec", Map.of(
            "goTemplate", true,
            "goTemplateOptions", List.of("missingkey=error"),
            "generators", List.of(Map.of("git", Map.of(
                "repoURL", argocd.repoURL(),
                "revision", argocd.targetRevision(),
                "directories", List.of(Map.of("path", argocd.repositoryPath(tenantsFolder) + "/*"))))),
            "template", Map.of(
                "metadata", Map.of(
                    "name", names.tenantApplicationPrefix() + "{{ .path.basename }}",
                    "finalizers", List.of(CASCADE_FINALIZER)),
                "spec", templateSpec)))
        .build();
  }

  /**
   * Drift that OLM causes on an OperatorGroup: it defaults {@code spec.upgradeStrategy} and annotates the group
   * with the APIs its operators provide. Neither is in the tree, so neither may make the platform OutOfSync.
   */
  public static Map<String, Object> operatorGroupDrift() {
    return Map.of(
        "group", "operators.coreos.com",
        "kind", "OperatorGroup",
        "jsonPointers", List.of("/metadata/annotations/olm.providedAPIs", "/spec/upgradeStrategy"));
  }

  /**
   * The health checks as plain Argo CD reads them: keys {@code resource.customizations.health.<group>_<kind>} of
   * the ConfigMap {@code argocd-cm} (applying this one merges the keys into the existing ConfigMap).
   */
  public static ConfigMap healthChecksConfigMap(String namespace, List<HealthChecks.Check> checks) {
    Map<String, String> data = new TreeMap<>();
    checks.forEach(check -> data.put(check.configMapKey(), check.lua()));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("argocd-cm")
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/name", "argocd-cm")
        .addToLabels("app.kubernetes.io/part-of", "argocd")
        .endMetadata()
        .withData(data)
        .build();
  }

  /**
   * The health checks as OpenShift GitOps reads them: {@code spec.resourceHealthChecks} of its {@code ArgoCD}
   * resource, from which its operator writes {@code argocd-cm}. A merge patch: it replaces the whole list.
   */
  public static Map<String, Object> openShiftGitOpsHealthChecksPatch(List<HealthChecks.Check> checks) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("apiVersion", "argoproj.io/v1beta1");
    patch.put("kind", "ArgoCD");
    patch.put("spec", Map.of("resourceHealthChecks", checks.stream()
        .map(check -> Map.of("group", check.group(), "kind", check.kind(), "check", check.lua()))
        .toList()));
    return patch;
  }

  private static Map<String, Object> source(ArgoCdOptions argocd, String path) {
    return Map.of("repoURL", argocd.repoURL(), "targetRevision", argocd.targetRevision(), "path", path);
  }

  private static Map<String, Object> destination(Destination destination, String namespace) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (destination.server() != null) {
      map.put("server", destination.server());
    } else {
      map.put("name", Objects.requireNonNull(destination.name()));
    }
    if (namespace != null) {
      map.put("namespace", namespace);
    }
    return map;
  }

  private static Map<String, Object> syncPolicy() {
    return Map.of(
        "automated", Map.of("prune", true, "selfHeal", true),
        "retry", Map.of("limit", 10, "backoff", Map.of("duration", "10s", "factor", 2, "maxDuration", "5m")));
  }
}
