package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs every Lua health check on the sample live objects of {@code src/test/resources/health/<group>_<Kind>}, each
 * named after the status the check must return, the way Argo CD runs it: the object as the global {@code obj}, the
 * script's result a table with {@code status} and {@code message}.
 */
class HealthChecksTest {
  private static final Path SAMPLES = Path.of("src/test/resources/health");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Arguments> samples() throws IOException {
    return HealthChecks.all().stream().flatMap(check -> {
      try (Stream<Path> files = Files.list(SAMPLES.resolve(check.group() + "_" + check.kind()))) {
        return files.sorted().map(file -> Arguments.of(check, file.getFileName().toString())).toList().stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("samples")
  @DisplayName("each check returns the status its sample is named after, with a message")
  void statusOfSample(HealthChecks.Check check, String sample) throws IOException {
    String expected = sample.substring(0, sample.indexOf('-'));
    Map<?, ?> object = YAML.readValue(SAMPLES.resolve(check.group() + "_" + check.kind()).resolve(sample).toFile(),
        Map.class);

    LuaValue result = run(check, object);

    assertThat(result.get("status").tojstring()).as("status of %s", sample).isEqualTo(expected);
    assertThat(result.get("message").isstring()).as("%s has a message", sample).isTrue();
  }

  @Test
  @DisplayName("every check has healthy, progressing and degraded samples, and they are about its kind")
  void samplesCoverEveryOutcome() throws IOException {
    for (HealthChecks.Check check : HealthChecks.all()) {
      Path folder = SAMPLES.resolve(check.group() + "_" + check.kind());
      TreeSet<String> outcomes = new TreeSet<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          outcomes.add(name.substring(0, name.indexOf('-')));
          Map<?, ?> object = YAML.readValue(file.toFile(), Map.class);
          assertThat(object.get("kind")).as(file.toString()).isEqualTo(check.kind());
          assertThat((String) object.get("apiVersion")).as(file.toString()).startsWith(check.group() + "/");
        }
      }
      assertThat(outcomes).as(check.kind()).contains("Healthy", "Progressing", "Degraded");
    }
  }

  @Test
  @DisplayName("the checks cover the kinds Argo CD has none for: Maistra's, KnativeKafka and Application")
  void kinds() {
    assertThat(HealthChecks.all()).extracting(HealthChecks.Check::configMapKey).containsExactly(
        "resource.customizations.health.argoproj.io_Application",
        "resource.customizations.health.federation.maistra.io_ServiceMeshPeer",
        "resource.customizations.health.maistra.io_ServiceMeshControlPlane",
        "resource.customizations.health.maistra.io_ServiceMeshMember",
        "resource.customizations.health.maistra.io_ServiceMeshMemberRoll",
        "resource.customizations.health.operator.serverless.openshift.io_KnativeKafka");
  }

  /** Runs a check on an object, as Argo CD does: {@code obj} global, the chunk's return value is the result. */
  static LuaValue run(HealthChecks.Check check, Map<?, ?> object) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(object));
    LuaValue result = globals.load(check.lua(), check.group() + "_" + check.kind()).call();
    assertThat(result.istable()).as("%s returns a table", check.kind()).isTrue();
    return result;
  }

  private static LuaValue lua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((key, item) -> table.set(String.valueOf(key), lua(item)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, lua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Boolean bool) {
      return LuaValue.valueOf(bool);
    }
    if (value instanceof Number number) {
      return LuaValue.valueOf(number.doubleValue());
    }
    return LuaValue.valueOf(value.toString());
  }
}
