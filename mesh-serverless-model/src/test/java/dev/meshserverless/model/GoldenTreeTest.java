package dev.meshserverless.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.output.RenderedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden trees: {@code golden/<case>/mesh-serverless} (or, for {@code example}, the bundled example) rendered
 * must equal {@code golden/<case>/expected}, path set in both directions, then bytes. After a deliberate change,
 * regenerate with {@code -Dgolden.update=true} (or {@code =case1,case2}) and review the diff against PRODUCT-NOTES before committing.
 */
class GoldenTreeTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final Path EXAMPLE = Path.of("../example/src/main/mesh-serverless");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> list = Files.list(GOLDEN)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  static Path descriptorOf(String goldenCase) {
    return goldenCase.equals("example") ? EXAMPLE : GOLDEN.resolve(goldenCase).resolve("mesh-serverless");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersTheReviewedTree(String goldenCase) throws Exception {
    RenderedTree tree = Platforms.render(descriptorOf(goldenCase));
    Path expectedDir = GOLDEN.resolve(goldenCase).resolve("expected");
    if (updates(goldenCase)) {
      write(expectedDir, tree);
    }
    SortedMap<String, String> expected = read(expectedDir);
    SortedMap<String, String> actual = new TreeMap<>();
    tree.files().forEach((path, bytes) -> actual.put(path, new String(bytes, UTF_8)));

    assertThat(actual.keySet()).as("generated paths missing from the golden tree").isSubsetOf(expected.keySet());
    assertThat(expected.keySet()).as("golden paths the generator no longer writes").isSubsetOf(actual.keySet());
    for (Map.Entry<String, String> file : expected.entrySet()) {
      assertThat(actual.get(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
    }
  }

  /** {@code -Dgolden.update=true} regenerates every case, {@code -Dgolden.update=example,other} only those. */
  private static boolean updates(String goldenCase) {
    String update = System.getProperty("golden.update", "false");
    return update.equals("true") || java.util.Arrays.asList(update.split(",")).contains(goldenCase);
  }

  static SortedMap<String, String> read(Path root) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readString(path, UTF_8));
      }
    }
    return files;
  }

  private static void write(Path root, RenderedTree tree) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
      Path target = root.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
  }

}
