package dev.meshserverless.model.resources;

/** Comparisons of the {@code MAJOR.MINOR[.PATCH]} release strings of the descriptor. */
public final class Versions {
  private Versions() {}

  /** Whether {@code version} is at least {@code major.minor}. */
  public static boolean atLeast(String version, int major, int minor) {
    String[] parts = version.split("\\.");
    int actualMajor = Integer.parseInt(parts[0]);
    int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    return actualMajor != major ? actualMajor > major : actualMinor >= minor;
  }
}
