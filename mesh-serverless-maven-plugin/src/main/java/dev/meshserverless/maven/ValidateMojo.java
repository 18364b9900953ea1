package dev.meshserverless.maven;

import dev.meshserverless.model.output.RenderedTree;
import java.io.File;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Makes every check {@code generate} makes, and writes nothing: reads and validates the descriptor, renders the whole
 * tree in memory, and checks it against the tree already in the output directory (S4). For CI gates and IDEs.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractMojo {
  /** Folder of descriptor files (Platform, Environment and Tenant documents, {@code *.yaml}/{@code *.yml}), read recursively. */
  @Parameter(property = "mesh-serverless.descriptorDirectory", defaultValue = "${project.basedir}/src/main/mesh-serverless")
  File descriptorDirectory;

  /**
   * Where {@code generate} writes the GitOps tree. Only read: the tree there is what the descriptor must not move to
   * another mesh (S4). Nothing is written to it.
   */
  @Parameter(property = "mesh-serverless.outputDirectory", defaultValue = "${project.build.directory}/gitops")
  File outputDirectory;

  /** Skips the goal. */
  @Parameter(property = "mesh-serverless.skip", defaultValue = "false")
  boolean skip;

  /**
   * Allows an environment to target another Service Mesh control-plane namespace than the tree already in the
   * output directory (S4), as {@code generate} does; set it only once the uninstall and reinstall of Serverless is
   * planned.
   */
  @Parameter(property = "mesh-serverless.allowMeshMove", defaultValue = "false")
  boolean allowMeshMove;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping mesh-serverless:validate (mesh-serverless.skip=true)");
      return;
    }
    RenderedTree tree = GenerateMojo.render(descriptorDirectory);
    GenerateMojo.checkMeshMove(outputDirectory, tree, allowMeshMove, getLog());
    getLog().info(String.format(Locale.ROOT, "Descriptor %s is valid: it generates %d files (nothing written)",
        descriptorDirectory, tree.size()));
  }
}
