package dev.meshserverless.model.resources;

import static dev.meshserverless.model.resources.Mesh.ISTIO_NETWORKING;
import static dev.meshserverless.model.resources.Mesh.KNATIVE_EVENTING;

import dev.meshserverless.model.descriptor.PlatformSpec.KafkaOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** Knative Kafka on the mesh: the operator resource and the way out to the Kafka cluster (S8, S9). */
public final class Kafka {
  private Kafka() {}

  /**
   * S8: channel, source, broker and sink enabled, pointing at the bootstrap servers, with every Kafka data-plane
   * workload in the mesh. The docs indent {@code sink} under {@code broker}; the CRD defines {@code spec.sink}
   * as a sibling of {@code spec.broker} and rejects {@code spec.broker.sink}, so it is written where the CRD says.
   */
  public static GenericKubernetesResource knativeKafka(KafkaOptions kafka) {
    String bootstrapServers = String.join(",", kafka.bootstrapServers()); // the CRD takes one comma-separated string
    return CustomResources.named("operator.serverless.openshift.io/v1alpha1", "KnativeKafka", KNATIVE_EVENTING,
            "knative-kafka")
        .addToAdditionalProperties("spec", Map.of(
            "channel", Map.of("enabled", true, "bootstrapServers", bootstrapServers),
            "source", Map.of("enabled", true),
            "broker", Map.of("enabled", true, "defaultConfig", Map.of(
                "bootstrapServers", bootstrapServers,
                "numPartitions", kafka.numPartitions(),
                "replicationFactor", kafka.replicationFactor())),
            "sink", Map.of("enabled", true),
            "workloads", List.of(
                Serving.inMesh("kafka-controller"),
                Serving.inMesh("kafka-broker-receiver"),
                Serving.inMesh("kafka-broker-dispatcher"),
                Serving.inMesh("kafka-channel-receiver"),
                Serving.inMesh("kafka-channel-dispatcher"),
                Serving.inMesh("kafka-source-dispatcher"),
                Serving.inMesh("kafka-sink-receiver"))))
        .build();
  }

  /** S9: the Kafka cluster as a mesh-external service, one TCP port per port of the bootstrap servers. */
  public static GenericKubernetesResource kafkaServiceEntry(List<String> bootstrapServers) {
    return kafkaServiceEntry(bootstrapServers, List.of());
  }

  /**
   * S9: the Kafka cluster as a mesh-external service visible only to {@code knative-eventing}: the bootstrap
   * hosts without port, and one TCP port per Kafka listener. The listeners are {@code listenerPorts} when given
   * (the real ports depend on the cluster: the docs show 9092 plain, 9093 tls, 9094–9095 sasl-tls, 9096 tls),
   * otherwise the ports of the bootstrap servers. The docs reuse port names, which Istio's validation webhook
   * rejects; {@code tcp-<number>} is unique by construction and a valid RFC 1123 label.
   *
   * @throws IllegalArgumentException when there is no bootstrap server, or one is not {@code host:port}
   */
  public static GenericKubernetesResource kafkaServiceEntry(List<String> bootstrapServers,
      List<Integer> listenerPorts) {
    if (bootstrapServers.isEmpty()) {
      throw new IllegalArgumentException("a Kafka ServiceEntry needs at least one bootstrap server (host:port)");
    }
    List<HostPort> servers = bootstrapServers.stream().map(HostPort::parse).toList();
    List<Integer> ports = listenerPorts.isEmpty()
        ? servers.stream().map(HostPort::port).toList()
        : listenerPorts.stream().map(Kafka::checkedPort).toList();
    return CustomResources.named(ISTIO_NETWORKING, "ServiceEntry", KNATIVE_EVENTING, "kafka-cluster")
        .addToAdditionalProperties("spec", Map.of(
            "hosts", servers.stream().map(HostPort::host).distinct().sorted().toList(),
            // S9's "." (this namespace), written as the namespace's name: kubectl kustomize re-emits "." unquoted,
            // and YAML 1.1 readers take a bare . for a float.
            "exportTo", List.of(KNATIVE_EVENTING),
            "ports", ports.stream().distinct().sorted()
                .map(number -> Map.of("number", number, "name", "tcp-" + number, "protocol", "TCP"))
                .toList(),
            "location", "MESH_EXTERNAL",
            "resolution", "NONE"))
        .build();
  }

  private static int checkedPort(Integer port) {
    if (port == null || port < 1 || port > 65535) {
      throw new IllegalArgumentException("Kafka listener port " + port + " is not between 1 and 65535");
    }
    return port;
  }

  /** One bootstrap server: the last ':' separates the port; {@code [::1]:9092} has the host {@code ::1}. */
  private record HostPort(String host, int port) {
    static HostPort parse(String server) {
      int colon = server.lastIndexOf(':');
      String host = colon < 0 ? "" : server.substring(0, colon);
      if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = colon < 0 ? 0 : Integer.parseInt(server.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = 0;
      }
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("Kafka bootstrap server '" + server
            + "' is not host:port, e.g. my-cluster-kafka-bootstrap.kafka:9092");
      }
      return new HostPort(host, port);
    }
  }
}
