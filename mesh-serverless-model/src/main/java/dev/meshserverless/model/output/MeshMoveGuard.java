package dev.meshserverless.model.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * S4: OpenShift Serverless can be part of exactly one mesh, and moving it to another one (changing the control
 * plane its member roll targets) is unsupported: only uninstalling and reinstalling it is. This guard compares, per
 * environment, the control-plane namespace the previous tree in the output directory targeted with the one a new
 * tree targets, before anything is written.
 *
 * <p>What an environment targets is read the way Kustomize would build it: from {@code environments/<env>}, every
 * kustomization it includes, down to the {@code ServiceMeshControlPlane}, {@code ServiceMeshMemberRoll} and
 * {@code ServiceMeshMember} files. Only the files the index lists are read, so a hand-written file is never
 * mistaken for the previous run's.
 */
public final class MeshMoveGuard {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final String ENVIRONMENTS = "environments/";
  /** Files named {@code <kind>-...yaml} (Layout) whose kind says which control plane they belong to. */
  private static final List<String> MESH_KINDS =
      List.of("servicemeshcontrolplane-", "servicemeshmemberroll-", "servicemeshmember-");

  private MeshMoveGuard() {}

  /**
   * An environment whose control plane moves.
   *
   * @param environment the environment's name
   * @param from the control-plane namespace(s) the previous tree targeted, comma-separated
   * @param to the control-plane namespace(s) the new tree targets, comma-separated
   */
  public record MeshMove(String environment, String from, String to) {}

  /**
   * The environments of {@code next} whose control-plane namespace differs from the previous tree's in
   * {@code output}; empty when there is no previous tree, or when an environment is new or gone.
   */
  public static List<MeshMove> moves(Path output, RenderedTree next) throws IOException {
    SortedMap<String, byte[]> previous = new TreeMap<>();
    for (String path : TreeWriter.previousIndex(output)) {
      Path file = output.resolve(path);
      if (isRelevant(path) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        previous.put(path, Files.readAllBytes(file));
      }
    }
    return moves(controlPlaneNamespaces(previous), controlPlaneNamespaces(next.files()));
  }

  /**
   * What a user reads when {@code moves} is not empty: the rule, each environment with both namespaces, and
   * {@code howToAllow}, the words of the caller's switch that allows the move (e.g. a Maven property), unless null
   * (the move is allowed already).
   */
  public static String describe(List<MeshMove> moves, Path output, String howToAllow) {
    StringBuilder message = new StringBuilder("S4: Serverless can be part of exactly one mesh, and cannot be moved"
        + " to another one: the only way is to uninstall OpenShift Serverless and reinstall it on the new mesh.");
    for (MeshMove move : moves) {
      message.append("\n  environment ").append(move.environment()).append(": the previous tree in ").append(output)
          .append(" targets the control plane in namespace ").append(move.from())
          .append(", and this descriptor targets namespace ").append(move.to());
    }
    if (howToAllow != null) {
      message.append("\nKeep spec.serviceMesh.controlPlane.namespace as it was, or, when the uninstall and reinstall")
          .append(" are planned, allow the move: ").append(howToAllow);
    }
    return message.toString();
  }

  private static List<MeshMove> moves(
      SortedMap<String, SortedSet<String>> previous, SortedMap<String, SortedSet<String>> next) {
    List<MeshMove> moves = new ArrayList<>();
    previous.forEach((environment, from) -> {
      SortedSet<String> to = next.get(environment);
      if (!from.isEmpty() && to != null && !to.isEmpty() && !from.equals(to)) {
        moves.add(new MeshMove(environment, String.join(", ", from), String.join(", ", to)));
      }
    });
    return moves;
  }

  /** Per environment of a tree, the control-plane namespaces its build targets (normally one). */
  static SortedMap<String, SortedSet<String>> controlPlaneNamespaces(Map<String, byte[]> files) {
    SortedMap<String, SortedSet<String>> result = new TreeMap<>();
    for (String path : files.keySet()) {
      if (path.startsWith(ENVIRONMENTS) && path.endsWith("/" + Layout.KUSTOMIZATION)
          && path.indexOf('/', ENVIRONMENTS.length()) == path.length() - Layout.KUSTOMIZATION.length() - 1) {
        String environment = path.substring(ENVIRONMENTS.length(), path.indexOf('/', ENVIRONMENTS.length()));
        result.put(environment, namespacesBuiltFrom(ENVIRONMENTS + environment, files));
      }
    }
    return result;
  }

  /** Follows the kustomizations from {@code directory}, collecting the namespaces of the mesh objects. */
  private static SortedSet<String> namespacesBuiltFrom(String directory, Map<String, byte[]> files) {
    SortedSet<String> namespaces = new TreeSet<>();
    Set<String> visited = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(directory));
    while (!pending.isEmpty()) {
      String dir = pending.pop();
      JsonNode kustomization = visited.add(dir) ? parse(files.get(dir + "/" + Layout.KUSTOMIZATION)) : null;
      if (kustomization == null) {
        continue;
      }
      for (String key : List.of("resources", "components")) {
        for (JsonNode entry : kustomization.path(key)) {
          String path = resolve(dir, entry.asText());
          if (path == null) {
            continue;
          }
          if (files.containsKey(path + "/" + Layout.KUSTOMIZATION)) {
            pending.push(path);
          } else if (isMeshObject(path)) {
            String namespace = controlPlaneNamespace(parse(files.get(path)));
            if (namespace != null) {
              namespaces.add(namespace);
            }
          }
        }
      }
    }
    return namespaces;
  }

  /** The control-plane namespace a mesh object names, or null. */
  private static String controlPlaneNamespace(JsonNode object) {
    if (object == null) {
      return null;
    }
    String kind = object.path("kind").asText();
    JsonNode namespace = kind.equals("ServiceMeshMember")
        ? object.path("spec").path("controlPlaneRef").path("namespace")
        : kind.equals("ServiceMeshControlPlane") || kind.equals("ServiceMeshMemberRoll")
            ? object.path("metadata").path("namespace")
            : null;
    return namespace != null && namespace.isTextual() && !namespace.asText().isEmpty() ? namespace.asText() : null;
  }

  private static boolean isRelevant(String path) {
    return path.endsWith("/" + Layout.KUSTOMIZATION) || isMeshObject(path);
  }

  private static boolean isMeshObject(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return MESH_KINDS.stream().anyMatch(name::startsWith);
  }

  /** {@code reference} (a kustomization entry) relative to {@code directory}, normalized; null if it leaves the tree. */
  private static String resolve(String directory, String reference) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : (directory + "/" + reference).split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          return null;
        }
        segments.removeLast();
      } else {
        segments.addLast(segment);
      }
    }
    return String.join("/", segments);
  }

  /** The YAML of a file, or null when it is absent or unreadable (then it cannot tell us anything). */
  private static JsonNode parse(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return YAML.readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }
}
