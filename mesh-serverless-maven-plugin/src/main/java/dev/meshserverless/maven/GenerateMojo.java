package dev.meshserverless.maven;

import dev.meshserverless.model.Platforms;
import dev.meshserverless.model.descriptor.DescriptorException;
import dev.meshserverless.model.output.RenderedTree;
import dev.meshserverless.model.output.TreeWriter;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Generates the Kustomize bases and overlays for every environment and tenant in the descriptor. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
  /** Folder of descriptor files (Platform, Environment and Tenant documents, {@code *.yaml}/{@code *.yml}), read recursively. */
  @Parameter(property = "mesh-serverless.descriptorDirectory", defaultValue = "${project.basedir}/src/main/mesh-serverless")
  File descriptorDirectory;

  /**
   * Receives the GitOps tree. Generated files are replaced as a whole, only after a successful run; files the
   * plugin did not write are left alone.
   */
  @Parameter(property = "mesh-serverless.outputDirectory", defaultValue = "${project.build.directory}/gitops")
  File outputDirectory;

  /** Skips the goal. */
  @Parameter(property = "mesh-serverless.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping mesh-serverless:generate (mesh-serverless.skip=true)");
      return;
    }
    RenderedTree tree = render(descriptorDirectory);
    try {
      TreeWriter.Result result = TreeWriter.replace(outputDirectory.toPath(), tree);
      getLog().info(String.format(Locale.ROOT, "Wrote %d files to %s (%d changed, %d unchanged, %d removed)",
          tree.size(), outputDirectory, result.written(), result.unchanged(), result.removed()));
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + outputDirectory + ": " + e.getMessage(), e);
    }
  }

  /** Reads and renders the descriptor; bad input fails the build with the problems, not a stack trace. */
  static RenderedTree render(File descriptorDirectory) throws MojoExecutionException, MojoFailureException {
    try {
      return Platforms.render(descriptorDirectory.toPath());
    } catch (DescriptorException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read " + descriptorDirectory + ": " + e.getMessage(), e);
    }
  }
}
