package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.output.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same descriptor, same bytes, whatever the files' names, order and grouping. */
class DeterminismTest {
  @TempDir Path dir;

  @Test
  void secondRenderGivesIdenticalBytes() throws Exception {
    assertThat(Platforms.render(GoldenTreeTest.EXAMPLE)).isEqualTo(Platforms.render(GoldenTreeTest.EXAMPLE));
  }

  @Test
  void documentsInOtherFilesAndAnotherOrderGiveIdenticalBytes() throws Exception {
    List<String> documents = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(GoldenTreeTest.EXAMPLE)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        documents.add(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    RenderedTree original = Platforms.render(GoldenTreeTest.EXAMPLE);

    Collections.reverse(documents);
    Path oneFile = Files.createDirectories(dir.resolve("one-file"));
    Files.writeString(oneFile.resolve("all.yml"), String.join("\n---\n", documents), StandardCharsets.UTF_8);
    assertThat(Platforms.render(oneFile)).isEqualTo(original);

    Path scattered = Files.createDirectories(dir.resolve("scattered"));
    for (int i = 0; i < documents.size(); i++) {
      Path nested = Files.createDirectories(scattered.resolve("z".repeat(i + 1)));
      Files.writeString(nested.resolve((char) ('a' + documents.size() - i) + ".yaml"), documents.get(i));
    }
    assertThat(Platforms.render(scattered)).isEqualTo(original);
  }

  @Test
  void treeHasNoAbsolutePathsTimestampsOrSecrets() throws IOException, Exception {
    RenderedTree tree = Platforms.render(GoldenTreeTest.EXAMPLE);
    tree.files().forEach((path, bytes) -> {
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertThat(text).as(path).doesNotContain(Path.of("").toAbsolutePath().toString())
          .doesNotContain("BEGIN ").doesNotContain("kind: Secret").endsWith("\n").doesNotEndWith("\n\n");
    });
  }
}
