package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.meshserverless.model.descriptor.PlatformSpec.KafkaOptions;
import dev.meshserverless.model.output.ManifestYaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTest {
  private static final String DOCS_BOOTSTRAP = "my-cluster-kafka-bootstrap.kafka:9092";
  private static final String RFC_1123_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

  private static Map<String, Object> inMesh(String workload) {
    return Map.of(
        "name", workload,
        "labels", Map.of("sidecar.istio.io/inject", "true"),
        "annotations", Map.of("sidecar.istio.io/rewriteAppHTTPProbers", "true"));
  }

  private static Map<String, Object> tcp(int number) {
    return Map.of("number", number, "name", "tcp-" + number, "protocol", "TCP");
  }

  private static List<Map<String, Object>> ports(GenericKubernetesResource serviceEntry) {
    return serviceEntry.get("spec", "ports");
  }

  private static List<String> hosts(GenericKubernetesResource serviceEntry) {
    return serviceEntry.get("spec", "hosts");
  }

  @Nested
  @DisplayName("S8 KnativeKafka")
  class KnativeKafka {
    private final GenericKubernetesResource kafka =
        Kafka.knativeKafka(new KafkaOptions(true, List.of(DOCS_BOOTSTRAP), 10, 3));

    @Test
    void isTheOperatorResourceInKnativeEventing() {
      assertThat(kafka.getApiVersion()).isEqualTo("operator.serverless.openshift.io/v1alpha1");
      assertThat(kafka.getKind()).isEqualTo("KnativeKafka");
      assertThat(kafka.getMetadata().getName()).isEqualTo("knative-kafka");
      assertThat(kafka.getMetadata().getNamespace()).isEqualTo("knative-eventing");
    }

    @Test
    void hasExactlyTheSectionsOfTheRule() {
      assertThat(kafka.<Map<String, Object>>get("spec"))
          .containsOnlyKeys("channel", "source", "broker", "sink", "workloads");
    }

    @Test
    void enablesTheChannelOnTheBootstrapServers() {
      assertThat(kafka.<Map<String, Object>>get("spec", "channel"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("enabled", true, "bootstrapServers", DOCS_BOOTSTRAP));
    }

    @Test
    void enablesTheSource() {
      assertThat(kafka.<Map<String, Object>>get("spec", "source"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("enabled", true));
    }

    @Test
    void enablesTheBrokerWithItsDefaultTopicConfig() {
      assertThat(kafka.<Map<String, Object>>get("spec", "broker")).containsOnlyKeys("enabled", "defaultConfig");
      assertThat(kafka.<Boolean>get("spec", "broker", "enabled")).isTrue();
      assertThat(kafka.<Map<String, Object>>get("spec", "broker", "defaultConfig"))
          .containsExactlyInAnyOrderEntriesOf(Map.of(
              "bootstrapServers", DOCS_BOOTSTRAP, "numPartitions", 10, "replicationFactor", 3));
    }

    @Test
    void enablesTheSinkBesideTheBrokerAsTheCrdSaysNotUnderItAsTheDocsIndent() {
      assertThat(kafka.<Map<String, Object>>get("spec", "sink"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("enabled", true));
      assertThat(kafka.<Object>get("spec", "broker", "sink")).isNull();
    }

    @Test
    void putsAllSevenKafkaWorkloadsInTheMeshWithWorkingProbes() {
      assertThat(kafka.<List<Map<String, Object>>>get("spec", "workloads")).containsExactly(
          inMesh("kafka-controller"),
          inMesh("kafka-broker-receiver"),
          inMesh("kafka-broker-dispatcher"),
          inMesh("kafka-channel-receiver"),
          inMesh("kafka-channel-dispatcher"),
          inMesh("kafka-source-dispatcher"),
          inMesh("kafka-sink-receiver"));
    }

    @Test
    void joinsSeveralBootstrapServersWithCommasInTheirOrderAndCarriesTheTopicSettings() {
      var custom = Kafka.knativeKafka(new KafkaOptions(true,
          List.of("kafka-0.kafka:9093", "kafka-1.kafka:9093", "kafka-2.kafka:9093"), 6, 2));
      String joined = "kafka-0.kafka:9093,kafka-1.kafka:9093,kafka-2.kafka:9093";
      assertThat(custom.<String>get("spec", "channel", "bootstrapServers")).isEqualTo(joined);
      assertThat(custom.<String>get("spec", "broker", "defaultConfig", "bootstrapServers")).isEqualTo(joined);
      assertThat(custom.<Integer>get("spec", "broker", "defaultConfig", "numPartitions")).isEqualTo(6);
      assertThat(custom.<Integer>get("spec", "broker", "defaultConfig", "replicationFactor")).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("S9 ServiceEntry kafka-cluster")
  class ServiceEntry {
    private final GenericKubernetesResource entry = Kafka.kafkaServiceEntry(List.of(DOCS_BOOTSTRAP));

    @Test
    void isAnIstioServiceEntryInKnativeEventing() {
      assertThat(entry.getApiVersion()).isEqualTo("networking.istio.io/v1alpha3");
      assertThat(entry.getKind()).isEqualTo("ServiceEntry");
      assertThat(entry.getMetadata().getName()).isEqualTo("kafka-cluster");
      assertThat(entry.getMetadata().getNamespace()).isEqualTo("knative-eventing");
      assertThat(entry.<Map<String, Object>>get("spec"))
          .containsOnlyKeys("hosts", "exportTo", "ports", "location", "resolution");
    }

    @Test
    void isExportedToItsOwnNamespaceOnlyAsAMeshExternalServiceWithoutResolution() {
      // "." in the docs; the same namespace by name survives kubectl kustomize's re-quoting.
      assertThat(entry.<List<String>>get("spec", "exportTo")).containsExactly("knative-eventing");
      assertThat(entry.<String>get("spec", "location")).isEqualTo("MESH_EXTERNAL");
      assertThat(entry.<String>get("spec", "resolution")).isEqualTo("NONE");
    }

    @Test
    void oneBootstrapServerGivesItsHostWithoutPortAndOneTcpPort() {
      assertThat(hosts(entry)).containsExactly("my-cluster-kafka-bootstrap.kafka");
      assertThat(ports(entry)).containsExactly(tcp(9092));
    }

    @Test
    void severalHostsOnTheSamePortGiveEveryHostSortedAndThePortOnce() {
      var several = Kafka.kafkaServiceEntry(List.of("kafka-2.kafka:9092", "kafka-0.kafka:9092", "kafka-1.kafka:9092"));
      assertThat(hosts(several)).containsExactly("kafka-0.kafka", "kafka-1.kafka", "kafka-2.kafka");
      assertThat(ports(several)).containsExactly(tcp(9092));
    }

    @Test
    void mixedPortsGiveOnePortPerListenerSortedByNumber() {
      var mixed = Kafka.kafkaServiceEntry(List.of("b.kafka:9094", "a.kafka:9092", "c.kafka:9093"));
      assertThat(hosts(mixed)).containsExactly("a.kafka", "b.kafka", "c.kafka");
      assertThat(ports(mixed)).containsExactly(tcp(9092), tcp(9093), tcp(9094));
    }

    @Test
    void theSameServerTwiceCountsOnce() {
      var twice = Kafka.kafkaServiceEntry(List.of(DOCS_BOOTSTRAP, DOCS_BOOTSTRAP));
      assertThat(hosts(twice)).containsExactly("my-cluster-kafka-bootstrap.kafka");
      assertThat(ports(twice)).containsExactly(tcp(9092));
    }

    @Test
    void theSameHostOnTwoPortsGivesTheHostOnceAndBothPorts() {
      var twoPorts = Kafka.kafkaServiceEntry(
          List.of("my-cluster-kafka-bootstrap.kafka:9093", "my-cluster-kafka-bootstrap.kafka:9092"));
      assertThat(hosts(twoPorts)).containsExactly("my-cluster-kafka-bootstrap.kafka");
      assertThat(ports(twoPorts)).containsExactly(tcp(9092), tcp(9093));
    }

    @Test
    void explicitListenerPortsReplaceTheBootstrapPortsDeduplicatedAndSorted() {
      var listeners = Kafka.kafkaServiceEntry(List.of(DOCS_BOOTSTRAP), List.of(9096, 9093, 9094, 9095, 9092, 9093));
      assertThat(hosts(listeners)).containsExactly("my-cluster-kafka-bootstrap.kafka");
      assertThat(ports(listeners)).containsExactly(tcp(9092), tcp(9093), tcp(9094), tcp(9095), tcp(9096));

      var withoutBootstrapPort = Kafka.kafkaServiceEntry(List.of(DOCS_BOOTSTRAP), List.of(9093));
      assertThat(ports(withoutBootstrapPort)).containsExactly(tcp(9093));
    }

    @Test
    void noListenerPortsFallBackToTheBootstrapPorts() {
      assertThat(ports(Kafka.kafkaServiceEntry(List.of("a.kafka:9094"), List.of()))).containsExactly(tcp(9094));
    }

    @Test
    void portNamesAreUniqueRfc1123LabelsWhereTheDocsRepeatThem() {
      var docsListeners = Kafka.kafkaServiceEntry(List.of(DOCS_BOOTSTRAP), List.of(9092, 9093, 9094, 9095, 9096));
      List<String> names = ports(docsListeners).stream().map(p -> (String) p.get("name")).toList();
      assertThat(names).doesNotHaveDuplicates().hasSize(5).allMatch(name -> name.matches(RFC_1123_LABEL));
      assertThat(names).containsExactly("tcp-9092", "tcp-9093", "tcp-9094", "tcp-9095", "tcp-9096");
    }

    @Test
    void parsesIpv4AndBracketedIpv6Hosts() {
      var ips = Kafka.kafkaServiceEntry(List.of("10.0.0.7:9092", "[::1]:9093"));
      assertThat(hosts(ips)).containsExactly("10.0.0.7", "::1");
      assertThat(ports(ips)).containsExactly(tcp(9092), tcp(9093));
    }

    @Test
    void refusesNoBootstrapServerAndServersThatAreNotHostPort() {
      assertThatIllegalArgumentException().isThrownBy(() -> Kafka.kafkaServiceEntry(List.of()));
      for (String bad : List.of("my-cluster-kafka-bootstrap.kafka", ":9092", "host:", "host:plain", "host:0",
          "host:65536")) {
        assertThatIllegalArgumentException().as(bad)
            .isThrownBy(() -> Kafka.kafkaServiceEntry(List.of(bad)))
            .withMessageContaining(bad);
      }
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Kafka.kafkaServiceEntry(List.of(DOCS_BOOTSTRAP), List.of(0)));
    }
  }

  @Nested
  @DisplayName("S8, S9 against validate-manifests")
  class Validation {
    @Test
    void bothResourcesSerializeAndPassTheIndependentValidator(@TempDir Path dir)
        throws IOException, InterruptedException {
      byte[] knativeKafka = ManifestYaml.write(
          Kafka.knativeKafka(new KafkaOptions(true, List.of(DOCS_BOOTSTRAP, "kafka-1.kafka:9093"), 10, 3)));
      byte[] serviceEntry = ManifestYaml.write(
          Kafka.kafkaServiceEntry(List.of(DOCS_BOOTSTRAP, "kafka-1.kafka:9093"), List.of(9092, 9093, 9094, 9095, 9096)));
      assertThat(new String(knativeKafka, StandardCharsets.UTF_8)).contains("\n  sink:\n    enabled: true\n");
      assertThat(new String(serviceEntry, StandardCharsets.UTF_8)).contains("name: tcp-9096");

      Path validator = Path.of("../../shared/validation/validate-manifests");
      if (!Files.isRegularFile(validator)) {
        String message = "../shared not present: skipping validate-manifests";
        System.out.println(message);
        Assumptions.assumeTrue(false, message);
      }
      Path manifests = Files.createDirectory(dir.resolve("manifests"));
      Files.write(manifests.resolve("knativekafka-knative-kafka.yaml"), knativeKafka);
      Files.write(manifests.resolve("serviceentry-kafka-cluster.yaml"), serviceEntry);
      Path log = dir.resolve("validate-manifests.log");
      Process process = new ProcessBuilder(validator.toAbsolutePath().normalize().toString(), manifests.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      boolean finished = process.waitFor(5, TimeUnit.MINUTES); // the first run installs the npm dependencies
      if (!finished) {
        process.destroyForcibly();
      }
      String output = Files.readString(log);
      System.out.println(output);
      assertThat(finished).as("validate-manifests finished within 5 minutes").isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("2 documents, 2 valid, 0 invalid");
    }
  }
}
