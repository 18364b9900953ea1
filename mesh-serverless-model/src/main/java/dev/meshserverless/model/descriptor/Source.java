package dev.meshserverless.model.descriptor;

/** Where a value was written: a file relative to the descriptor directory, 1-based line and column. */
public record Source(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
