package dev.meshserverless.model.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ManifestYamlTest {
  @Test
  void sortsKeysQuotesOnlyWhatYaml11CouldRetypeAndEndsWithOneNewline() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("z", "plain-word");
    value.put("a", List.of("*", "8080", "yes"));
    value.put("m", Map.of("sidecar.istio.io/inject", "true", "number", 8022));
    String yaml = new String(ManifestYaml.write(value), UTF_8);
    assertThat(yaml).isEqualTo("""
        a:
          - "*"
          - "8080"
          - "yes"
        m:
          number: 8022
          sidecar.istio.io/inject: "true"
        z: plain-word
        """);
  }

  @Test
  void neverFoldsLongLines() {
    String longValue = "x".repeat(200);
    assertThat(new String(ManifestYaml.write(Map.of("k", longValue)), UTF_8)).isEqualTo("k: " + longValue + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8080", "yes", "No", "ON", "y", "0o17", "012", "1:20", "2024-01-01", ".inf", "~", "null", "",
      "true", "1e3", "-", "a b", "*.example.com", "Hello Serverless!", "#x", "@x", "0x1F"})
  void scalarsComeBackAsTheSameString(String text) throws Exception {
    byte[] yaml = ManifestYaml.write(Map.of("k", text));
    Object read = new YAMLMapper().readValue(yaml, Map.class).get("k");
    assertThat(read).isEqualTo(text);
    String line = new String(yaml, UTF_8);
    assertThat(line).startsWith("k: \"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"knative-serving", "istio-ingressgateway.istio-system.svc.cluster.local", "maistra.io/v2", "SIMPLE"})
  void plainWordsStayPlain(String text) {
    assertThat(new String(ManifestYaml.write(Map.of("k", text)), UTF_8)).isEqualTo("k: " + text + "\n");
  }
}
