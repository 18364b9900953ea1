package dev.meshserverless.model.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWriterTest {
  @TempDir Path dir;

  private static RenderedTree tree(Map<String, String> files) {
    SortedMap<String, byte[]> bytes = new TreeMap<>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(UTF_8)));
    return new RenderedTree(bytes);
  }

  private SortedMap<String, String> onDisk(Path root) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readString(path, UTF_8));
      }
    }
    return files;
  }

  @Test
  void writesEveryFileAndAnIndex() throws IOException {
    Path out = dir.resolve("gitops");
    var result = TreeWriter.replace(out, tree(Map.of("a/kustomization.yaml", "a\n", "b/c.yaml", "c\n")));
    assertThat(result.written()).isEqualTo(2);
    assertThat(onDisk(out)).containsOnly(
        Map.entry("a/kustomization.yaml", "a\n"),
        Map.entry("b/c.yaml", "c\n"),
        Map.entry(TreeWriter.INDEX, "a/kustomization.yaml\nb/c.yaml\n"));
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("gitops");
  }

  @Test
  void removesWhatThePreviousRunWroteAndThisOneDoesNotButNothingElse() throws IOException {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, tree(Map.of("keep.yaml", "1\n", "old/gone.yaml", "2\n")));
    Files.writeString(out.resolve("README.md"), "mine\n");
    Files.createDirectories(out.resolve("old"));
    Files.writeString(out.resolve("old/notes.txt"), "mine too\n");

    var result = TreeWriter.replace(out, tree(Map.of("keep.yaml", "1\n", "new/file.yaml", "3\n")));

    assertThat(result).isEqualTo(new TreeWriter.Result(1, 1, 1));
    assertThat(onDisk(out)).containsOnlyKeys("keep.yaml", "new/file.yaml", "README.md", "old/notes.txt", TreeWriter.INDEX);
  }

  @Test
  void removesDirectoriesThatBecomeEmpty() throws IOException {
    Path out = dir.resolve("gitops");
    // Several removed files in one directory: the directory goes with the first, and the others find it gone.
    TreeWriter.replace(out, tree(Map.of("tenants/t/a.yaml", "1\n", "tenants/t/b.yaml", "1\n",
        "tenants/u/base/c.yaml", "1\n", "tenants/u/base/d.yaml", "1\n", "platform/p.yaml", "2\n")));
    TreeWriter.replace(out, tree(Map.of("platform/p.yaml", "2\n")));
    assertThat(out.resolve("tenants")).doesNotExist();
    assertThat(out.resolve("platform/p.yaml")).hasContent("2");
  }

  @Test
  void refusesToOverwriteAFileItDidNotWriteAndLeavesEverythingAsItWas() throws IOException {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, tree(Map.of("a.yaml", "1\n")));
    Files.writeString(out.resolve("user.yaml"), "hand-written\n");
    SortedMap<String, String> before = onDisk(out);

    assertThatThrownBy(() -> TreeWriter.replace(out, tree(Map.of("a.yaml", "changed\n", "user.yaml", "generated\n"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("user.yaml");

    assertThat(onDisk(out)).isEqualTo(before);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("gitops");
  }

  @Test
  void refusesPathsThatEscapeTheOutputDirectory() {
    for (String bad : new String[] {"../x.yaml", "/etc/x.yaml", "a/../../x.yaml", "a//b.yaml", "a\\b.yaml", "./a.yaml"}) {
      assertThat(TreeWriter.isSafe(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> TreeWriter.replace(dir.resolve("out"), tree(Map.of("../evil.yaml", "x\n"))))
        .isInstanceOf(IOException.class).hasMessageContaining("'../evil.yaml'");
    assertThat(dir.resolve("evil.yaml")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void refusesToOverwriteItsOwnIndex() {
    assertThatThrownBy(() -> TreeWriter.replace(dir.resolve("out"), tree(Map.of(TreeWriter.INDEX, "x\n"))))
        .isInstanceOf(IOException.class).hasMessageContaining("cannot be the index");
  }

  @Test
  void refusesToWriteThroughASymbolicLinkToADirectory() throws IOException {
    Path out = dir.resolve("gitops");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("platform"), elsewhere);

    assertThatThrownBy(() -> TreeWriter.replace(out, tree(Map.of("platform/base/a.yaml", "1\n"))))
        .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
    assertThat(elsewhere).isEmptyDirectory();
    assertThat(out.resolve(TreeWriter.INDEX)).doesNotExist();
  }

  @Test
  void neverRemovesOrReplacesADirectoryTheUserPutWhereItsFileWas() throws IOException {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, tree(Map.of("a/one.yaml", "1\n", "b/two.yaml", "2\n")));
    Files.delete(out.resolve("a/one.yaml"));
    Files.createDirectories(out.resolve("a/one.yaml"));
    Files.writeString(out.resolve("a/one.yaml/mine.txt"), "mine\n");

    assertThatThrownBy(() -> TreeWriter.replace(out, tree(Map.of("a/one.yaml", "1\n"))))
        .isInstanceOf(IOException.class).hasMessageContaining("a/one.yaml");
    TreeWriter.replace(out, tree(Map.of("c/three.yaml", "3\n")));
    assertThat(out.resolve("a/one.yaml/mine.txt")).hasContent("mine");
    assertThat(out.resolve("b")).doesNotExist();
  }

  @Test
  void aFailedMoveUndoesEverythingDoneSoFar() throws IOException {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, tree(Map.of("a/one.yaml", "1\n", "b/two.yaml", "2\n", "c/gone.yaml", "3\n")));
    Files.writeString(out.resolve("hand-written.md"), "mine\n");
    SortedMap<String, String> before = onDisk(out);
    RenderedTree next = tree(Map.of("a/one.yaml", "1 changed\n", "b/two.yaml", "2 changed\n", "d/new.yaml", "4\n"));

    // Every number of successful moves before the failure: a new file placed, an old one set aside, a removal...
    for (int failAfter = 0; failAfter < 8; failAfter++) {
      int[] moves = {0};
      int limit = failAfter;
      TreeWriter.Mover failing = (from, to) -> {
        if (moves[0]++ == limit) {
          throw new IOException("disk full (simulated)");
        }
        Files.move(from, to);
      };
      assertThatThrownBy(() -> TreeWriter.replace(out, next, failing))
          .as("failing after %d moves", failAfter)
          .isInstanceOf(IOException.class).hasMessage("disk full (simulated)");
      assertThat(onDisk(out)).as("after a failure at move %d", failAfter).isEqualTo(before);
      assertThat(out.resolve("d")).doesNotExist();
      try (Stream<Path> siblings = Files.list(dir)) {
        assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("gitops");
      }
    }

    TreeWriter.replace(out, next);
    assertThat(onDisk(out)).containsOnlyKeys(TreeWriter.INDEX, "a/one.yaml", "b/two.yaml", "d/new.yaml",
        "hand-written.md");
  }

  @Test
  void ignoresIndexEntriesThatEscapeTheOutputDirectory() throws IOException {
    Path out = dir.resolve("gitops");
    Files.createDirectories(out);
    Files.writeString(dir.resolve("precious.txt"), "keep\n");
    Files.writeString(out.resolve(TreeWriter.INDEX), "../precious.txt\n");
    TreeWriter.replace(out, tree(Map.of("a.yaml", "1\n")));
    assertThat(dir.resolve("precious.txt")).hasContent("keep");
  }

  @Test
  void leavesUnchangedFilesUntouched() throws IOException {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, tree(Map.of("a.yaml", "1\n")));
    var modified = Files.getLastModifiedTime(out.resolve("a.yaml"));
    var result = TreeWriter.replace(out, tree(Map.of("a.yaml", "1\n")));
    assertThat(result).isEqualTo(new TreeWriter.Result(0, 1, 0));
    assertThat(Files.getLastModifiedTime(out.resolve("a.yaml"))).isEqualTo(modified);
  }

  @Test
  void writesIntoAnEmptyDirectoryWithoutReplacingIt() throws IOException {
    Path out = Files.createDirectories(dir.resolve("gitops"));
    Object before = Files.readAttributes(out, "unix:ino").get("ino");
    var result = TreeWriter.replace(out, tree(Map.of("a/b/c.yaml", "c\n", "d.yaml", "d\n")));
    assertThat(result).isEqualTo(new TreeWriter.Result(2, 0, 0));
    assertThat(onDisk(out)).containsOnlyKeys("a/b/c.yaml", "d.yaml", TreeWriter.INDEX);
    assertThat(Files.readAttributes(out, "unix:ino").get("ino")).as("the same directory").isEqualTo(before);
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("gitops");
    }
  }

  @Test
  void aFailedFirstWriteLeavesNoOutputAndNoStaging() throws IOException {
    RenderedTree first = tree(Map.of("a/one.yaml", "1\n", "b/two.yaml", "2\n", "three.yaml", "3\n"));
    TreeWriter.Mover failing = (from, to) -> {
      throw new IOException("disk full (simulated)");
    };
    Path absent = dir.resolve("absent");
    assertThatThrownBy(() -> TreeWriter.replace(absent, first, failing)).hasMessage("disk full (simulated)");
    assertThat(absent).doesNotExist();

    Path empty = Files.createDirectories(dir.resolve("empty"));
    for (int failAfter = 0; failAfter < 4; failAfter++) {
      int[] moves = {0};
      int limit = failAfter;
      TreeWriter.Mover failingLater = (from, to) -> {
        if (moves[0]++ == limit) {
          throw new IOException("disk full (simulated)");
        }
        Files.move(from, to);
      };
      assertThatThrownBy(() -> TreeWriter.replace(empty, first, failingLater))
          .as("failing after %d moves", failAfter).hasMessage("disk full (simulated)");
      try (Stream<Path> entries = Files.list(empty)) {
        assertThat(entries).as("after a failure at move %d", failAfter).isEmpty();
      }
    }
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("empty");
    }
  }

  @Test
  void writesANewTreeIntoALinkedOutputDirectoryThroughTheLink() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("gitops"), real);
    TreeWriter.replace(link, tree(Map.of("a/one.yaml", "1\n")));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(onDisk(real)).containsOnlyKeys("a/one.yaml", TreeWriter.INDEX);
  }

  @Test
  void aNewFileInAnExistingTreeGetsItsDirectoriesAndALaterUndoRemovesThem() throws IOException {
    Path out = dir.resolve("gitops");
    TreeWriter.replace(out, tree(Map.of("a/one.yaml", "1\n")));
    RenderedTree next = tree(Map.of("a/one.yaml", "1\n", "x/y/z/new.yaml", "n\n", "x/y/other.yaml", "o\n"));
    TreeWriter.Mover failingOnIndex = (from, to) -> {
      if (to.getFileName().toString().equals(TreeWriter.INDEX)) {
        throw new IOException("disk full (simulated)");
      }
      Files.move(from, to);
    };
    assertThatThrownBy(() -> TreeWriter.replace(out, next, failingOnIndex)).hasMessage("disk full (simulated)");
    assertThat(out.resolve("x")).doesNotExist();
    assertThat(TreeWriter.replace(out, next)).isEqualTo(new TreeWriter.Result(2, 1, 0));
    assertThat(onDisk(out)).containsOnlyKeys("a/one.yaml", "x/y/z/new.yaml", "x/y/other.yaml", TreeWriter.INDEX);
  }
}
