package dev.meshserverless.maven;

import dev.meshserverless.model.Platforms;
import dev.meshserverless.model.descriptor.DescriptorException;
import dev.meshserverless.model.output.BuildStamp;
import dev.meshserverless.model.output.MeshMoveGuard;
import dev.meshserverless.model.output.MeshMoveGuard.MeshMove;
import dev.meshserverless.model.output.RenderedTree;
import dev.meshserverless.model.output.TreeWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
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

  /**
   * Allows an environment to target another Service Mesh control-plane namespace than the tree already in the
   * output directory (S4). Serverless cannot be moved to another mesh, only uninstalled and reinstalled, so a run
   * that would move it fails unless this is true; set it only once that reinstall is planned.
   */
  @Parameter(property = "mesh-serverless.allowMeshMove", defaultValue = "false")
  boolean allowMeshMove;

  /**
   * Renders and writes even when the last run's stamp says nothing changed. Without it, a run whose descriptor files
   * and plugin are byte-identical to the last run's, and whose generated files are all still in place unmodified,
   * skips reading, rendering and writing.
   */
  @Parameter(property = "mesh-serverless.force", defaultValue = "false")
  boolean force;

  /**
   * Where the stamps of earlier runs are kept (one per output directory); never part of the generated tree. Null (only
   * when the Mojo is made by hand) turns stamps off.
   */
  @Parameter(defaultValue = "${project.build.directory}/mesh-serverless", readonly = true, required = true)
  File stampDirectory;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping mesh-serverless:generate (mesh-serverless.skip=true)");
      return;
    }
    // One stamp per output directory, so that executions writing elsewhere keep theirs.
    Path stamp = stampDirectory == null ? null : BuildStamp.stampFile(stampDirectory.toPath(), outputDirectory.toPath());
    String fingerprint = stamp == null ? null : fingerprint();
    if (fingerprint != null && !force) {
      BuildStamp.Check check = check(stamp, fingerprint);
      if (check.upToDate()) {
        getLog().info("Skipped rendering: " + check.reason() + " (-Dmesh-serverless.force=true renders anyway)");
        return;
      }
      getLog().info("Rendering: " + check.reason());
    }
    RenderedTree tree = render(descriptorDirectory);
    checkMeshMove(outputDirectory, tree, allowMeshMove, getLog());
    try {
      if (stamp != null) {
        BuildStamp.forget(stamp);
      }
      TreeWriter.Result result = TreeWriter.replace(outputDirectory.toPath(), tree);
      getLog().info(String.format(Locale.ROOT, "Wrote %d files to %s (%d changed, %d unchanged, %d removed)",
          tree.size(), outputDirectory, result.written(), result.unchanged(), result.removed()));
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + outputDirectory + ": " + e.getMessage(), e);
    }
    if (fingerprint != null) {
      try {
        BuildStamp.record(stamp, outputDirectory.toPath(), tree, fingerprint);
      } catch (IOException e) {
        getLog().warn("Cannot record " + stamp + " (" + e.getMessage() + "); the next run renders again");
      }
    }
  }

  /**
   * The fingerprint of this run's inputs: descriptor files, plugin version, its dependencies and its code. Null when
   * it cannot be computed (e.g. no descriptor directory): the run renders, and reports the real problem.
   */
  private String fingerprint() {
    StringBuilder generator = new StringBuilder();
    if (plugin != null) {
      generator.append(plugin.getId());
      if (plugin.getArtifacts() != null) {
        plugin.getArtifacts().stream().map(Artifact::getId).sorted().forEach(id -> generator.append(' ').append(id));
      }
    }
    try {
      generator.append(' ').append(BuildStamp.codeIdentity(GenerateMojo.class, Platforms.class));
      return BuildStamp.fingerprint(descriptorDirectory.toPath(), generator.toString());
    } catch (IOException e) {
      getLog().debug("No fingerprint of " + descriptorDirectory + ": " + e);
      return null;
    }
  }

  private BuildStamp.Check check(Path stamp, String fingerprint) {
    try {
      return BuildStamp.check(stamp, outputDirectory.toPath(), fingerprint);
    } catch (IOException e) {
      return new BuildStamp.Check(false, "cannot read " + stamp + " (" + e.getMessage() + ")", 0);
    }
  }

  /**
   * S4: fails the build when an environment of {@code tree} targets another control-plane namespace than the
   * previous tree in {@code outputDirectory}, unless {@code allowMeshMove}; then it only warns.
   */
  static void checkMeshMove(File outputDirectory, RenderedTree tree, boolean allowMeshMove, Log log)
      throws MojoExecutionException, MojoFailureException {
    List<MeshMove> moves;
    try {
      moves = MeshMoveGuard.moves(outputDirectory.toPath(), tree);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read the previous tree in " + outputDirectory + ": " + e.getMessage(), e);
    }
    if (moves.isEmpty()) {
      return;
    }
    if (!allowMeshMove) {
      throw new MojoFailureException(MeshMoveGuard.describe(moves, outputDirectory.toPath(),
          "-Dmesh-serverless.allowMeshMove=true (or <allowMeshMove>true</allowMeshMove> in the plugin's configuration)"));
    }
    log.warn("allowMeshMove=true, so going on with a move to another mesh; uninstall Serverless before applying it. "
        + MeshMoveGuard.describe(moves, outputDirectory.toPath(), null));
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
