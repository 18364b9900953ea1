package dev.meshserverless.model.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

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
   * {@code output}; only when all are written are they moved into place. The files replaced or removed are moved
   * aside first, so that if a move fails, everything done is undone: the previous tree is left as it was.
   *
   * @throws IOException on I/O trouble; when a generated path would overwrite a file the plugin did not write, could
   *     leave the output directory ({@code ..}, an absolute path, a symbolic link to a directory), or is the index
   */
  public static Result replace(Path output, RenderedTree tree) throws IOException {
    return replace(output, tree, TreeWriter::move);
  }

  /** How a file is moved into or out of place; a test replaces it to fail in the middle. */
  @FunctionalInterface
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  static Result replace(Path output, RenderedTree tree, Mover mover) throws IOException {
    for (String path : tree.files().keySet()) {
      requireSafe(path);
    }
    Path parent = output.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    if (isAbsentOrEmptyDirectory(output)) {
      return writeFresh(output, parent, tree, mover);
    }
    SortedSet<String> previous = previousIndex(output);
    List<String> foreign = new ArrayList<>();
    for (String path : tree.files().keySet()) {
      Path target = output.resolve(path);
      // A directory where a generated file goes is the user's too, even if the plugin once wrote a file there.
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
          || !previous.contains(path) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        foreign.add(path);
      }
    }
    if (!foreign.isEmpty()) {
      throw new IOException("refusing to overwrite files the plugin did not write (not in " + INDEX + "): "
          + String.join(", ", foreign) + "; move them away or choose another output directory");
    }
    SortedSet<String> touched = new TreeSet<>(tree.files().keySet());
    touched.addAll(previous);
    requireNoLinkedDirectory(output, touched);

    Path staging = Files.createTempDirectory(parent, "." + output.getFileName() + ".staging-");
    boolean keepStaging = false;
    try {
      // Flat staging: one file per changed path, named by its position, so that no directory is made twice.
      Path newFiles = Files.createDirectory(staging.resolve("new"));
      Path moved = staging.resolve("previous");
      Map<String, Path> changed = new LinkedHashMap<>();
      int unchanged = 0;
      for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
        Path target = output.resolve(file.getKey());
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
            && Arrays.equals(Files.readAllBytes(target), file.getValue())) {
          unchanged++;
          continue;
        }
        Path staged = newFiles.resolve(Integer.toString(changed.size()));
        Files.write(staged, file.getValue());
        changed.put(file.getKey(), staged);
      }
      Path stagedIndex = Files.write(newFiles.resolve(INDEX), index(tree));

      List<String> removed = previous.stream().filter(path -> !tree.files().containsKey(path)
          && (Files.isRegularFile(output.resolve(path), LinkOption.NOFOLLOW_LINKS)
              || Files.isSymbolicLink(output.resolve(path)))).toList();
      Swap swap = new Swap(output, moved, mover);
      try {
        for (Map.Entry<String, Path> file : changed.entrySet()) {
          swap.replace(file.getKey(), file.getValue());
        }
        for (String path : removed) {
          swap.remove(path);
        }
        swap.replace(INDEX, stagedIndex);
      } catch (IOException | RuntimeException e) {
        if (!swap.undo(e)) {
          keepStaging = true; // it holds previous files that could not be put back
          throw new IOException("writing " + output + " failed (" + e.getMessage() + ") and not every previous file"
              + " could be put back; the missing ones are in " + moved, e);
        }
        throw e;
      }
      for (String path : removed) {
        deleteEmptyParents(output, output.resolve(path).getParent());
      }
      return new Result(changed.size(), unchanged, removed.size());
    } finally {
      if (!keepStaging) {
        deleteRecursively(staging);
      }
    }
  }

  /**
   * The first run into an output directory that does not exist or is empty: the whole tree is written into a staging
   * directory beside it, making each directory once, and then moved into place with one rename (or, into an empty
   * directory, one rename per top-level entry, undone if one fails). Until then, {@code output} is untouched.
   */
  private static Result writeFresh(Path output, Path parent, RenderedTree tree, Mover mover) throws IOException {
    Path staging = Files.createTempDirectory(parent, "." + output.getFileName() + ".staging-");
    try {
      Path staged = Files.createDirectory(staging.resolve("tree"));
      Set<Path> directories = new HashSet<>();
      directories.add(staged);
      for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
        Path target = staged.resolve(file.getKey());
        makeDirectories(target.getParent(), directories);
        Files.write(target, file.getValue());
      }
      Files.write(staged.resolve(INDEX), index(tree));
      if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
        mover.move(staged, output);
      } else {
        // An empty directory stays (it may be a mount point, or have its own permissions): its entries move in.
        List<String> top;
        try (Stream<Path> entries = Files.list(staged)) {
          top = entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
        List<String> done = new ArrayList<>();
        try {
          for (String name : top) {
            mover.move(staged.resolve(name), output.resolve(name));
            done.add(name);
          }
        } catch (IOException | RuntimeException e) {
          for (String name : done) {
            try {
              move(output.resolve(name), staged.resolve(name));
            } catch (IOException undo) {
              e.addSuppressed(undo);
            }
          }
          throw e;
        }
      }
      return new Result(tree.size(), 0, 0);
    } finally {
      deleteRecursively(staging);
    }
  }

  /** Whether {@code output} is missing, or a real (not linked) directory holding nothing. */
  private static boolean isAbsentOrEmptyDirectory(Path output) throws IOException {
    if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(output)) {
      return !entries.iterator().hasNext();
    }
  }

  /** Makes {@code directory} and its missing parents, asking the file system only about those not yet made. */
  private static void makeDirectories(Path directory, Set<Path> made) throws IOException {
    if (made.contains(directory)) {
      return;
    }
    makeDirectories(directory.getParent(), made);
    Files.createDirectory(directory);
    made.add(directory);
  }

  private static byte[] index(RenderedTree tree) {
    return (String.join("\n", tree.files().keySet()) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The moves of one replacement, in order, so that they can be undone: a file replaced or removed is first moved
   * to {@code aside}, and moved back if a later move fails.
   */
  private static final class Swap {
    private final Path output;
    private final Path aside;
    private final Mover mover;
    /** Paths now holding a new file, and paths whose previous file is aside; in the order done. */
    private final List<String> placed = new ArrayList<>();
    private final List<String> setAside = new ArrayList<>();
    private final List<Path> createdDirectories = new ArrayList<>();
    /** Directories known to exist, so that each is asked about once. */
    private final Set<Path> present = new HashSet<>();

    Swap(Path output, Path aside, Mover mover) {
      this.output = output;
      this.aside = aside;
      this.mover = mover;
    }

    void replace(String path, Path newFile) throws IOException {
      Path target = output.resolve(path);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        putAside(path);
      } else {
        createDirectories(target.getParent());
      }
      mover.move(newFile, target);
      placed.add(path);
    }

    void remove(String path) throws IOException {
      putAside(path);
    }

    private void putAside(String path) throws IOException {
      Path away = aside.resolve(path);
      Files.createDirectories(away.getParent());
      mover.move(output.resolve(path), away);
      setAside.add(path);
    }

    /** Creates the missing directories up to {@code directory}, remembering them for {@link #undo}. */
    private void createDirectories(Path directory) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path dir = directory; dir != null && !present.contains(dir); dir = dir.getParent()) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          present.add(dir);
          break;
        }
        missing.add(0, dir);
      }
      for (Path dir : missing) {
        Files.createDirectory(dir);
        createdDirectories.add(dir);
        present.add(dir);
      }
    }

    /**
     * Puts every file back where it was; what cannot be undone is added to {@code failure} as suppressed.
     *
     * @return whether every previous file is back in place
     */
    boolean undo(Exception failure) {
      boolean restored = true;
      for (int i = placed.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(output.resolve(placed.get(i)));
        } catch (IOException e) {
          failure.addSuppressed(e);
        }
      }
      for (int i = setAside.size() - 1; i >= 0; i--) {
        try {
          Path target = output.resolve(setAside.get(i));
          Files.createDirectories(target.getParent());
          move(aside.resolve(setAside.get(i)), target);
        } catch (IOException e) {
          failure.addSuppressed(e);
          restored = false;
        }
      }
      for (int i = createdDirectories.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(createdDirectories.get(i));
        } catch (IOException e) {
          failure.addSuppressed(e); // not empty: something else was written there meanwhile; leave it
        }
      }
      return restored;
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

  private static void requireSafe(String path) throws IOException {
    if (!isSafe(path) || path.equals(INDEX)) {
      throw new IOException("refusing to write '" + path + "': a generated path must stay inside the output"
          + " directory, as relative plain names (no '..', '.', empty, absolute or backslash segments), and cannot"
          + " be the index " + INDEX);
    }
  }

  /**
   * Refuses a run that would write or remove a file through a symbolic link to a directory below {@code output}:
   * the link could lead out of it. (The output directory itself may be a link.)
   */
  private static void requireNoLinkedDirectory(Path output, SortedSet<String> paths) throws IOException {
    SortedSet<String> checked = new TreeSet<>();
    for (String path : paths) {
      String[] segments = path.split("/");
      StringBuilder directory = new StringBuilder();
      for (int i = 0; i < segments.length - 1; i++) {
        directory.append(i == 0 ? "" : "/").append(segments[i]);
        if (checked.add(directory.toString()) && Files.isSymbolicLink(output.resolve(directory.toString()))) {
          throw new IOException("refusing to write through the symbolic link " + output.resolve(directory.toString())
              + ": it could lead out of the output directory; replace it with a real directory");
        }
      }
    }
  }

  /**
   * A relative path of plain segments: no {@code ..}, no absolute or empty segments, no backslashes and no control
   * characters.
   */
  static boolean isSafe(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.chars().anyMatch(c -> c < 0x20)) {
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
      } catch (NoSuchFileException e) {
        // already gone with an earlier removed file of the same directory; its parents may still be empty
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
