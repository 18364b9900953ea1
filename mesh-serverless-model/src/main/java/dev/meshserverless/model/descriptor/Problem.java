package dev.meshserverless.model.descriptor;

import java.util.Comparator;

/**
 * One thing wrong with the descriptor, where it is and how to fix it.
 *
 * @param file path relative to the descriptor directory, with {@code /} separators
 * @param line 1-based, 0 when the problem has no single place
 * @param column 1-based, 0 when unknown
 * @param message key path in the descriptor's vocabulary, what is wrong, and a fix
 */
public record Problem(String file, int line, int column, String message) implements Comparable<Problem> {
  private static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
      .thenComparingInt(Problem::line)
      .thenComparingInt(Problem::column)
      .thenComparing(Problem::message);

  public static Problem at(Source source, String message) {
    return new Problem(source.file(), source.line(), source.column(), message);
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
