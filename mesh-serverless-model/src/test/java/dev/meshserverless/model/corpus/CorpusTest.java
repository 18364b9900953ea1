package dev.meshserverless.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meshserverless.model.Platforms;
import dev.meshserverless.model.descriptor.DescriptorException;
import dev.meshserverless.model.descriptor.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken descriptor of the corpus fails with a {@link DescriptorException} (never another exception) whose
 * message holds every fragment of the case's expect.txt: the file, line and column, the key path, and the fix.
 */
class CorpusTest {
  static Stream<String> cases() throws Exception {
    return Corpus.cases(Corpus.DIRECTORY).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("a broken descriptor fails cleanly, naming the file, line, key and fix")
  void failsCleanly(String name, @TempDir Path dir) throws Exception {
    Path descriptor = Corpus.materialize(Corpus.DIRECTORY.resolve(name), dir.resolve("mesh-serverless"));
    List<String> expected = Corpus.expected(Corpus.DIRECTORY.resolve(name), descriptor);

    Throwable thrown = catchThrowable(() -> Platforms.render(descriptor));

    assertThat(thrown).as("rendering %s", name).isInstanceOf(DescriptorException.class);
    assertThat(expected).as("%s/expect.txt", name).isNotEmpty();
    for (String fragment : expected) {
      assertThat(thrown.getMessage()).as("the message of %s", name).contains(fragment);
    }
    // Every problem has a place: a line in a file, or (line 0) the directory as a whole.
    for (Problem problem : ((DescriptorException) thrown).problems()) {
      assertThat(problem.line() > 0 || problem.file().equals(descriptor.toString())).as(problem.toString()).isTrue();
    }
  }

  @Test
  @DisplayName("the corpus holds at least 40 cases, each with an expect.txt")
  void corpusSize() throws Exception {
    List<String> cases = Corpus.cases(Corpus.DIRECTORY);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    for (String name : cases) {
      assertThat(Corpus.DIRECTORY.resolve(name).resolve(Corpus.EXPECT)).as(name).isRegularFile();
    }
  }
}
