package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every unit of every golden tree builds with {@code kubectl kustomize}, and every environment's build passes
 * the upstream schemas ({@code ../shared/validation/validate-manifests}) with no invalid and no unknown kind.
 */
class GoldenValidationTest {
  static final Path VALIDATOR = Path.of("../../shared/validation/validate-manifests");

  static Stream<Path> units() throws IOException {
    List<Path> units = new ArrayList<>();
    for (String goldenCase : GoldenTreeTest.cases().toList()) {
      Path expected = GoldenTreeTest.GOLDEN.resolve(goldenCase).resolve("expected");
      try (Stream<Path> walk = Files.walk(expected)) {
        walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted()
            .forEach(units::add);
      }
    }
    return units.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("units")
  void buildsAndValidates(Path unit) throws Exception {
    Process kustomize = new ProcessBuilder("kubectl", "kustomize", unit.toString()).redirectErrorStream(false).start();
    byte[] built = kustomize.getInputStream().readAllBytes();
    String errors = new String(kustomize.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kustomize.waitFor()).as("kubectl kustomize %s: %s", unit, errors).isZero();

    if (!Files.isExecutable(VALIDATOR)) {
      System.out.println("SKIP validate-manifests for " + unit + ": ../shared not present");
      Assumptions.abort("../shared not present: validate-manifests skipped");
    }
    if (built.length == 0) {
      return; // an empty unit (a tenant without services) has nothing to validate
    }
    Process validator = new ProcessBuilder(VALIDATOR.toString(), "-").redirectErrorStream(true).start();
    validator.getOutputStream().write(built);
    validator.getOutputStream().close();
    String report = new String(validator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(validator.waitFor()).as("validate-manifests on %s:%n%s", unit, report).isZero();
    assertThat(report).contains(" 0 invalid, 0 unknown-kind");
  }
}
