package dev.meshserverless.model.descriptor;

import dev.meshserverless.model.descriptor.Binder.Check;
import dev.meshserverless.model.descriptor.Binder.Item;
import dev.meshserverless.model.descriptor.Binder.KeyPath;
import dev.meshserverless.model.descriptor.Binder.Scope;
import dev.meshserverless.model.descriptor.Binder.Section;
import dev.meshserverless.model.descriptor.PlatformSpec.EventingOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.Ingress;
import dev.meshserverless.model.descriptor.PlatformSpec.KafkaOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.LocalGateway;
import dev.meshserverless.model.descriptor.PlatformSpec.Membership;
import dev.meshserverless.model.descriptor.PlatformSpec.ServerlessOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.ServiceMeshOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.ServingOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsOptions;
import dev.meshserverless.model.descriptor.YamlTree.ListNode;
import dev.meshserverless.model.descriptor.YamlTree.Node;
import dev.meshserverless.model.descriptor.YamlTree.ScalarNode;
import java.math.BigDecimal;
import java.util.List;

/** Binds {@code Platform.spec}, or an environment's effective spec, with the defaults of CONTRACT.md. */
final class PlatformSpecReader {
  static final String DEFAULT_CONTROL_PLANE_NAME = "basic";
  static final String DEFAULT_CONTROL_PLANE_NAMESPACE = "istio-system";
  static final String DEFAULT_TERMINATION_DRAIN_DURATION = "35s";
  static final String DEFAULT_TLS_SECRET_NAME = "wildcard-certs";
  static final int DEFAULT_NUM_PARTITIONS = 10;
  static final int DEFAULT_REPLICATION_FACTOR = 3;

  /** S3: the proxy must outlive Knative's 30 s graceful termination. */
  private static final BigDecimal KNATIVE_GRACEFUL_TERMINATION_NANOS = BigDecimal.valueOf(30_000_000_000L);

  private PlatformSpecReader() {}

  static PlatformSpec read(Binder binder, Node specNode, KeyPath path) {
    Section spec = binder.section(specNode, path, List.of(
        "serverless", "serviceMesh", "ingress", "tls", "serving", "eventing", "kafka", "tenantIsolation", "argocd"));
    Ingress ingress = spec.choice("ingress", Ingress.values(), Ingress.Istio);
    ServerlessOptions serverless = serverless(binder, spec.section("serverless", "version", "subscription"));
    spec.require("serviceMesh", "with at least version, the Service Mesh 2.x release, e.g."
        + " serviceMesh: {version: \"2.6\"}");
    ServiceMeshOptions serviceMesh = serviceMesh(binder, spec.section("serviceMesh",
        "version", "controlPlane", "membership", "manageNetworkPolicy", "terminationDrainDuration", "subscription"),
        ingress, spec);
    TlsOptions tls = DeliveryReader.tls(binder, spec.section("tls", "secretName", "source", "issuer"));
    ServingOptions serving = serving(binder, spec.section("serving",
        "localGateway", "localGatewaySecretName", "metrics", "secretInformerFiltering"));
    EventingOptions eventing = new EventingOptions(spec.section("eventing", "enabled").bool("enabled", true));
    KafkaOptions kafka = kafka(binder, spec.section("kafka",
        "enabled", "bootstrapServers", "numPartitions", "replicationFactor"));
    if (kafka.enabled() && !eventing.enabled()) {
      // S8: KnativeKafka lives in knative-eventing and extends Eventing (channels, brokers, sources, sinks).
      Node at = mostSpecific(path, spec.node("kafka"), spec.node("eventing"));
      binder.error(at, at == spec.node("eventing") ? spec.path("eventing") : spec.path("kafka"),
          "Knative Kafka extends Knative Eventing (S8): set eventing.enabled: true, or kafka.enabled: false");
    }
    boolean tenantIsolation = spec.bool("tenantIsolation", true);
    if (ingress == Ingress.Kourier && tenantIsolation) {
      // S15: the isolation policies guard the Istio ingress and the activator in the mesh.
      Node at = mostSpecific(path, spec.node("ingress"), spec.node("tenantIsolation"));
      binder.error(at, at == spec.node("ingress") ? spec.path("ingress") : spec.path("tenantIsolation"),
          "tenant isolation (S15) relies on the Istio ingress and cannot work with Kourier;"
              + " set tenantIsolation: false or ingress: Istio");
    }
    return new PlatformSpec(serverless, serviceMesh, ingress, tls, serving, eventing, kafka, tenantIsolation,
        DeliveryReader.argocd(binder, spec));
  }

