package dev.meshserverless.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S4 through the goals: a run that would move Serverless to another mesh fails unless allowMeshMove is set. */
class MeshMoveTest {
  @TempDir
  Path dir;

  private Path descriptor(String name, String controlPlaneNamespace) throws IOException {
    Path descriptor = Files.createDirectories(dir.resolve(name));
    Files.writeString(descriptor.resolve("platform.yaml"), """
        apiVersion: meshserverless.io/v1alpha1
        kind: Platform
        metadata: {name: acme}
        spec:
          serviceMesh: {version: "2.6", controlPlane: {namespace: %s}}
        ---
        apiVersion: meshserverless.io/v1alpha1
        kind: Environment
        metadata: {name: prod}
        spec: {clusterDomain: apps.prod.example.com}
        """.formatted(controlPlaneNamespace), StandardCharsets.UTF_8);
    return descriptor;
  }

  private GenerateMojo generate(Path descriptor, Path output, boolean allowMeshMove) {
    GenerateMojo mojo = new GenerateMojo();
    mojo.descriptorDirectory = descriptor.toFile();
    mojo.outputDirectory = output.toFile();
    mojo.allowMeshMove = allowMeshMove;
    return mojo;
  }

  @Test
  @DisplayName("generate and validate refuse the move, naming the rule, the environment and both namespaces")
  void refusedUnlessAllowed() throws Exception {
    Path output = dir.resolve("gitops");
    generate(descriptor("first", "istio-system"), output, false).execute();
    SortedMap<String, byte[]> before = snapshot(output);
    Path moved = descriptor("second", "mesh-system");

    ValidateMojo validate = new ValidateMojo();
    validate.descriptorDirectory = moved.toFile();
    validate.outputDirectory = output.toFile();
    for (AbstractMojo mojo : List.of(generate(moved, output, false), validate)) {
      assertThatThrownBy(mojo::execute)
          .isInstanceOf(MojoFailureException.class).hasNoCause()
          .hasMessageStartingWith("S4: Serverless can be part of exactly one mesh, and cannot be moved to another")
          .hasMessageContaining("uninstall OpenShift Serverless and reinstall it")
          .hasMessageContaining("environment prod: the previous tree in " + output + " targets the control plane in"
              + " namespace istio-system, and this descriptor targets namespace mesh-system")
          .hasMessageContaining("-Dmesh-serverless.allowMeshMove=true");
    }
    SortedMap<String, byte[]> after = snapshot(output);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((path, bytes) -> assertThat(Arrays.equals(bytes, after.get(path))).as(path).isTrue());

    validate.allowMeshMove = true;
    validate.execute();
    generate(moved, output, true).execute();
    try (Stream<Path> walk = Files.walk(output)) {
      assertThat(walk.map(p -> p.getFileName().toString()))
          .contains("servicemeshcontrolplane-mesh-system-basic.yaml")
          .doesNotContain("servicemeshcontrolplane-istio-system-basic.yaml");
    }
  }

  static SortedMap<String, byte[]> snapshot(Path root) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }
}
