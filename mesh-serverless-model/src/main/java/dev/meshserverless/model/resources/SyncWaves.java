package dev.meshserverless.model.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The order in which Argo CD applies a unit of the tree, so that one sync on an empty cluster succeeds: each object
 * gets the {@code argocd.argoproj.io/sync-wave} of its {@link Stage}, one past the latest stage it depends on, and
 * one {@code argocd.argoproj.io/sync-options} annotation combining every sync option it needs. Argo CD applies a wave
 * only when every object of the earlier waves is healthy (the health checks of {@code argocd/<env>/health} make the
 * Maistra resources and KnativeKafka report it).
 */
public final class SyncWaves {
  /** The annotation holding an object's wave. */
  public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  /** The annotation holding an object's sync options, comma-separated. */
  public static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  /** Lets Argo CD apply an object whose CRD is not there yet at dry-run time: an operator installs it later. */
  public static final String SKIP_DRY_RUN = "SkipDryRunOnMissingResource=true";
  /** Prunes an object only after every other change of the sync: what others depend on goes last. */
  public static final String PRUNE_LAST = "PruneLast=true";

  /**
   * API groups whose kinds exist before any sync: Kubernetes' and OpenShift's own, OLM (part of OpenShift) and
   * Argo CD's. Every other group's CRD is installed by an operator (Service Mesh: Maistra and Istio; Serverless: the
   * Knative operator's and Knative Serving's; cert-manager's), so its objects need {@link #SKIP_DRY_RUN}.
   */
  private static final Set<String> PRESENT_BEFORE_SYNC = Set.of(
      "", "apps", "batch", "policy", "autoscaling", "route.openshift.io", "operators.coreos.com", "argoproj.io");

  private SyncWaves() {}

  /**
   * What an object waits for. A stage's wave is one more than the highest wave of the stages it depends on (0 for
   * none), so the waves follow the dependencies however stages are added.
   */
  public enum Stage {
    /** Namespaces: everything else lives in one. */
    NAMESPACES(true),
    /** OperatorGroups: OLM installs nothing in a namespace without one. */
    OPERATOR_GROUPS(true, NAMESPACES),
    /** Subscriptions: OLM installs the operators, and with them the CRDs of every later stage. */
    OPERATORS(true, OPERATOR_GROUPS),
    /** cert-manager Certificates: the gateways' Secrets (S1) exist before the gateways serve them. */
    CERTIFICATES(false, NAMESPACES),
    /** Plain namespaced configuration (NetworkPolicies, ConfigMaps), which only needs its namespace. */
    CONFIGURATION(false, NAMESPACES),
    /** The ServiceMeshControlPlane (S3): needs the Service Mesh operator. */
    CONTROL_PLANE(true, OPERATORS),
    /** The member roll or members (S4): need the control plane. */
    MEMBERSHIP(false, CONTROL_PLANE),
    /** Gateways, the local gateway Service and ServiceEntries (S5, S9): routing in a mesh that has its members. */
    GATEWAYS(false, MEMBERSHIP, CERTIFICATES),
    /** KnativeServing and KnativeEventing (S6, S7): their pods start as mesh members, behind the gateways. */
    KNATIVE(false, OPERATORS, GATEWAYS),
    /** KnativeKafka (S8): extends Knative Eventing. */
    KAFKA(false, KNATIVE),
    /**
     * Authorization policies (S15), once Knative is healthy: a deny-all applied while Knative starts would block
     * its own start-up traffic.
     */
    ISOLATION(false, KNATIVE, KAFKA),
    /** The tenants' Knative services (S10): fenced before they run. */
    WORKLOADS(false, ISOLATION),
    /**
     * Federation (S19): peers and exported or imported services need a populated mesh (its members); they come
     * last because a peer connects only once the other mesh is up, which must not hold back this mesh's Knative.
     */
    FEDERATION(false, MEMBERSHIP, ISOLATION);

    private final boolean pruneLast;
    private final List<Stage> dependencies;
    private final int wave;

    Stage(boolean pruneLast, Stage... dependencies) {
      this.pruneLast = pruneLast;
      this.dependencies = List.of(dependencies);
      this.wave = this.dependencies.stream().mapToInt(stage -> stage.wave + 1).max().orElse(0);
    }

    /** The sync wave of this stage. */
    public int wave() {
      return wave;
    }

    /** The stages this one waits for. */
    public List<Stage> dependencies() {
      return dependencies;
    }

    /** Whether others depend on it so much that it is pruned after every other change. */
    public boolean pruneLast() {
      return pruneLast;
    }
  }

  /** The stage of an object, by its API group and kind. */
  public static Stage stage(HasMetadata resource) {
    String group = group(resource.getApiVersion());
    String kind = resource.getKind();
    return switch (group) {
      case "" -> switch (kind) {
        case "Namespace" -> Stage.NAMESPACES;
        case "Service" -> Stage.GATEWAYS; // knative-local-gateway (S5), the only Service of the tree
        default -> Stage.CONFIGURATION;
      };
      case "operators.coreos.com" -> kind.equals("OperatorGroup") ? Stage.OPERATOR_GROUPS : Stage.OPERATORS;
      case "cert-manager.io" -> Stage.CERTIFICATES;
      case "maistra.io" -> kind.equals("ServiceMeshControlPlane") ? Stage.CONTROL_PLANE : Stage.MEMBERSHIP;
      case "federation.maistra.io" -> Stage.FEDERATION;
      case "networking.istio.io" -> Stage.GATEWAYS;
      case "operator.knative.dev" -> Stage.KNATIVE;
      case "operator.serverless.openshift.io" -> Stage.KAFKA;
      case "security.istio.io" -> Stage.ISOLATION;
      case "serving.knative.dev", "eventing.knative.dev", "sources.knative.dev", "messaging.knative.dev" ->
          Stage.WORKLOADS;
      default -> Stage.CONFIGURATION;
    };
  }

  /** Whether the object's CRD is installed by an operator, so Argo CD's dry run must not require it. */
  public static boolean definedByOperator(String apiVersion) {
    String group = group(apiVersion);
    return !PRESENT_BEFORE_SYNC.contains(group) && !group.endsWith(".k8s.io");
  }

  /** The sync options of an object, in a fixed order. */
  public static List<String> syncOptions(HasMetadata resource) {
    List<String> options = new ArrayList<>();
    if (stage(resource).pruneLast()) {
      options.add(PRUNE_LAST);
    }
    if (definedByOperator(resource.getApiVersion())) {
      options.add(SKIP_DRY_RUN);
    }
    return options;
  }

  /** Sets the wave and the sync options of every object, in place; returns {@code resources}. */
  public static <T extends Collection<? extends HasMetadata>> T annotate(T resources) {
    for (HasMetadata resource : resources) {
      annotate(resource, stage(resource).wave(), syncOptions(resource));
    }
    return resources;
  }

  /** Sets {@code wave} and the combined {@code options} (none: no annotation) on one object, in place. */
  public static void annotate(HasMetadata resource, int wave, List<String> options) {
    Map<String, String> annotations = new TreeMap<>();
    if (resource.getMetadata().getAnnotations() != null) {
      annotations.putAll(resource.getMetadata().getAnnotations());
    }
    annotations.put(SYNC_WAVE, Integer.toString(wave));
    if (!options.isEmpty()) {
      annotations.put(SYNC_OPTIONS, String.join(",", options));
    }
    resource.getMetadata().setAnnotations(annotations);
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
