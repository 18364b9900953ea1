package dev.meshserverless.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model's bad-input corpus ({@code mesh-serverless-model/src/test/resources/corpus}, see its README.md) run
 * through the goals: {@code generate} and {@code validate} fail every case with a {@link MojoFailureException}
 * without a cause (no stack trace) that names the file and line, and the tree a good descriptor generated before,
 * with a hand-written file beside it, is left byte-identical.
 */
class CorpusKeepsTreeTest {
  static final Path CORPUS = Path.of("../mesh-serverless-model/src/test/resources/corpus");
  static final Pattern LOCATION = Pattern.compile("^[^\\s:#]+\\.ya?ml:\\d+:", Pattern.MULTILINE);
  static final Path GOOD = Path.of("../mesh-serverless-model/src/test/resources/descriptor/contract-example");

  @TempDir
  static Path work;
  static Path output;
  static SortedMap<String, byte[]> before;

  @BeforeAll
  static void generateAGoodTree() throws Exception {
    output = work.resolve("gitops");
    GenerateMojo generate = new GenerateMojo();
    generate.descriptorDirectory = GOOD.toFile();
    generate.outputDirectory = output.toFile();
    generate.execute();
    Files.writeString(output.resolve("README.md"), "written by hand\n");
    before = snapshot(work);
    assertThat(before).containsKey("gitops/platform/base/kustomization.yaml").containsKey("gitops/README.md");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> list = Files.list(CORPUS)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("generate and validate fail cleanly, and the previous tree survives byte for byte")
  void failsAndKeepsTheTree(String name, @TempDir Path dir) throws Exception {
    Path descriptor = materialize(CORPUS.resolve(name), dir.resolve("mesh-serverless"));
    String location = firstLocation(CORPUS.resolve(name));

    GenerateMojo generate = new GenerateMojo();
    generate.descriptorDirectory = descriptor.toFile();
    generate.outputDirectory = output.toFile();
    ValidateMojo validate = new ValidateMojo();
    validate.descriptorDirectory = descriptor.toFile();
    validate.outputDirectory = output.toFile();

    for (AbstractMojo mojo : List.of(generate, validate)) {
      Throwable thrown = catchThrowable(mojo::execute);
      assertThat(thrown).as("%s: %s", name, mojo.getClass().getSimpleName())
          .isInstanceOf(MojoFailureException.class).hasNoCause();
      if (location != null) {
        assertThat(thrown.getMessage()).contains(location);
      }
    }
    assertUnchanged(snapshot(work), name);
  }

  @Test
  @DisplayName("the corpus is there (it lives in the model module)")
  void corpusIsThere() throws IOException {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
  }

  /** Same paths, same bytes, as {@link #before}. */
  static void assertUnchanged(SortedMap<String, byte[]> after, String name) {
    assertThat(after.keySet()).as("the files under the work folder after %s", name).isEqualTo(before.keySet());
    before.forEach((path, bytes) ->
        assertThat(Arrays.equals(bytes, after.get(path))).as("%s unchanged after %s", path, name).isTrue());
  }

  /** Relative path to bytes of every file below {@code root}, so that any change, addition or removal shows. */
  static SortedMap<String, byte[]> snapshot(Path root) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  /** The first {@code <file>:<line>:} fragment of the case's expect.txt, or null when it names none. */
  static String firstLocation(Path caseDirectory) throws IOException {
    for (String line : Files.readAllLines(caseDirectory.resolve("expect.txt"), StandardCharsets.UTF_8)) {
      Matcher matcher = LOCATION.matcher(line.startsWith("#") ? "" : line.replace("\\n", "\n"));
      if (matcher.find()) {
        return matcher.group();
      }
    }
    return null;
  }

  /** The model's {@code Corpus.materialize}: test classes are not shared between modules, so it is repeated here. */
  static Path materialize(Path caseDirectory, Path target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(caseDirectory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String relative = caseDirectory.relativize(file).toString();
      if (relative.equals("expect.txt")) {
        continue;
      }
      Files.createDirectories(target.resolve(relative).getParent());
      if (relative.endsWith(".repeat")) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int marker = 0;
        while (!lines.get(marker).startsWith("#repeat ")) {
          marker++;
        }
        int count = Integer.parseInt(lines.get(marker).substring("#repeat ".length()).trim());
        Path written = target.resolve(relative.substring(0, relative.length() - ".repeat".length()));
        try (BufferedWriter out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
          for (String line : lines.subList(0, marker)) {
            out.write(line + "\n");
          }
          for (int n = 0; n < count; n++) {
            for (String line : lines.subList(marker + 1, lines.size())) {
              out.write(line.replace("{n}", Integer.toString(n)) + "\n");
            }
          }
        }
      } else {
        Files.copy(file, target.resolve(relative));
      }
    }
    return target;
  }
}
