package dev.meshserverless.model.output;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lays resources out as Kustomize units (CONTRACT.md, "Output tree"): a base holding what every
 * environment shares and one overlay per environment adding what differs.
 */
public final class Layout {
  /** Name of the kustomization file in every unit. */
  public static final String KUSTOMIZATION = "kustomization.yaml";

  private final SortedMap<String, byte[]> files = new TreeMap<>();

  /**
   * Adds {@code <unit>/base} and {@code <unit>/overlays/<env>} for the resources each environment needs.
   * An object whose bytes are the same in every environment goes to the base; any other object goes, whole,
   * to the overlay of each environment that has it. With one environment everything is in the base.
   *
   * @param unit directory of the unit, e.g. {@code platform} or {@code tenants/team-a/onboarding}
   * @param byEnvironment every environment of the unit, with its resources
   */
  public void addUnit(String unit, SortedMap<String, List<HasMetadata>> byEnvironment) {
    // The same object (not only an equal one: comparing deep objects costs about as much as serializing them) that an
    // earlier environment has under the same file name reuses its bytes: environments with equal inputs share objects.
    Map<String, Serialized> earlier = new HashMap<>();
    Map<String, SortedMap<String, byte[]>> serialized = new LinkedHashMap<>();
    byEnvironment.forEach((env, resources) -> serialized.put(env, serialize(unit, resources, earlier)));

    SortedMap<String, byte[]> shared = new TreeMap<>(serialized.values().iterator().next());
    for (SortedMap<String, byte[]> environmentFiles : serialized.values()) {
      shared.entrySet().removeIf(e -> {
        byte[] other = environmentFiles.get(e.getKey());
        return other != e.getValue() && !Arrays.equals(e.getValue(), other);
      });
    }
    addKustomizationWithFiles(unit + "/base", List.of(), shared);

    serialized.forEach((env, environmentFiles) -> {
      SortedMap<String, byte[]> own = new TreeMap<>(environmentFiles);
      own.keySet().removeAll(shared.keySet());
      addKustomizationWithFiles(unit + "/overlays/" + env, List.of("../../base"), own);
    });
  }

  /** Adds a kustomization at {@code directory} that only aggregates other directories. */
  public void addAggregate(String directory, List<String> references) {
    addKustomizationWithFiles(directory, references, new TreeMap<>());
  }

  /**
   * Adds a kustomization at {@code directory} holding {@code resources}, one file each, and listing them with
   * {@code references} (files below {@code directory} or other directories).
   */
  public void addDirectory(String directory, List<? extends HasMetadata> resources, List<String> references) {
    addKustomizationWithFiles(directory, references, serialize(directory, resources, new HashMap<>()));
  }

  /** Adds every file of {@code other}, e.g. units rendered apart; a path both have is an error. */
  public void addAll(Layout other) {
    other.files.forEach(this::put);
  }

  /** Adds a file that is not a resource of any unit (e.g. documentation next to the tree). */
  public void addFile(String path, byte[] bytes) {
    put(path, bytes);
  }

  public RenderedTree tree() {
    return new RenderedTree(files);
  }

  /**
   * The file name of a resource, from kind, namespace and name only:
   * {@code <kind>-<namespace>-<name>.yaml}, or {@code <kind>-<name>.yaml} when cluster-scoped.
   */
  public static String fileName(HasMetadata resource) {
    String namespace = resource.getMetadata().getNamespace();
    String kind = resource.getKind().toLowerCase(Locale.ROOT);
    String name = resource.getMetadata().getName();
    return (namespace == null ? kind + "-" + name : kind + "-" + namespace + "-" + name) + ".yaml";
  }

  private void addKustomizationWithFiles(String directory, List<String> references, SortedMap<String, byte[]> own) {
    List<String> entries = new ArrayList<>(references);
    own.forEach((name, bytes) -> {
      entries.add(name);
      put(directory + "/" + name, bytes);
    });
    put(directory + "/" + KUSTOMIZATION, Kustomization.listing(entries));
  }

  /** An object already serialized in this unit, under its file name. */
  private record Serialized(HasMetadata resource, byte[] bytes) {}

  /**
   * The bytes of each resource by file name, reusing those in {@code earlier} for the very same object and adding what
   * it serializes to {@code earlier}.
   */
  private static SortedMap<String, byte[]> serialize(String unit, List<? extends HasMetadata> resources,
      Map<String, Serialized> earlier) {
    SortedMap<String, byte[]> byFile = new TreeMap<>();
    for (HasMetadata resource : resources) {
      String name = fileName(resource);
      Serialized before = earlier.get(name);
      byte[] bytes = before != null && before.resource() == resource ? before.bytes() : ManifestYaml.write(resource);
      if (byFile.put(name, bytes) != null) {
        throw new IllegalStateException(unit + ": two resources would be written to " + name);
      }
      earlier.putIfAbsent(name, new Serialized(resource, bytes));
    }
    return byFile;
  }

  private void put(String path, byte[] bytes) {
    if (files.put(path, bytes) != null) {
      throw new IllegalStateException("two files would be written to " + path);
    }
  }
}