  private static ServerlessOptions serverless(Binder binder, Section serverless) {
    String version = version(binder, serverless, ServerlessOptions.DEFAULT_VERSION);
    int[] majorMinor = version == null ? null : Formats.majorMinor(version);
    if (majorMinor == null) {
      if (version != null) {
        binder.error(serverless.node("version"), serverless.path("version"), "'" + version
            + "' is not a version: write MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. \""
            + ServerlessOptions.DEFAULT_VERSION + "\"");
      }
      return new ServerlessOptions(ServerlessOptions.DEFAULT_VERSION, DeliveryReader.subscription(serverless,
          DeliveryReader.serverlessChannel(ServerlessOptions.DEFAULT_VERSION)));
    }
    if (majorMinor[0] < 1 || majorMinor[0] == 1 && majorMinor[1] < 31) {
      binder.error(serverless.node("version"), serverless.path("version"), "OpenShift Serverless " + version
          + " is not supported: the generator follows the documentation of 1.31 or later; use e.g. \""
          + ServerlessOptions.DEFAULT_VERSION + "\"");
    }
    return new ServerlessOptions(version,
        DeliveryReader.subscription(serverless, DeliveryReader.serverlessChannel(version)));
  }

  private static ServiceMeshOptions serviceMesh(Binder binder, Section mesh, Ingress ingress, Section spec) {
    String version = mesh.require("version", "the Service Mesh 2.x release, e.g. \"2.6\"")
        ? version(binder, mesh, null)
        : null;
    int[] parts = version == null ? null : Formats.version(version);
    if (version != null && parts == null) {
      binder.error(mesh.node("version"), mesh.path("version"),
          "'" + version + "' is not a version: write MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. \"2.6\"");
    } else if (parts != null) {
      checkMeshVersion(binder, mesh, spec, ingress, version, parts);
    }
    Section controlPlane = mesh.section("controlPlane", "name", "namespace");
    String name = controlPlane.string("name", DEFAULT_CONTROL_PLANE_NAME,
        value -> Formats.dns1123Label(value, "ServiceMeshControlPlane name"));
    String namespace = controlPlane.string("namespace", DEFAULT_CONTROL_PLANE_NAMESPACE, value -> {
      String invalid = Formats.dns1123Label(value, "namespace name");
      String system = invalid == null ? Formats.systemNamespace(value) : null;
      return system == null ? invalid : "'" + value + "' cannot hold the Service Mesh control plane: " + system
          + "; give the control plane a namespace of its own, e.g. " + DEFAULT_CONTROL_PLANE_NAMESPACE;
    });
    Membership membership = mesh.choice("membership", Membership.values(), Membership.MemberRoll);
    boolean manageNetworkPolicy = mesh.bool("manageNetworkPolicy", true);
    String drain = mesh.string("terminationDrainDuration", DEFAULT_TERMINATION_DRAIN_DURATION, value -> {
      BigDecimal nanos = Formats.durationNanos(value);
      if (nanos == null) {
        return "'" + value + "' is not a duration: write it like 35s, 1m or 1m30s";
      }
      return nanos.compareTo(KNATIVE_GRACEFUL_TERMINATION_NANOS) > 0
          ? null
          : "'" + value + "' is too short: the proxy must keep draining longer than Knative's 30 s graceful"
              + " termination (S3); use e.g. 35s";
    });
    return new ServiceMeshOptions(version, name, namespace, membership, manageNetworkPolicy, drain,
        DeliveryReader.subscription(mesh, DeliveryReader.serviceMeshChannel(version)));
  }

