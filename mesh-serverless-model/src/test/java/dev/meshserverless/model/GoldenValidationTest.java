package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every unit of every golden tree builds with {@code kubectl kustomize}, and every {@code environments/<env>}
 * build (which holds every object of that environment) passes the upstream schemas
 * ({@code ../shared/validation/validate-manifests}) with no invalid and no unknown kind. The ITs also validate
 * each overlay on its own; here one validator run per environment keeps the unit tests fast.
 */
class GoldenValidationTest {
  static final Path VALIDATOR = Path.of("../../shared/validation/validate-manifests");

  static Stream<String> cases() throws IOException {
    return GoldenTreeTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyUnitBuildsAndEveryEnvironmentValidates(String goldenCase) throws Exception {
    Path expected = GoldenTreeTest.GOLDEN.resolve(goldenCase).resolve("expected");
    List<Path> units;
    try (Stream<Path> walk = Files.walk(expected)) {
      units = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted()
          .toList();
    }
    assertThat(units).isNotEmpty();
    for (Path unit : units) {
      byte[] built = kustomize(unit);
      if (unit.getParent().getFileName().toString().equals("environments")) {
        validate(unit, built);
      }
    }
  }

  static byte[] kustomize(Path unit) throws IOException, InterruptedException {
    Process kustomize = new ProcessBuilder("kubectl", "kustomize", unit.toString()).start();
    byte[] built = kustomize.getInputStream().readAllBytes();
    String errors = new String(kustomize.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kustomize.waitFor()).as("kubectl kustomize %s: %s", unit, errors).isZero();
    return built;
  }

  static void validate(Path unit, byte[] built) throws IOException, InterruptedException {
    if (!Files.isExecutable(VALIDATOR)) {
      System.out.println("SKIP validate-manifests for " + unit + ": ../shared not present");
      Assumptions.abort("../shared not present: validate-manifests skipped");
    }
    Process validator = new ProcessBuilder(VALIDATOR.toString(), "-").redirectErrorStream(true).start();
    validator.getOutputStream().write(built);
    validator.getOutputStream().close();
    String report = new String(validator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(validator.waitFor()).as("validate-manifests on %s:%n%s", unit, report).isZero();
    assertThat(report).contains(" 0 invalid, 0 unknown-kind");
  }
}
