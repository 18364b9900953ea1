package dev.meshserverless.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.output.BuildStamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second generate on unchanged inputs with its tree intact skips reading, rendering and writing, and says so; any
 * change to the inputs or to a generated file renders again, and puts the tree back.
 */
class UpToDateTest {
  static final Path GOOD = CorpusKeepsTreeTest.GOOD;

  @TempDir
  Path dir;
  Path descriptor;
  Path output;
  Path stamps;
  final List<String> infos = new ArrayList<>();

  @BeforeEach
  void firstRun() throws Exception {
    descriptor = dir.resolve("mesh-serverless");
    try (Stream<Path> files = Files.walk(GOOD)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = descriptor.resolve(GOOD.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    output = dir.resolve("gitops");
    stamps = dir.resolve("target/mesh-serverless");
    generate(false);
    assertThat(lastInfo()).startsWith("Wrote ");
    infos.clear();
  }

  @Test
  @DisplayName("unchanged inputs and an intact tree: skipped, said so, nothing touched")
  void skipsAndSaysSo() throws Exception {
    SortedMap<String, byte[]> before = snapshot(output);
    FileTime indexTime = Files.getLastModifiedTime(output.resolve(".mesh-serverless-index"));
    generate(false);
    assertThat(infos).hasSize(1);
    assertThat(lastInfo()).startsWith("Skipped rendering: the descriptor and the plugin are unchanged since the last"
        + " run, and its " + (before.size() - 1) + " files in " + output + " are intact")
        .endsWith("(-Dmesh-serverless.force=true renders anyway)");
    assertSame(before, snapshot(output));
    assertThat(Files.getLastModifiedTime(output.resolve(".mesh-serverless-index"))).isEqualTo(indexTime);
  }

  @Test
  @DisplayName("force renders anyway")
  void forceRenders() throws Exception {
    generate(true);
    assertThat(lastInfo()).startsWith("Wrote ").contains("(0 changed, ");
  }

  @Test
  @DisplayName("a changed, added or removed descriptor byte renders again")
  void descriptorChangesRender() throws Exception {
    Path someFile;
    try (Stream<Path> files = Files.walk(descriptor)) {
      someFile = files.filter(p -> p.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
    }
    Files.writeString(someFile, Files.readString(someFile) + "# a comment changes no object\n");
    generate(false);
    assertThat(infos).containsExactly("Rendering: the descriptor or the plugin changed since the last run",
        infos.get(1));
    assertThat(lastInfo()).startsWith("Wrote ").contains("(0 changed, ");
    infos.clear();

    generate(false);
    assertThat(lastInfo()).startsWith("Skipped rendering");
    Files.writeString(descriptor.resolve("notes.txt"), "any visible file is an input\n");
    generate(false);
    assertThat(lastInfo()).startsWith("Wrote ");
    Files.createDirectories(descriptor.resolve(".git"));
    Files.writeString(descriptor.resolve(".git/HEAD"), "hidden files are not\n");
    generate(false);
    assertThat(lastInfo()).startsWith("Skipped rendering");
  }

  @Test
  @DisplayName("a generated file edited (same size), deleted or replaced by a directory renders again and is restored")
  void damagedTreeRendersAgain() throws Exception {
    SortedMap<String, byte[]> before = snapshot(output);
    Path file = output.resolve("platform/base/kustomization.yaml");

    byte[] original = Files.readAllBytes(file);
    byte[] edited = Arrays.copyOf(original, original.length);
    edited[edited.length - 2] = (byte) (edited[edited.length - 2] == 'x' ? 'y' : 'x');
    Files.write(file, edited);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    generate(false);
    assertThat(infos.get(0)).isEqualTo("Rendering: platform/base/kustomization.yaml in " + output
        + " was changed after the last run");
    assertThat(lastInfo()).contains("(1 changed, ");
    assertSame(before, snapshot(output));

    Files.delete(file);
    infos.clear();
    generate(false);
    assertThat(infos.get(0)).isEqualTo("Rendering: platform/base/kustomization.yaml was removed from " + output);
    assertSame(before, snapshot(output));
  }

  @Test
  @DisplayName("another output directory, or a missing or damaged stamp, renders")
  void otherOutputOrStampRenders() throws Exception {
    Path elsewhere = dir.resolve("elsewhere");
    GenerateMojo mojo = mojo(false);
    mojo.outputDirectory = elsewhere.toFile();
    mojo.execute();
    assertThat(lastInfo()).startsWith("Wrote ");
    generate(false);
    assertThat(lastInfo()).as("each output directory has its own stamp").startsWith("Skipped rendering");

    Path stamp = BuildStamp.stampFile(stamps, output);
    List<String> lines = new ArrayList<>(Files.readAllLines(stamp));
    lines.set(2, "output /somewhere/else");
    Files.write(stamp, lines);
    infos.clear();
    generate(false);
    assertThat(infos.get(0)).isEqualTo("Rendering: the last run wrote another output directory");

    Files.writeString(stamp, "not a stamp\n");
    infos.clear();
    generate(false);
    assertThat(infos.get(0)).isEqualTo("Rendering: " + stamp + " is not a stamp this version wrote");

    Files.delete(stamp);
    infos.clear();
    generate(false);
    assertThat(infos.get(0)).isEqualTo("Rendering: no earlier run recorded in " + stamp);
  }

  @Test
  @DisplayName("the stamp holds names, sizes and a hash: no descriptor content")
  void stampHoldsNoContent() throws Exception {
    Path stamp = BuildStamp.stampFile(stamps, output);
    String text = Files.readString(stamp, StandardCharsets.UTF_8);
    assertThat(text).startsWith("mesh-serverless build stamp 1\nfingerprint ")
        .contains("\noutput " + output.toAbsolutePath() + "\n")
        .doesNotContain("apiVersion").doesNotContain("BEGIN");
    assertThat(text.lines().skip(3)).allMatch(line -> line.matches("\\d+ \\S+"));
  }

  private void generate(boolean force) throws Exception {
    mojo(force).execute();
  }

  private GenerateMojo mojo(boolean force) {
    GenerateMojo mojo = new GenerateMojo();
    mojo.descriptorDirectory = descriptor.toFile();
    mojo.outputDirectory = output.toFile();
    mojo.stampDirectory = stamps.toFile();
    mojo.force = force;
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
        super.info(content);
      }
    });
    return mojo;
  }

  private String lastInfo() {
    return infos.get(infos.size() - 1);
  }

  private static void assertSame(SortedMap<String, byte[]> expected, SortedMap<String, byte[]> actual) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
  }

  private static SortedMap<String, byte[]> snapshot(Path root) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString(), Files.readAllBytes(path));
      }
    }
    return files;
  }
}