  /**
   * S20: the mesh integration (ingress Istio) needs Service Mesh 2.0.5 or later, and Serverless 1.31 or later
   * (every release this generator follows) needs 2.2 with it; Kourier kept as ingress works with 1.x and 2.x.
   */
  private static void checkMeshVersion(
      Binder binder, Section mesh, Section spec, Ingress ingress, String version, int[] parts) {
    Node versionNode = mesh.node("version");
    if (parts[0] < 1 || parts[0] > 2) {
      binder.error(versionNode, mesh.path("version"), "Service Mesh " + version + " is not supported (S20): the"
          + " generator targets Service Mesh 2.x with ingress Istio, and 1.x or 2.x with ingress Kourier;"
          + " use e.g. \"2.6\"");
    } else if (ingress == Ingress.Istio && !Formats.atLeast(parts, 2, 2)) {
      String why = Formats.atLeast(parts, 2, 0, 5)
          ? "Serverless 1.31 or later with ingress Istio needs Service Mesh >= 2.2 (S20)"
          : "the Service Mesh integration needs Service Mesh >= 2.0.5, and Serverless 1.31 or later with ingress"
              + " Istio needs >= 2.2 (S20)";
      Node at = mostSpecific(spec.path(), versionNode, spec.node("ingress"));
      binder.error(at, at == versionNode ? mesh.path("version") : spec.path("ingress"), "Service Mesh " + version
          + " is too old for ingress Istio: " + why + "; use e.g. \"2.6\", or ingress: Kourier (Kourier kept as"
          + " ingress works with Service Mesh 1.x and 2.x)");
    }
  }

  private static ServingOptions serving(Binder binder, Section serving) {
    LocalGateway localGateway = serving.choice("localGateway", LocalGateway.values(), LocalGateway.IstioMutual);
    String secretName = serving.string("localGatewaySecretName", null,
        name -> Formats.dns1123Subdomain(name, "Secret name"));
    if (localGateway == LocalGateway.Https && !serving.has("localGatewaySecretName")) {
      Node at = serving.node("localGateway");
      binder.error(at, serving.path("localGateway"), "localGateway Https serves the local gateway with its own"
          + " wildcard certificate (S5): set localGatewaySecretName to the name of its TLS Secret");
    }
    // Any other mode ignores localGatewaySecretName: CONTRACT.md's own example writes it beside the default
    // IstioMutual, and an environment may switch to Https through its overrides.
    return new ServingOptions(localGateway, secretName,
        serving.bool("metrics", true), serving.bool("secretInformerFiltering", true));
  }

  private static KafkaOptions kafka(Binder binder, Section kafka) {
    boolean enabled = kafka.bool("enabled", false);
    List<Item<String>> servers = kafka.strings("bootstrapServers", Formats::hostPort);
    Node serversNode = kafka.node("bootstrapServers");
    if (enabled && (serversNode == null || serversNode instanceof ListNode list && list.items().isEmpty())) {
      // S8, S9: the brokers, channels and the ServiceEntry all need the bootstrap servers.
      Node at = mostSpecific(kafka.path(), kafka.node("enabled"), serversNode);
      binder.error(at, at == serversNode ? kafka.path("bootstrapServers") : kafka.path("enabled"),
          "Kafka is enabled, so kafka.bootstrapServers must list at least one host:port,"
              + " e.g. [my-cluster-kafka-bootstrap.kafka:9092]");
    }
    return new KafkaOptions(enabled,
        servers == null ? List.of() : servers.stream().map(Item::value).toList(),
        kafka.integer("numPartitions", DEFAULT_NUM_PARTITIONS, 1),
        kafka.integer("replicationFactor", DEFAULT_REPLICATION_FACTOR, 1));
  }

  /**
   * {@code version} as a string. YAML reads an unquoted 2.10 as the number 2.1, so a number is refused with the
   * quoted form to write instead.
   */
  private static String version(Binder binder, Section section, String defaultValue) {
    Node node = section.node("version");
    if (node instanceof ScalarNode scalar && scalar.isNumber()) {
      String read = asNumber(scalar.text());
      binder.error(node, section.path("version"), "a version must be a string: write \"" + scalar.text()
          + "\" in quotes (unquoted, YAML reads it as the number " + read
          + (read.equals(scalar.text()) ? ", and 2.10 as 2.1)" : ")"));
      return defaultValue;
    }
    return section.string("version", defaultValue, Check.ANY);
  }

  /** How YAML reads a number: 2.10 is 2.1. */
  private static String asNumber(String text) {
    try {
      return new BigDecimal(text.replace("_", "")).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return text; // .inf, .nan, 0x1F...
    }
  }

  /**
   * Of two nodes that together break a rule, the one that is best to report: the one an environment's overrides
   * wrote (so the problem is reported once, where it was introduced), else the first one present.
   */
  private static Node mostSpecific(KeyPath path, Node first, Node second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    Scope scope = path.scope();
    boolean secondOverrides = scope.forNode(second) != scope && scope.forNode(first) == scope;
    return secondOverrides ? second : first;
  }
}
