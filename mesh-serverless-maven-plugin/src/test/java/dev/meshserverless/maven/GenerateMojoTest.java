package dev.meshserverless.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

@MojoTest
class GenerateMojoTest {
  static final String VALID = "src/test/projects/valid";
  static final String INVALID = "src/test/projects/invalid";
  /** Outputs go to the module's target folder, not into the test projects (paths resolve against the basedir). */
  static final String OUT = "../../../../target/mojo-test";

  @Test
  @Basedir(VALID)
  @InjectMojo(goal = "generate")
  @MojoParameter(name = "descriptorDirectory", value = "src/main/mesh-serverless")
  @MojoParameter(name = "outputDirectory", value = OUT + "/valid")
  @MojoParameter(name = "stampDirectory", value = OUT + "/stamps")
  void writesTheTreeToTheOutputDirectory(GenerateMojo mojo) throws Exception {
    mojo.execute();
    Path out = mojo.outputDirectory.toPath();
    assertThat(out.resolve("platform/base/kustomization.yaml")).isRegularFile();
    assertThat(out.resolve("environments/dev/kustomization.yaml")).isRegularFile();
    assertThat(out.resolve(".mesh-serverless-index")).isRegularFile();
    assertThat(mojo.stampDirectory.toPath()).as("the stamps, outside the tree")
        .isDirectoryContaining(path -> path.getFileName().toString().endsWith(".stamp"));
    assertThat(mojo.plugin).as("the plugin's identity, part of the fingerprint").isNotNull();
  }

  @Test
  @Basedir(VALID)
  @InjectMojo(goal = "generate")
  @MojoParameter(name = "descriptorDirectory", value = "src/main/mesh-serverless")
  @MojoParameter(name = "outputDirectory", value = OUT + "/skipped")
  @MojoParameter(name = "skip", value = "true")
  void skipWritesNothing(GenerateMojo mojo) throws Exception {
    mojo.execute();
    assertThat(mojo.outputDirectory).doesNotExist();
  }

  @Test
  @Basedir(INVALID)
  @InjectMojo(goal = "generate")
  @MojoParameter(name = "descriptorDirectory", value = "src/main/mesh-serverless")
  @MojoParameter(name = "outputDirectory", value = OUT + "/invalid")
  void badInputIsABuildFailureNamingFileLineAndKeyWithoutStackTrace(GenerateMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("platform.yaml:8:3:")
        .hasMessageContaining("tenantIsolaton")
        .hasMessageContaining("tenantIsolation")
        .hasNoCause();
    assertThat(mojo.outputDirectory).doesNotExist();
  }

  @Test
  @Basedir(VALID)
  @InjectMojo(goal = "generate")
  @MojoParameter(name = "descriptorDirectory", value = OUT + "/no-such-directory")
  @MojoParameter(name = "outputDirectory", value = OUT + "/missing")
  void aMissingDescriptorDirectoryIsABuildFailure(GenerateMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("no-such-directory");
  }

  @Test
  @Basedir(VALID)
  @InjectMojo(goal = "generate")
  @MojoParameter(name = "descriptorDirectory", value = "src/main/mesh-serverless")
  @MojoParameter(name = "outputDirectory", value = OUT + "/blocked/gitops")
  void anUnwritableOutputIsAnExecutionError(GenerateMojo mojo) throws Exception {
    File blocker = mojo.outputDirectory.getParentFile();
    Files.createDirectories(blocker.getParentFile().toPath());
    Files.deleteIfExists(blocker.toPath());
    Files.writeString(blocker.toPath(), "a file where a directory should be");
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("Cannot write");
  }
}
