package dev.meshserverless.model.descriptor;

import java.util.List;
import java.util.stream.Collectors;

/** The descriptor is wrong: every problem found, one per line, sorted by file and line (the first 100 listed). */
public final class DescriptorException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How many problems the message lists; {@link #problems()} holds them all. */
  static final int MAX_LISTED = 100;

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
    // A generated or pasted file can hold thousands of the same mistake; the first ones teach what to fix.
    String more = problems.size() <= MAX_LISTED ? ""
        : "\n... and " + (problems.size() - MAX_LISTED) + " more; fix these first";
    return problems.stream().sorted().limit(MAX_LISTED).map(Problem::toString)
        .collect(Collectors.joining("\n", header + "\n", more));
  }
}
