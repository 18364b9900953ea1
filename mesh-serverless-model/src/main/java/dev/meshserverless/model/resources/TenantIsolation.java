package dev.meshserverless.model.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S15 tenant isolation: the platform's default AuthorizationPolicies and, per tenant, the policies the Helm chart
 * {@code redhat-knative-istio-authz} renders.
 */
public final class TenantIsolation {
  private TenantIsolation() {}

  private static final String API_VERSION = "security.istio.io/v1beta1";
  private static final String KIND = "AuthorizationPolicy";
  private static final String SERVING = "knative-serving";
  private static final String EVENTING = "knative-eventing";
  private static final String COMPONENT = "app.kubernetes.io/component";
  private static final String KN_NAMESPACE = "request.headers[Kn-Namespace]";

  /** Eventing service accounts that deliver events on a tenant's behalf (chart: eventing.sendersServiceAccounts). */
  private static final List<String> EVENT_SENDERS = List.of(
      "pingsource-mt-adapter",
      "imc-dispatcher",
      "mt-broker-filter",
      "knative-kafka-source-data-plane",
      "knative-kafka-broker-data-plane",
      "knative-kafka-channel-data-plane");

  /** A Knative Eventing data-plane component that receives events, and the short name used in policy names. */
  record Receiver(String component, String shortName) {}

  /** The template generations of the chart {@code redhat-knative-istio-authz}. */
  public enum ChartRelease {
    /** Chart 1.31.0 to 1.34.0. */
    V1_31(31, false, false),
    /** Chart 1.35.0: {@code knative-serving-ingress} may also call into tenant namespaces. */
    V1_35(35, true, false),
    /** Chart 1.36.0 and later: a sixth eventing receiver, {@code job-sink}. */
    V1_36(36, true, true);

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(\\.\\d+)?");

    private final int firstMinor;
    private final boolean servingIngressAllowed;
    private final boolean jobSink;

    ChartRelease(int firstMinor, boolean servingIngressAllowed, boolean jobSink) {
      this.firstMinor = firstMinor;
      this.servingIngressAllowed = servingIngressAllowed;
      this.jobSink = jobSink;
    }

    /**
     * The generation of the chart published for an OpenShift Serverless version ({@code "1.33"}, {@code "1.33.2"});
     * versions newer than the newest generation get the newest.
     *
     * @throws IllegalArgumentException if the version is not {@code major.minor[.patch]} or predates the chart (1.31)
     */
    public static ChartRelease forServerless(String serverlessVersion) {
      Matcher version = VERSION.matcher(serverlessVersion.trim());
      if (!version.matches()) {
        throw new IllegalArgumentException("'" + serverlessVersion
            + "' is not an OpenShift Serverless version, perhaps you meant '1.35' or '1.35.1'");
      }
      int major = Integer.parseInt(version.group(1));
      int minor = Integer.parseInt(version.group(2));
      if (major < 1 || (major == 1 && minor < V1_31.firstMinor)) {
        throw new IllegalArgumentException("OpenShift Serverless " + serverlessVersion
            + " predates the redhat-knative-istio-authz chart, which starts with 1.31");
      }
      ChartRelease release = V1_31;
      for (ChartRelease candidate : values()) {
        if (major > 1 || minor >= candidate.firstMinor) {
          release = candidate;
        }
      }
      return release;
    }

