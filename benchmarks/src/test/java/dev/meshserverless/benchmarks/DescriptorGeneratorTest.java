package dev.meshserverless.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.Platforms;
import dev.meshserverless.model.output.RenderedTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke test the build runs: the generated descriptor is valid and renders every tenant. */
class DescriptorGeneratorTest {
  @Test
  void generatedDescriptorOfThreeTenantsRendersEveryTenantInEveryEnvironment(@TempDir Path directory)
      throws Exception {
    DescriptorGenerator.write(directory, 3);

    RenderedTree tree = Platforms.render(directory);

    for (int i = 1; i <= 3; i++) {
      for (String environment : DescriptorGenerator.ENVIRONMENTS) {
        String tenant = "tenants/" + DescriptorGenerator.tenant(i);
        assertThat(tree.files()).containsKeys(
            tenant + "/onboarding/overlays/" + environment + "/kustomization.yaml",
            tenant + "/workloads/overlays/" + environment + "/kustomization.yaml");
      }
    }
    assertThat(tree.files()).containsKeys(
        "platform/overlays/prod/kustomization.yaml", "environments/staging/kustomization.yaml");
  }
}
