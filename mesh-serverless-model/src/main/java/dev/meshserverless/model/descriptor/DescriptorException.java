package dev.meshserverless.model.descriptor;

import java.util.List;
import java.util.stream.Collectors;

/** The descriptor is wrong: every problem found, one per line, sorted by file and line. */
public final class DescriptorException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public DescriptorException(List<Problem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(List<Problem> problems) {
    String header = problems.size() == 1 ? "1 problem in the descriptor:" : problems.size() + " problems in the descriptor:";
    return problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n", header + "\n", ""));
  }
}
