package dev.meshserverless.model.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DescriptorExceptionTest {
  @Test
  @DisplayName("problems are listed sorted by file, line and column, one per line")
  void sorted() {
    DescriptorException e = new DescriptorException(List.of(
        new Problem("b.yaml", 1, 1, "third"), new Problem("a.yaml", 10, 2, "second"),
        new Problem("a.yaml", 2, 5, "first")));
    assertThat(e.getMessage()).isEqualTo(
        "3 problems in the descriptor:\na.yaml:2:5: first\na.yaml:10:2: second\nb.yaml:1:1: third");
  }

  @Test
  @DisplayName("a flood of problems lists the first 100 and counts the rest; problems() keeps them all")
  void flood() {
    List<Problem> problems = new ArrayList<>();
    for (int line = 1; line <= 250; line++) {
      problems.add(new Problem("tenants.yaml", line, 7, "'Bad_" + line + "' is not a valid namespace name"));
    }
    DescriptorException e = new DescriptorException(problems);
    assertThat(e.problems()).hasSize(250);
    assertThat(e.getMessage().lines()).hasSize(1 + 100 + 1)
        .startsWith("250 problems in the descriptor:", "tenants.yaml:1:7: 'Bad_1' is not a valid namespace name")
        .endsWith("... and 150 more; fix these first");
  }
}
