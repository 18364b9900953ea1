package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.Platforms.Rendering;
import dev.meshserverless.model.descriptor.Descriptor;
import dev.meshserverless.model.descriptor.DescriptorReader;
import dev.meshserverless.model.output.RenderedTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendering tenants in parallel changes the time it takes, never a byte. (RandomDescriptorsTest checks the same on
 * every valid random descriptor.)
 */
class ParallelRenderingTest {
  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("dev.meshserverless.model.GoldenTreeTest#cases")
  void everyGoldenCaseRendersTheSameBytesBothWays(String goldenCase) throws Exception {
    Descriptor descriptor = DescriptorReader.read(GoldenTreeTest.descriptorOf(goldenCase));
    assertSameTrees(Platforms.render(descriptor, Rendering.SEQUENTIAL), Platforms.render(descriptor, Rendering.PARALLEL));
  }

  @Test
  void manyTenantsRenderTheSameBytesBothWaysAndAsTheDefault() throws Exception {
    Path descriptorDirectory = manyTenants(dir.resolve("mesh-serverless"), 120);
    Descriptor descriptor = DescriptorReader.read(descriptorDirectory);
    RenderedTree sequential = Platforms.render(descriptor, Rendering.SEQUENTIAL);
    assertThat(sequential.files().keySet()).filteredOn(path -> path.endsWith("/onboarding/base/kustomization.yaml"))
        .hasSize(120);
    for (int round = 0; round < 3; round++) {
      assertSameTrees(sequential, Platforms.render(descriptor, Rendering.PARALLEL));
    }
    assertSameTrees(sequential, Platforms.render(descriptorDirectory));
  }

  /**
   * The bundled example's platform and environments, with {@code count} tenants made from its team-alpha (whose
   * service differs in prod), every third one only in dev, and the odd ones with a third namespace.
   */
  static Path manyTenants(Path target, int count) throws Exception {
    Path example = GoldenTreeTest.EXAMPLE;
    Files.createDirectories(target.resolve("tenants"));
    for (String file : List.of("platform.yaml", "environments/dev.yaml", "environments/prod.yaml")) {
      Files.createDirectories(target.resolve(file).getParent());
      Files.copy(example.resolve(file), target.resolve(file));
    }
    String template = Files.readString(example.resolve("tenants/team-alpha.yaml"), StandardCharsets.UTF_8);
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "tenant-%04d", i);
      String text = template.replace("team-alpha", name);
      if (i % 2 == 1) {
        text = text.replace("namespaces: [" + name + "-1, " + name + "-2]",
            "namespaces: [" + name + "-1, " + name + "-2, " + name + "-3]");
      }
      if (i % 3 == 0) {
        text = text.substring(0, text.indexOf("      overrides:")).replace("spec:\n", "spec:\n  environments: [dev]\n");
      }
      Files.writeString(target.resolve("tenants/" + name + ".yaml"), text, StandardCharsets.UTF_8);
    }
    return target;
  }

  private static void assertSameTrees(RenderedTree expected, RenderedTree actual) {
    assertThat(actual.files().keySet()).containsExactlyElementsOf(expected.files().keySet());
    try (Stream<String> paths = expected.files().keySet().stream()) {
      paths.forEach(path -> assertThat(Arrays.equals(actual.files().get(path), expected.files().get(path)))
          .as("bytes of %s", path).isTrue());
    }
    assertThat(actual).isEqualTo(expected);
  }
}
