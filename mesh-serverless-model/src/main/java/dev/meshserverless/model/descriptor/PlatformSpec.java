package dev.meshserverless.model.descriptor;

import java.util.List;

/**
 * {@code Platform.spec} with defaults applied; an environment's effective spec is this with its overrides
 * deep-merged on top.
 *
 * @param argocd how Argo CD delivers the tree, or null when the spec has no {@code argocd} (then no
 *     {@code argocd/} folder is generated)
 */
public record PlatformSpec(
    ServerlessOptions serverless,
    ServiceMeshOptions serviceMesh,
    Ingress ingress,
    TlsOptions tls,
    ServingOptions serving,
    EventingOptions eventing,
    KafkaOptions kafka,
    boolean tenantIsolation,
    ArgoCdOptions argocd) {

  /**
   * {@code spec.serverless}: the OpenShift Serverless release whose documented behaviour to follow, and the OLM
   * subscription that installs its operator.
   */
  public record ServerlessOptions(String version, SubscriptionOptions subscription) {
    /** Default {@code serverless.version}. */
    public static final String DEFAULT_VERSION = "1.37";
  }

  /** {@code spec.serviceMesh}. */
  public record ServiceMeshOptions(
      String version,
      String controlPlaneName,
      String controlPlaneNamespace,
      Membership membership,
      boolean manageNetworkPolicy,
      String terminationDrainDuration,
      SubscriptionOptions subscription) {}

  /**
   * {@code spec.serverless.subscription}, {@code spec.serviceMesh.subscription}: the OLM Subscription of an
   * operator. The package and the namespace are the operator's own; the channel defaults from the version.
   *
   * @param enabled false when the operator is installed some other way: no OLM object is generated for it
   */
  public record SubscriptionOptions(
      boolean enabled, String channel, String source, String sourceNamespace, InstallPlanApproval installPlanApproval) {
    /** The catalog of Red Hat's operators on OpenShift. */
    public static final String DEFAULT_SOURCE = "redhat-operators";
    /** Where OpenShift's catalog sources live. */
    public static final String DEFAULT_SOURCE_NAMESPACE = "openshift-marketplace";
  }

  /** {@code installPlanApproval} of an OLM Subscription. */
  public enum InstallPlanApproval {
    Automatic,
    Manual
  }

  /**
   * {@code spec.tls}: the ingress gateway's credential (S1), referenced by name; with {@link TlsSource#CertManager}
   * cert-manager issues it.
   *
   * @param issuer who signs the certificates, null unless {@code source} is {@link TlsSource#CertManager}
   */
  public record TlsOptions(String secretName, TlsSource source, IssuerRef issuer) {}

  /** {@code spec.tls.source}: where the gateways' TLS Secrets come from (S1). */
  public enum TlsSource {
    /** The user creates the Secrets; the tree only names them. */
    Existing,
    /** A cert-manager {@code Certificate} in the tree issues each Secret. */
    CertManager
  }

  /** {@code spec.tls.issuer}: a cert-manager issuer reference. */
  public record IssuerRef(String kind, String name, String group) {
    /** The API group of cert-manager's own issuers. */
    public static final String CERT_MANAGER_GROUP = "cert-manager.io";
  }

  /** {@code spec.serving}. */
  public record ServingOptions(
      LocalGateway localGateway, String localGatewaySecretName, boolean metrics, boolean secretInformerFiltering) {}

  /** {@code spec.eventing}. */
  public record EventingOptions(boolean enabled) {}

  /** {@code spec.kafka}. */
  public record KafkaOptions(boolean enabled, List<String> bootstrapServers, int numPartitions, int replicationFactor) {
    public KafkaOptions {
      bootstrapServers = List.copyOf(bootstrapServers);
    }
  }

  /**
   * {@code spec.argocd}: where the generated tree is committed, and where Argo CD runs and deploys.
   *
   * @param repoURL the Git repository holding the tree
   * @param targetRevision the branch, tag or commit Argo CD follows
   * @param path the folder of the repository that holds the tree, without leading or trailing {@code /};
   *     empty when the tree is the repository's root
   * @param namespace the namespace of the Argo CD instance: its Applications and AppProjects live there
   * @param destination the cluster this environment's platform and tenants are deployed to
   */
  public record ArgoCdOptions(
      String repoURL, String targetRevision, String path, String namespace, Destination destination) {
    /** Default {@code argocd.targetRevision}: the repository's default branch. */
    public static final String DEFAULT_TARGET_REVISION = "HEAD";
    /** Default {@code argocd.namespace}: OpenShift GitOps' default instance. */
    public static final String DEFAULT_NAMESPACE = "openshift-gitops";

    /** {@code path} followed by {@code relative}: where a folder of the tree is in the repository. */
    public String repositoryPath(String relative) {
      return path.isEmpty() ? relative : path + "/" + relative;
    }
  }

  /**
   * {@code spec.argocd.destination}: a cluster as Argo CD knows it, by API server URL or by the name it was
   * registered with; exactly one of the two is set.
   */
  public record Destination(String server, String name) {
    /** The cluster Argo CD runs in. */
    public static final Destination IN_CLUSTER = new Destination("https://kubernetes.default.svc", null);
  }

  /** {@code spec.serviceMesh.membership}: how namespaces join the mesh (S4). */
  public enum Membership {
    MemberRoll,
    Member
  }

  /** {@code spec.ingress}: which ingress Knative uses (S6 or S13). */
  public enum Ingress {
    Istio,
    Kourier
  }

  /** {@code spec.serving.localGateway}: how {@code knative-local-gateway} serves port 8081 (S5). */
  public enum LocalGateway {
    IstioMutual,
    Http,
    Https
  }
}
