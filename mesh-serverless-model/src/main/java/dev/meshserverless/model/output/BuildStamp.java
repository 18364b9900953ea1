package dev.meshserverless.model.output;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.meshserverless.model.descriptor.DescriptorReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Lets a run on unchanged inputs skip reading, rendering and writing: a stamp file, kept outside the generated tree
 * (in Maven's {@code target}, as compilers keep their incremental state), records a fingerprint of the inputs, the
 * output directory, and the size of every file the run wrote.
 *
 * <p>The next run is up to date when the fingerprint is the same (every visible file of the descriptor directory,
 * byte for byte, and the generator's identity: version and code) and the tree is intact: every recorded file is
 * still a regular file of the recorded size, modified no later than the stamp. Editing, deleting or replacing a
 * generated file, or checking out another revision over it, therefore renders again. The stamp holds no secret and
 * no file content, only names, sizes and a hash.
 */
public final class BuildStamp {
  private static final String HEADER = "mesh-serverless build stamp 1";

  private BuildStamp() {}

  /** Whether a run may skip, and why (or why not), for the build log. */
  public record Check(boolean upToDate, String reason, int files) {
    static Check stale(String reason) {
      return new Check(false, reason, 0);
    }
  }

  /**
   * SHA-256, in hex, of {@code generator} and of every visible regular file below {@code descriptorDirectory} (its
   * '/'-separated relative path and bytes, in path order). Hidden files and folders are left out, as the descriptor
   * reader leaves them out; every file it reads, certificates included, is a visible file of that folder.
   */
  public static String fingerprint(Path descriptorDirectory, String generator) throws IOException {
    MessageDigest digest = sha256();
    update(digest, HEADER);
    update(digest, generator);
    for (Map.Entry<String, Path> file : DescriptorReader.visibleFiles(descriptorDirectory, true).entrySet()) {
      update(digest, file.getKey());
      byte[] bytes = Files.readAllBytes(file.getValue());
      update(digest, Integer.toString(bytes.length));
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * SHA-256, in hex, of where the code of the given classes comes from: the path, size and modification time of each
   * one's jar, or of every file of its classes folder. A rebuilt SNAPSHOT of the same version is another generator.
   * (Attributes, not bytes: hashing megabytes of jars in a JVM that has not warmed up would cost more than the rest of
   * the check; installing or rebuilding a jar gives it a new modification time.)
   */
  public static String codeIdentity(Class<?>... classes) throws IOException {
    MessageDigest digest = sha256();
    for (Class<?> type : classes) {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        update(digest, type.getName() + ": no code source");
        continue;
      }
      Path location;
      try {
        location = Path.of(source.getLocation().toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        update(digest, source.getLocation().toString());
        continue;
      }
      update(digest, locationIdentity(location));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The path, and the relative path, size and modification time of each file, of a jar or a classes folder. */
  static String locationIdentity(Path location) throws IOException {
    Map<String, Path> files =
        Files.isDirectory(location) ? DescriptorReader.visibleFiles(location, true) : Map.of("", location);
    StringBuilder identity = new StringBuilder(location.toAbsolutePath().toString());
    for (Map.Entry<String, Path> file : files.entrySet()) {
      BasicFileAttributes attributes = Files.readAttributes(file.getValue(), BasicFileAttributes.class);
      identity.append('\n').append(file.getKey()).append(' ').append(attributes.size()).append(' ')
          .append(attributes.lastModifiedTime().toMillis());
    }
    return identity.toString();
  }

  /** Whether {@code stamp} says {@code output} already holds what {@code fingerprint}'s inputs render to. */
  public static Check check(Path stamp, Path output, String fingerprint) throws IOException {
    BasicFileAttributes stampAttributes;
    List<String> lines;
    try {
      stampAttributes = Files.readAttributes(stamp, BasicFileAttributes.class);
      lines = Files.readAllLines(stamp, UTF_8);
    } catch (NoSuchFileException e) {
      return Check.stale("no earlier run recorded in " + stamp);
    }
    if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
      return Check.stale(stamp + " is not a stamp this version wrote");
    }
    if (!lines.get(1).equals("fingerprint " + fingerprint)) {
      return Check.stale("the descriptor or the plugin changed since the last run");
    }
    if (!lines.get(2).equals("output " + canonical(output))) {
      return Check.stale("the last run wrote another output directory");
    }
    FileTime stamped = stampAttributes.lastModifiedTime();
    // One look at each file, on every processor; the first stale file in the stamp's order is the one reported.
    Optional<String> stale = IntStream.range(3, lines.size()).parallel()
        .mapToObj(i -> staleness(stamp, output, stamped, i + 1, lines.get(i)))
        .filter(Objects::nonNull)
        .findFirst();
    if (stale.isPresent()) {
      return Check.stale(stale.get());
    }
    int files = lines.size() - 4; // the tree's files, as "Wrote" counts them; the index is checked too
    return new Check(true, "the descriptor and the plugin are unchanged since the last run, and its "
        + files + " files in " + output + " are intact", files);
  }

  /** Why the file of one stamp line is not as recorded, or null when it is. */
  private static String staleness(Path stamp, Path output, FileTime stamped, int lineNumber, String line) {
    int space = line.indexOf(' ');
    String path = line.substring(space + 1);
    if (space < 0 || !TreeWriter.isSafe(path)) {
      return stamp + " is damaged at line " + lineNumber;
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(output.resolve(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return path + " was removed from " + output;
    } catch (IOException e) {
      return "cannot look at " + path + " in " + output + " (" + e.getMessage() + ")";
    }
    if (!attributes.isRegularFile() || !Long.toString(attributes.size()).equals(line.substring(0, space))
        || attributes.lastModifiedTime().compareTo(stamped) > 0) {
      return path + " in " + output + " was changed after the last run";
    }
    return null;
  }

  /**
   * Records that {@code output} holds {@code tree} (and its index) rendered from {@code fingerprint}'s inputs. Call it
   * after the tree is written; its modification time is set to now, after every file of the tree.
   */
  public static void record(Path stamp, Path output, RenderedTree tree, String fingerprint) throws IOException {
    StringBuilder text = new StringBuilder(64 + tree.size() * 64);
    text.append(HEADER).append('\n').append("fingerprint ").append(fingerprint).append('\n')
        .append("output ").append(canonical(output)).append('\n');
    tree.files().forEach((path, bytes) -> text.append(bytes.length).append(' ').append(path).append('\n'));
    text.append(Files.size(output.resolve(TreeWriter.INDEX))).append(' ').append(TreeWriter.INDEX).append('\n');
    Files.createDirectories(stamp.toAbsolutePath().getParent());
    Path temporary = Files.createTempFile(stamp.toAbsolutePath().getParent(), "." + stamp.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, text, UTF_8);
      // The precise clock is never behind the file system's coarse one: every file written so far is not newer.
      Files.setLastModifiedTime(temporary, FileTime.from(Instant.now()));
      Files.move(temporary, stamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Removes the stamp, before a run changes the tree: a run that fails halfway never leaves a stamp behind. */
  public static void forget(Path stamp) throws IOException {
    Files.deleteIfExists(stamp);
  }

  /** The stamp of runs into {@code output}, in {@code stampDirectory}, named after the output's path. */
  public static Path stampFile(Path stampDirectory, Path output) {
    return stampDirectory.resolve("generate-" + Integer.toHexString(canonical(output).hashCode()) + ".stamp");
  }

  private static String canonical(Path output) {
    return output.toAbsolutePath().normalize().toString();
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
