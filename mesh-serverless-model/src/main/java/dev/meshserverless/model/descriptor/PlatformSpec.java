package dev.meshserverless.model.descriptor;

import java.util.List;

/**
 * {@code Platform.spec} with defaults applied; an environment's effective spec is this with its overrides
 * deep-merged on top.
 */
public record PlatformSpec(
    ServerlessOptions serverless,
    ServiceMeshOptions serviceMesh,
    Ingress ingress,
    TlsOptions tls,
    ServingOptions serving,
    EventingOptions eventing,
    KafkaOptions kafka,
    boolean tenantIsolation) {

  /** {@code spec.serverless}: the OpenShift Serverless release whose documented behaviour to follow. */
  public record ServerlessOptions(String version) {
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
      String terminationDrainDuration) {}

  /** {@code spec.tls}: the ingress gateway's credential, referenced by name only (S1). */
  public record TlsOptions(String secretName) {}

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
