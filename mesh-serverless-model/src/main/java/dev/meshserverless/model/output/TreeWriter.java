package dev.meshserverless.model.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Replaces the generated files under an output directory with a {@link RenderedTree}, all or nothing.
 *
 * <p>The directory may also hold files the user wrote (a GitOps checkout): an index of what the plugin
 * wrote ({@value #INDEX}) tells them apart. Files the previous run wrote and this one does not are
 * removed; files the plugin did not write are never touched.
 */
public final class TreeWriter {
  /** The index of generated files, in the output root. */
  public static final String INDEX = ".mesh-serverless-index";

  private TreeWriter() {}

  /** What a replacement did. */
  public record Result(int written, int unchanged, int removed) {}

  /**
   * Writes {@code tree} under {@code output}. Every new file is first written to a staging directory beside
   * {@code output}; only when all are written are they moved into place, so a failure while writing leaves
   * the previous tree as it was.
   *
   * @throws IOException on I/O trouble, or when a generated path would overwrite a file the plugin did not write
   */
  public static Result replace(Path output, RenderedTree tree) throws IOException {
    for (String path : tree.files().keySet()) {
      requireSafe(path);
    }
    SortedSet<String> previous = previousIndex(output);
    List<String> foreign = new ArrayList<>();
    for (String path : tree.files().keySet()) {
      Path target = output.resolve(path);
      if (!previous.contains(path) && Files.exists(target)) {
        foreign.add(path);
      }
    }
    if (!foreign.isEmpty()) {
      throw new IOException("refusing to overwrite files the plugin did not write (not in " + INDEX + "): "
          + String.join(", ", foreign) + "; move them away or choose another output directory");
    }

    Path parent = output.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + output.getFileName() + ".staging-");
    try {
      List<String> changed = new ArrayList<>();
      int unchanged = 0;
      for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
        Path target = output.resolve(file.getKey());
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), file.getValue())) {
          unchanged++;
          continue;
        }
        Path staged = staging.resolve(file.getKey());
        Files.createDirectories(staged.getParent());
        Files.write(staged, file.getValue());
        changed.add(file.getKey());
      }
      Path stagedIndex = staging.resolve(INDEX);
      Files.writeString(stagedIndex, String.join("\n", tree.files().keySet()) + "\n", StandardCharsets.UTF_8);

      for (String path : changed) {
        Path target = output.resolve(path);
        Files.createDirectories(target.getParent());
        move(staging.resolve(path), target);
      }
      int removed = 0;
      for (String path : previous) {
        if (!tree.files().containsKey(path) && Files.deleteIfExists(output.resolve(path))) {
          removed++;
          deleteEmptyParents(output, output.resolve(path).getParent());
        }
      }
      move(stagedIndex, output.resolve(INDEX));
      return new Result(changed.size(), unchanged, removed);
    } finally {
      deleteRecursively(staging);
    }
  }

  /** The paths the previous run wrote, from the index; empty when there is none. */
  public static SortedSet<String> previousIndex(Path output) throws IOException {
    Path index = output.resolve(INDEX);
    SortedSet<String> paths = new TreeSet<>();
    if (Files.isRegularFile(index)) {
      for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && isSafe(line)) {
          paths.add(line);
        }
      }
    }
    return paths;
  }

  private static void requireSafe(String path) {
    if (!isSafe(path)) {
      throw new IllegalArgumentException("generated path escapes the output directory: " + path);
    }
  }

  /** A relative path of plain segments: no {@code ..}, no absolute or empty segments, no backslashes. */
  static boolean isSafe(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteEmptyParents(Path root, Path directory) throws IOException {
    Path normalizedRoot = root.toAbsolutePath().normalize();
    for (Path dir = directory.toAbsolutePath().normalize();
        dir != null && dir.startsWith(normalizedRoot) && !dir.equals(normalizedRoot);
        dir = dir.getParent()) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
