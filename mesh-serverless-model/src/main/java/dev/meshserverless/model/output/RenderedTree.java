package dev.meshserverless.model.output;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole output before anything touches disk: relative path ({@code /} separators) to file bytes.
 * Tests compare this map; {@link TreeWriter} only copies it.
 */
public final class RenderedTree {
  private final SortedMap<String, byte[]> files;

  public RenderedTree(SortedMap<String, byte[]> files) {
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  public SortedMap<String, byte[]> files() {
    return files;
  }

  public int size() {
    return files.size();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RenderedTree that) || !files.keySet().equals(that.files.keySet())) {
      return false;
    }
    return files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.files.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return files.entrySet().stream().mapToInt(e -> e.getKey().hashCode() ^ Arrays.hashCode(e.getValue())).sum();
  }
}
