package dev.meshserverless.model.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bad-input corpus in {@code src/test/resources/corpus}: one folder per case, holding descriptor files and an
 * {@code expect.txt} (see the corpus's README.md). A file {@code <name>.repeat} is a recipe for a big file, written
 * by {@link #materialize} instead of being committed.
 */
public final class Corpus {
  /** The corpus, from the model module's folder (where Surefire runs). */
  public static final Path DIRECTORY = Path.of("src/test/resources/corpus");
  static final String EXPECT = "expect.txt";
  static final String RECIPE = ".repeat";
  /** In expect.txt: the descriptor directory, for problems with the directory as a whole. */
  static final String DIRECTORY_PLACEHOLDER = "${descriptorDirectory}";

  private Corpus() {}

  /** The names of every case, sorted. */
  public static List<String> cases(Path corpus) throws IOException {
    try (Stream<Path> list = Files.list(corpus)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * The fragments the failure message must hold: the lines of expect.txt but blank ones and {@code #} comments, with
   * {@code \n} standing for a line break and the placeholder replaced by {@code descriptorDirectory}.
   */
  public static List<String> expected(Path caseDirectory, Path descriptorDirectory) throws IOException {
    List<String> fragments = new ArrayList<>();
    for (String line : Files.readAllLines(caseDirectory.resolve(EXPECT), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        fragments.add(line.replace("\\n", "\n").replace(DIRECTORY_PLACEHOLDER, descriptorDirectory.toString()));
      }
    }
    return fragments;
  }

  /**
   * Writes the case's descriptor into {@code target}: every file but expect.txt as it is, and each recipe
   * {@code <name>.repeat} as {@code <name>}: the lines before {@code #repeat <count>} once, then the lines after it
   * {@code count} times, with {@code {n}} replaced by 0, 1, 2...
   */
  public static Path materialize(Path caseDirectory, Path target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(caseDirectory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String relative = caseDirectory.relativize(file).toString();
      if (relative.equals(EXPECT)) {
        continue;
      }
      Files.createDirectories(target.resolve(relative).getParent());
      if (relative.endsWith(RECIPE)) {
        writeRecipe(file, target.resolve(relative.substring(0, relative.length() - RECIPE.length())));
      } else {
        Files.copy(file, target.resolve(relative));
      }
    }
    return target;
  }

  private static void writeRecipe(Path recipe, Path target) throws IOException {
    List<String> lines = Files.readAllLines(recipe, StandardCharsets.UTF_8);
    int marker = 0;
    while (!lines.get(marker).startsWith("#repeat ")) {
      marker++;
    }
    int count = Integer.parseInt(lines.get(marker).substring("#repeat ".length()).trim());
    try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      for (String line : lines.subList(0, marker)) {
        out.write(line + "\n");
      }
      for (int n = 0; n < count; n++) {
        for (String line : lines.subList(marker + 1, lines.size())) {
          out.write(line.replace("{n}", Integer.toString(n)) + "\n");
        }
      }
    }
  }
}