    List<Receiver> eventingReceivers() {
      List<Receiver> receivers = new ArrayList<>(List.of(
          new Receiver("imc-dispatcher", "imc"),
          new Receiver("kafka-broker-receiver", "ekb"),
          new Receiver("kafka-channel-receiver", "ekc"),
          new Receiver("kafka-sink-receiver", "eks"),
          new Receiver("broker-ingress", "broker-ingress")));
      if (jobSink) {
        receivers.add(new Receiver("job-sink", "job-sink"));
      }
      return receivers;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Platform-wide defaults

  /**
   * S15: the default policies: Knative's namespaces deny everything except the listed system traffic.
   *
   * @param controlPlaneNamespace the Service Mesh control-plane namespace, whose gateways call the activator
   * @param eventing whether Knative Eventing is installed (policies in {@code knative-eventing})
   * @param kafka whether Knative Kafka is installed (its channel and probe policies)
   */
  public static List<GenericKubernetesResource> defaultPolicies(
      String controlPlaneNamespace, boolean eventing, boolean kafka) {
    List<GenericKubernetesResource> policies = new ArrayList<>();
    policies.add(denyAllByDefault(SERVING));
    policies.add(allowTrafficToActivator(controlPlaneNamespace));
    policies.add(allowTrafficToAutoscaler());
    if (eventing) {
      policies.add(denyAllByDefault(EVENTING));
      policies.add(allowMtChannelBasedBrokerIngressToImcDispatcher());
      policies.add(allowImcToMtChannelBasedBrokerFilter());
      if (kafka) {
        policies.add(allowMtChannelBasedBrokerIngressToKafkaChannel());
        policies.add(allowKafkaChannelToMtChannelBasedBrokerFilter());
        policies.add(allowProbe("kafka-broker-receiver"));
        policies.add(allowProbe("kafka-sink-receiver"));
        policies.add(allowProbe("kafka-channel-receiver"));
      }
    }
    return policies;
  }

  /** S15: {@code deny-all-by-default} ({@code spec: {}}) closes a Knative namespace. */
  static GenericKubernetesResource denyAllByDefault(String namespace) {
    return policy(namespace, "deny-all-by-default", Map.of());
  }

  /** S15: the activator is reachable from {@code knative-serving} and the control-plane namespace. */
  static GenericKubernetesResource allowTrafficToActivator(String controlPlaneNamespace) {
    return policy(SERVING, "allow-traffic-to-activator", Map.of(
        "selector", matchLabels("app", "activator"),
        "action", "ALLOW",
        "rules", List.of(from(Map.of("namespaces", List.of(SERVING, controlPlaneNamespace))))));
  }

  /** S15: the autoscaler is reachable from {@code knative-serving}. */
  static GenericKubernetesResource allowTrafficToAutoscaler() {
    return policy(SERVING, "allow-traffic-to-autoscaler", Map.of(
        "selector", matchLabels("app", "autoscaler"),
        "action", "ALLOW",
        "rules", List.of(from(Map.of("namespaces", List.of(SERVING))))));
  }

  /** S15: broker ingress → imc-dispatcher (POST). */
  static GenericKubernetesResource allowMtChannelBasedBrokerIngressToImcDispatcher() {
    return allowEventingCall(
        "allow-mt-channel-based-broker-ingress-to-imc-dispatcher", "imc-dispatcher", "mt-broker-ingress", "POST");
  }

  /** S15: broker ingress → kafka-channel (POST). */
  static GenericKubernetesResource allowMtChannelBasedBrokerIngressToKafkaChannel() {
    return allowEventingCall(
        "allow-mt-channel-based-broker-ingress-to-kafka-channel", "kafka-channel-receiver",
        "mt-broker-ingress", "POST");
  }

  /** S15: imc-dispatcher → broker-filter (POST). */
  static GenericKubernetesResource allowImcToMtChannelBasedBrokerFilter() {
    return allowEventingCall(
        "allow-imc-to-mt-channel-based-broker-filter", "broker-filter", "imc-dispatcher", "POST");
  }

  /** S15: kafka-channel → broker-filter (POST). */
  static GenericKubernetesResource allowKafkaChannelToMtChannelBasedBrokerFilter() {
    return allowEventingCall(
        "allow-kafka-channel-to-mt-channel-based-broker-filter", "broker-filter",
        "knative-kafka-channel-data-plane", "POST");
  }

  /** S15: kafka-controller probes (GET) a Kafka receiver: kafka-broker-, kafka-sink- or kafka-channel-receiver. */
  static GenericKubernetesResource allowProbe(String receiver) {
    return allowEventingCall("allow-probe-" + receiver, receiver, "kafka-controller", "GET");
  }

  /** A component of {@code knative-eventing} accepts {@code method} from one eventing service account. */
  private static GenericKubernetesResource allowEventingCall(
      String name, String component, String serviceAccount, String method) {
    return policy(EVENTING, name, Map.of(
        "action", "ALLOW",
        "selector", matchLabels(COMPONENT, component),
        "rules", List.of(Map.of(
            "from", List.of(source(Map.of(
                "namespaces", List.of(EVENTING),
                "principals", List.of(principal(EVENTING, serviceAccount))))),
            "to", List.of(operation(Map.of("methods", List.of(method))))))));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Per tenant: what redhat-knative-istio-authz renders for name=<tenant>, namespaces=<namespaces>

  /**
   * S15: one tenant's policies, as the chart {@code redhat-knative-istio-authz} of {@code release} renders them.
   *
   * @param tenant the tenant's name (chart value {@code name}), part of the policy names in Knative's namespaces
   * @param tenantNamespaces the tenant's namespaces (chart value {@code namespaces}), in order
   * @param controlPlaneNamespace the Service Mesh control-plane namespace (chart value {@code istioNamespace})
   * @param clusterDomain the cluster DNS domain (chart value {@code cluster.domain}, usually {@code cluster.local})
   * @param eventing whether Knative Eventing is installed (chart value {@code eventing.enabled})
   * @param kafka whether Knative Kafka is installed; without it the Kafka receivers' policies ({@code ekb},
   *     {@code ekc}, {@code eks} and the Kafka broker reply), which the chart always renders, are left out
   * @throws IllegalArgumentException if {@code namespaces} is empty
   */
  public static List<GenericKubernetesResource> tenantPolicies(ChartRelease release, String tenant,
      List<String> tenantNamespaces, String controlPlaneNamespace, String clusterDomain, boolean eventing,
      boolean kafka) {
    List<String> namespaces = List.copyOf(tenantNamespaces);
    if (namespaces.isEmpty()) {
      // The chart renders such policies anyway; Istio rejects them ("from.source must not be empty").
      throw new IllegalArgumentException("Tenant " + tenant + " has no namespaces: its policies would be invalid");
    }
    List<GenericKubernetesResource> policies = new ArrayList<>();
    for (String namespace : namespaces) {
      policies.add(allowFromKnativeAndIstio(release, namespace, namespaces, controlPlaneNamespace, eventing));
    }
    policies.add(allowTenantToActivator(tenant, namespaces, clusterDomain, eventing));
    if (eventing) {
      if (kafka) {
        policies.add(allowTenantKafkaBrokerReply(tenant, namespaces));
      }
      policies.add(allowTenantMtChannelBasedBrokerReply(tenant, namespaces));
      for (Receiver receiver : release.eventingReceivers()) {
        if (kafka || !receiver.component().startsWith("kafka-")) {
          policies.add(allowTenantToReceiver(tenant, receiver, namespaces, clusterDomain));
        }
      }
    }
    for (String namespace : namespaces) {
      policies.add(allowWaitForDrain(namespace));
    }
    return policies;
  }

  /**
   * S15: direct traffic into a tenant namespace comes only from the tenant's namespaces, Knative Serving and the
   * mesh gateways (the external route, S16), or from Knative Eventing on behalf of the tenant.
   */
  static GenericKubernetesResource allowFromKnativeAndIstio(ChartRelease release, String namespace,
      List<String> tenantNamespaces, String controlPlaneNamespace, boolean eventing) {
    List<String> sources = new ArrayList<>(tenantNamespaces);
    sources.add(SERVING);
    if (release.servingIngressAllowed) {
      sources.add("knative-serving-ingress");
    }
    sources.add(controlPlaneNamespace);
    List<Map<String, Object>> rules = new ArrayList<>();
    rules.add(from(Map.of("namespaces", sources)));
    if (eventing) {
      rules.add(Map.of(
          "from", List.of(source(Map.of("namespaces", List.of(EVENTING)))),
          "when", knNamespaceIn(tenantNamespaces)));
    }
    return policy(namespace, "allow-from-knative-and-istio", Map.of("action", "ALLOW", "rules", rules));
  }

  /**
   * S15: through the activator, the tenant reaches only its own services, and Knative Eventing delivers to them only
   * on the tenant's behalf.
   */
  static GenericKubernetesResource allowTenantToActivator(
      String tenant, List<String> namespaces, String clusterDomain, boolean eventing) {
    List<Map<String, Object>> rules = new ArrayList<>();
    rules.add(Map.of(
        "from", List.of(source(Map.of("namespaces", namespaces))),
        "to", List.of(operation(Map.of("hosts", serviceHosts(namespaces, clusterDomain))))));
    if (eventing) {
      rules.add(fromEventSenders(
          List.of(operation(Map.of("hosts", serviceHosts(namespaces, clusterDomain)))), namespaces));
    }
    return policy(SERVING, "allow-" + tenant + "-to-activator", Map.of(
        "action", "ALLOW",
        "selector", matchLabels(COMPONENT, "activator"),
        "rules", rules));
  }

  /** S15: the Kafka broker data plane replies into the tenant's Kafka brokers only on the tenant's behalf. */
  static GenericKubernetesResource allowTenantKafkaBrokerReply(String tenant, List<String> namespaces) {
    return allowTenantReply("allow-" + tenant + "-kafka-broker-reply", "kafka-broker-receiver",
        List.of("knative-kafka-broker-data-plane"), namespaces);
  }

  /** S15: dispatchers and the broker filter reply into the tenant's channel-based brokers only on its behalf. */
  static GenericKubernetesResource allowTenantMtChannelBasedBrokerReply(String tenant, List<String> namespaces) {
    return allowTenantReply("allow-" + tenant + "-mt-channel-based-broker-reply", "broker-ingress",
        List.of("imc-dispatcher", "mt-broker-filter", "knative-kafka-channel-data-plane"), namespaces);
  }

  private static GenericKubernetesResource allowTenantReply(
      String name, String component, List<String> serviceAccounts, List<String> namespaces) {
    return policy(EVENTING, name, Map.of(
        "action", "ALLOW",
        "selector", matchLabels(COMPONENT, component),
        "rules", List.of(Map.of(
            "from", List.of(source(Map.of(
                "namespaces", List.of(EVENTING),
                "principals", principals(serviceAccounts)))),
            "to", List.of(operation(Map.of("paths", brokerPaths(namespaces)))),
            "when", knNamespaceIn(namespaces)))));
  }

  /**
   * S15: an eventing receiver accepts the tenant's own sources and applications, sending to the tenant's
   * brokers/channels/sinks, and event delivery from Knative Eventing on the tenant's behalf.
   */
  static GenericKubernetesResource allowTenantToReceiver(
      String tenant, Receiver receiver, List<String> namespaces, String clusterDomain) {
    List<Map<String, Object>> ownResources = List.of(
        operation(Map.of("paths", brokerPaths(namespaces))),
        operation(Map.of("hosts", serviceHosts(namespaces, clusterDomain))));
    return policy(EVENTING, "allow-" + tenant + "-to-" + receiver.shortName(), Map.of(
        "action", "ALLOW",
        "selector", matchLabels(COMPONENT, receiver.component()),
        "rules", List.of(
            Map.of("from", List.of(source(Map.of("namespaces", namespaces))), "to", ownResources),
            fromEventSenders(List.of(operation(Map.of("hosts", serviceHosts(namespaces, clusterDomain)))), namespaces),
            fromEventSenders(List.of(operation(Map.of("paths", brokerPaths(namespaces)))), namespaces))));
  }

  /** S15: Kubernetes may call the queue-proxy's wait-for-drain preStop hook on port 8022. */
  static GenericKubernetesResource allowWaitForDrain(String namespace) {
    return policy(namespace, "allow-wait-for-drain", Map.of(
        "action", "ALLOW",
        "rules", List.of(Map.of("to", List.of(operation(Map.of("ports", List.of("8022"))))))));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Pieces of an AuthorizationPolicy spec

  private static GenericKubernetesResource policy(String namespace, String name, Map<String, Object> spec) {
    return CustomResources.named(API_VERSION, KIND, namespace, name)
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  private static Map<String, Object> matchLabels(String key, String value) {
    return Map.of("matchLabels", Map.of(key, value));
  }

  /** A rule admitting one source, whatever the request. */
  private static Map<String, Object> from(Map<String, Object> source) {
    return Map.of("from", List.of(source(source)));
  }

  private static Map<String, Object> source(Map<String, Object> fields) {
    return Map.of("source", fields);
  }

  private static Map<String, Object> operation(Map<String, Object> fields) {
    return Map.of("operation", fields);
  }

  /** A rule admitting the event senders to {@code to}, when they act for one of {@code namespaces}. */
  private static Map<String, Object> fromEventSenders(List<Map<String, Object>> to, List<String> namespaces) {
    return Map.of(
        "from", List.of(source(Map.of("namespaces", List.of(EVENTING), "principals", principals(EVENT_SENDERS)))),
        "to", to,
        "when", knNamespaceIn(namespaces));
  }

  /** Knative Eventing names the namespace it acts for in header {@code Kn-Namespace}. */
  private static List<Map<String, Object>> knNamespaceIn(List<String> namespaces) {
    return List.of(Map.of("key", KN_NAMESPACE, "values", namespaces));
  }

  private static List<String> principals(List<String> eventingServiceAccounts) {
    return eventingServiceAccounts.stream().map(sa -> principal(EVENTING, sa)).toList();
  }

  private static String principal(String namespace, String serviceAccount) {
    return "cluster.local/ns/" + namespace + "/sa/" + serviceAccount;
  }

  /** The hosts of every service in the namespaces: {@code *.ns}, {@code *.ns.svc}, {@code *.ns.svc.<domain>}. */
  private static List<String> serviceHosts(List<String> namespaces, String clusterDomain) {
    return namespaces.stream()
        .flatMap(ns -> List.of("*." + ns, "*." + ns + ".svc", "*." + ns + ".svc." + clusterDomain).stream())
        .toList();
  }

  /** Eventing receivers address a namespace's brokers and channels as {@code /<ns>/<name>}. */
  private static List<String> brokerPaths(List<String> namespaces) {
    return namespaces.stream().map(ns -> "/" + ns + "/*").toList();
  }
}
