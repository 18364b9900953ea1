package dev.meshserverless.model.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.Platforms;
import dev.meshserverless.model.output.MeshMoveGuard.MeshMove;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S4: Serverless cannot move to another mesh; the guard compares a new tree with the one already written. */
class MeshMoveGuardTest {
  @TempDir
  Path dir;

  /** A descriptor with a dev and a prod environment; prod's control plane is in {@code prodNamespace}. */
  private RenderedTree render(String name, String platformSpec, String prodNamespace) throws Exception {
    Path descriptor = Files.createDirectories(dir.resolve(name));
    Files.writeString(descriptor.resolve("platform.yaml"), """
        apiVersion: meshserverless.io/v1alpha1
        kind: Platform
        metadata: {name: acme}
        spec:
        """ + platformSpec.replaceAll("(?m)^", "  ") + """

        ---
        apiVersion: meshserverless.io/v1alpha1
        kind: Environment
        metadata: {name: dev}
        spec: {clusterDomain: apps.dev.example.com}
        ---
        apiVersion: meshserverless.io/v1alpha1
        kind: Environment
        metadata: {name: prod}
        spec:
          clusterDomain: apps.prod.example.com
          overrides: {serviceMesh: {controlPlane: {namespace: %s}}}
        ---
        apiVersion: meshserverless.io/v1alpha1
        kind: Tenant
        metadata: {name: team-a}
        spec: {namespaces: [team-a-1]}
        """.formatted(prodNamespace), StandardCharsets.UTF_8);
    return Platforms.render(descriptor);
  }

  private static final String ISTIO_SYSTEM = "serviceMesh: {version: \"2.6\"}";

  @Test
  @DisplayName("nothing to compare with: no previous tree")
  void noPreviousTree() throws Exception {
    assertThat(MeshMoveGuard.moves(dir.resolve("gitops"), render("a", ISTIO_SYSTEM, "istio-system"))).isEmpty();
  }

  @Test
  @DisplayName("the same control-plane namespaces are no move, whatever else changes")
  void sameNamespaces() throws Exception {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, render("a", ISTIO_SYSTEM, "mesh-prod"));
    RenderedTree next = render("b", ISTIO_SYSTEM + "\nkafka: {enabled: true, bootstrapServers: [k.kafka:9092]}",
        "mesh-prod");
    assertThat(MeshMoveGuard.moves(out, next)).isEmpty();
  }

  @Test
  @DisplayName("an environment whose control plane changes namespace is a move, named with both namespaces")
  void oneEnvironmentMoves() throws Exception {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, render("a", ISTIO_SYSTEM, "istio-system"));

    List<MeshMove> moves = MeshMoveGuard.moves(out, render("b", ISTIO_SYSTEM, "mesh-system"));

    assertThat(moves).containsExactly(new MeshMove("prod", "istio-system", "mesh-system"));
    assertThat(MeshMoveGuard.describe(moves, out, "set allowMeshMove"))
        .startsWith("S4: Serverless can be part of exactly one mesh, and cannot be moved to another one: the only"
            + " way is to uninstall OpenShift Serverless and reinstall it on the new mesh.")
        .contains("environment prod: the previous tree in " + out + " targets the control plane in namespace"
            + " istio-system, and this descriptor targets namespace mesh-system")
        .endsWith("allow the move: set allowMeshMove");
  }

  @Test
  @DisplayName("with membership Member (no member roll) the members' control plane counts")
  void membersMove() throws Exception {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, render("a", "serviceMesh: {version: \"2.6\", membership: Member}", "istio-system"));
    List<MeshMove> moves = MeshMoveGuard.moves(out,
        render("b", "serviceMesh: {version: \"2.6\", membership: Member, controlPlane: {namespace: mesh-a}}",
            "istio-system"));
    assertThat(moves).containsExactly(new MeshMove("dev", "istio-system", "mesh-a"));
  }

  @Test
  @DisplayName("a new or a removed environment is no move")
  void newEnvironment() throws Exception {
    Path out = dir.resolve("gitops");
    RenderedTree previous = render("a", ISTIO_SYSTEM, "istio-system");
    TreeWriter.replace(out, previous);
    Files.delete(out.resolve("environments/prod/kustomization.yaml"));
    Files.writeString(out.resolve(TreeWriter.INDEX), Files.readString(out.resolve(TreeWriter.INDEX))
        .replace("environments/prod/kustomization.yaml\n", ""));
    assertThat(MeshMoveGuard.moves(out, render("b", ISTIO_SYSTEM, "mesh-system"))).isEmpty();
  }

  @Test
  @DisplayName("files the plugin did not write are not read: a hand-written control plane is no previous tree")
  void handWrittenFilesAreIgnored() throws Exception {
    Path out = dir.resolve("gitops");
    Files.createDirectories(out.resolve("environments/prod"));
    Files.writeString(out.resolve("environments/prod/kustomization.yaml"),
        "resources:\n- servicemeshcontrolplane-istio-system-basic.yaml\n");
    Files.writeString(out.resolve("environments/prod/servicemeshcontrolplane-istio-system-basic.yaml"),
        "apiVersion: maistra.io/v2\nkind: ServiceMeshControlPlane\nmetadata: {name: basic, namespace: istio-system}\n");
    assertThat(MeshMoveGuard.moves(out, render("b", ISTIO_SYSTEM, "mesh-system"))).isEmpty();
  }

  @Test
  @DisplayName("an unreadable previous file says nothing, and fails nothing")
  void garbageIsIgnored() throws Exception {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, render("a", ISTIO_SYSTEM, "istio-system"));
    try (var walk = Files.walk(out)) {
      for (Path file : walk.filter(p -> p.getFileName().toString().startsWith("servicemesh")).toList()) {
        Files.writeString(file, "{ not: yaml: at all");
      }
    }
    assertThat(MeshMoveGuard.moves(out, render("b", ISTIO_SYSTEM, "mesh-system"))).isEmpty();
  }

}
