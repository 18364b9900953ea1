package dev.meshserverless.maven;

import static dev.meshserverless.maven.GenerateMojoTest.INVALID;
import static dev.meshserverless.maven.GenerateMojoTest.OUT;
import static dev.meshserverless.maven.GenerateMojoTest.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

@MojoTest
class ValidateMojoTest {
  @Test
  @Basedir(VALID)
  @InjectMojo(goal = "validate")
  @MojoParameter(name = "descriptorDirectory", value = "src/main/mesh-serverless")
  @MojoParameter(name = "outputDirectory", value = OUT + "/validate-valid")
  void aValidDescriptorPassesAndNothingIsWritten(ValidateMojo mojo) throws Exception {
    mojo.execute();
    assertThat(mojo.outputDirectory).doesNotExist();
    assertThat(mojo.outputDirectory.getParentFile().listFiles((dir, name) -> name.startsWith(".validate-valid")))
        .isNullOrEmpty();
  }

  @Test
  @Basedir(INVALID)
  @InjectMojo(goal = "validate")
  @MojoParameter(name = "descriptorDirectory", value = "src/main/mesh-serverless")
  @MojoParameter(name = "outputDirectory", value = OUT + "/validate-invalid")
  void badInputIsABuildFailureNamingFileLineAndKeyWithoutStackTrace(ValidateMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("platform.yaml:8:3:")
        .hasMessageContaining("did you mean 'tenantIsolation'?")
        .hasNoCause();
    assertThat(mojo.outputDirectory).doesNotExist();
  }

  @Test
  @Basedir(INVALID)
  @InjectMojo(goal = "validate")
  @MojoParameter(name = "descriptorDirectory", value = "src/main/mesh-serverless")
  @MojoParameter(name = "outputDirectory", value = OUT + "/validate-skipped")
  @MojoParameter(name = "skip", value = "true")
  void skipChecksNothing(ValidateMojo mojo) throws Exception {
    mojo.execute();
  }
}
