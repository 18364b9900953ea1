package dev.meshserverless.model.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {
  @ParameterizedTest
  @CsvSource({"35s, 35000000000", "1m30s, 90000000000", "45.5s, 45500000000", "1h, 3600000000000",
      "1.5m, 90000000000", "300ms, 300000000", "2us, 2000", "7ns, 7", ".5s, 500000000"})
  @DisplayName("Go durations are read in nanoseconds")
  void durations(String duration, long nanos) {
    assertThat(Formats.durationNanos(duration)).isEqualByComparingTo(BigDecimal.valueOf(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "35", "s", "35 s", "35S", "1d", "-35s", "35s ", "1m30"})
  @DisplayName("anything else is not a duration")
  void notDurations(String value) {
    assertThat(Formats.durationNanos(value)).isNull();
  }

  @Test
  @DisplayName("an invalid name gets a valid suggestion when one can be derived")
  void nameSuggestions() {
    assertThat(Formats.dns1123Label("team-a", "name")).isNull();
    assertThat(Formats.dns1123Label("Team__A-", "name"))
        .isEqualTo("'Team__A-' is not a valid name (RFC 1123 label), perhaps you should use 'team-a'");
    assertThat(Formats.dns1123Label("a".repeat(64), "name"))
        .endsWith("perhaps you should use '" + "a".repeat(63) + "'");
    assertThat(Formats.dns1123Label("___", "name")).isEqualTo("'___' is not a valid name (RFC 1123 label): use"
        + " lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    assertThat(Formats.dns1123Subdomain("Apps.Prod..Example.com", "cluster domain"))
        .endsWith("perhaps you should use 'apps.prod.example.com'");
    assertThat(Formats.dns1035Label("Web_App", "service name")).endsWith("perhaps you should use 'web-app'");
  }

  @Test
  @DisplayName("label keys may have a DNS prefix")
  void labelKeys() {
    assertThat(Formats.labelKey("cost-center")).isNull();
    assertThat(Formats.labelKey("example.com/cost_center.v1")).isNull();
    assertThat(Formats.labelKey("Example_com/x")).contains("its prefix 'Example_com' must be a DNS subdomain");
    assertThat(Formats.labelKey("-x")).isNotNull();
    assertThat(Formats.labelValue("")).isNull();
    assertThat(Formats.labelValue("x".repeat(64))).isNotNull();
  }

  @Test
  @DisplayName("host:port needs a DNS host and a port from 1 to 65535")
  void hostPort() {
    assertThat(Formats.hostPort("my-cluster-kafka-bootstrap.kafka:9092")).isNull();
    assertThat(Formats.hostPort("10.0.0.1:1")).isNull();
    assertThat(Formats.hostPort("kafka:65535")).isNull();
    assertThat(List.of("kafka", ":9092", "kafka:", "kafka:0", "kafka:65536", "kafka:x", "kafka_1:9092"))
        .allSatisfy(value -> assertThat(Formats.hostPort(value)).as(value).isNotNull());
  }

  @Test
  @DisplayName("suggestions are within edit distance 2, ignoring case")
  void didYouMean() {
    List<String> keys = List.of("enabled", "bootstrapServers", "numPartitions", "replicationFactor");
    assertThat(Formats.didYouMean("enable", keys)).isEqualTo(", did you mean 'enabled'?");
    assertThat(Formats.didYouMean("BootstrapServer", keys)).isEqualTo(", did you mean 'bootstrapServers'?");
    assertThat(Formats.didYouMean("partitions", keys)).isEmpty();
    assertThat(Formats.editDistance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  @DisplayName("versions are MAJOR.MINOR or MAJOR.MINOR.PATCH")
  void versions() {
    assertThat(Formats.majorMinor("2.6")).containsExactly(2, 6);
    assertThat(Formats.majorMinor("1.31.2")).containsExactly(1, 31);
    assertThat(List.of("2", "2.x", "v2.6", "2.6.1.1", "02.6", ""))
        .allSatisfy(value -> assertThat(Formats.majorMinor(value)).as(value).isNull());
  }
}
