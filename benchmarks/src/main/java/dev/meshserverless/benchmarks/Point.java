package dev.meshserverless.benchmarks;

import dev.meshserverless.model.Platforms;
import dev.meshserverless.model.descriptor.Descriptor;
import dev.meshserverless.model.descriptor.DescriptorReader;
import dev.meshserverless.model.output.BuildStamp;
import dev.meshserverless.model.output.RenderedTree;
import dev.meshserverless.model.output.TreeWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One measurement, run by {@link Main} in a JVM of its own so that every figure (peak heap above all) belongs to
 * this point alone. Prints {@code RESULT key=value} lines for {@link Main} to read.
 *
 * <pre>
 * Point floor &lt;descriptor&gt; &lt;floor&gt; [--profile]
 *     renders the tree (not timed), then writes its bytes into a fresh &lt;floor&gt; with plain Files.write,
 *     creating each directory once: the I/O floor
 * Point writer &lt;descriptor&gt; &lt;out&gt;
 *     the same, but with TreeWriter.replace: the writer's cost over the floor, without reading and rendering
 * Point first &lt;descriptor&gt; &lt;out&gt; [--profile]
 *     generates into a fresh &lt;out&gt; (a cold JVM, as in a Maven run), then again into &lt;out&gt; ignoring the
 *     stamp (warm JVM, forced render), then once more as the Mojo would (warm JVM, skipped)
 * Point again &lt;descriptor&gt; &lt;out&gt;
 *     generates into the &lt;out&gt; a previous run left, on unchanged inputs, in a fresh JVM, as the Mojo would
 * </pre>
 */
public final class Point {
  private final Map<String, Object> results = new LinkedHashMap<>();

  private Point() {}

  public static void main(String[] args) throws Exception {
    Point point = new Point();
    boolean profile = args[args.length - 1].equals("--profile");
    Profiler profiler = profile ? Profiler.ofCurrentThread() : null;
    switch (args[0]) {
      case "floor", "writer" -> point.floor(args[0], Path.of(args[1]), Path.of(args[2]), profiler);
      case "first" -> point.first(Path.of(args[1]), Path.of(args[2]), profiler);
      case "again" -> point.generate("again", Path.of(args[1]), Path.of(args[2]), true);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    if (profiler != null) {
      profiler.stop();
      profiler.samples().forEach((step, samples) -> point.results.put("profile." + step, samples));
    }
    point.results.put("jvm.gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + ")));
    point.results.forEach((key, value) -> System.out.println("RESULT " + key + "=" + value));
  }

  private void floor(String mode, Path descriptorDirectory, Path floor, Profiler profiler) throws Exception {
    if (profiler != null) {
      profiler.pause();
    }
    RenderedTree tree = Platforms.render(descriptorDirectory);
    results.put("files", tree.size());
    results.put("bytes", tree.files().values().stream().mapToLong(bytes -> bytes.length).sum());
    results.put("retained.tree", Meter.retainedHeapBytes());
    if (profiler != null) {
      profiler.resume();
    }
    Meter floorMeter = Meter.start();
    if (mode.equals("floor")) {
      writeFloor(floor, tree);
    } else {
      TreeWriter.replace(floor, tree);
    }
    put(mode, floorMeter.stop());
  }

  private void first(Path descriptorDirectory, Path out, Profiler profiler) throws Exception {
    generate("gen", descriptorDirectory, out, true);
    if (profiler != null) {
      profiler.pause();
    }
    generate("warm", descriptorDirectory, out, false);
    generate("skip", descriptorDirectory, out, true);
  }

  /**
   * What {@code mvn mesh-serverless:generate} does, timed phase by phase: the stamp's check (fingerprint of the
   * descriptor and the generator, then one look at every file the last run wrote), and unless that says the tree is up
   * to date, read, render, write and record the stamp. Without {@code stamped} (-Dmesh-serverless.force=true) it
   * renders whatever the stamp says.
   */
  private void generate(String prefix, Path descriptorDirectory, Path out, boolean stamped) throws Exception {
    Path stamp = out.resolveSibling(out.getFileName() + ".stamp");
    Meter meter = Meter.start();
    Meter.Lap lap = Meter.Lap.start();
    String fingerprint = BuildStamp.fingerprint(descriptorDirectory, BuildStamp.codeIdentity(Platforms.class));
    BuildStamp.Check check = BuildStamp.check(stamp, out, fingerprint);
    putLap(prefix + ".check", lap.stop());
    if (stamped && check.upToDate()) {
      put(prefix, meter.stop());
      results.put(prefix + ".skipped", "yes");
      results.put(prefix + ".written", 0);
      return;
    }
    results.put(prefix + ".skipped", "no");
    lap = Meter.Lap.start();
    Descriptor descriptor = DescriptorReader.read(descriptorDirectory);
    putLap(prefix + ".read", lap.stop());
    lap = Meter.Lap.start();
    RenderedTree tree = Platforms.render(descriptor);
    putLap(prefix + ".render", lap.stop());
    descriptor = null; // as in Platforms.render(Path): the descriptor is garbage once rendered
    lap = Meter.Lap.start();
    BuildStamp.forget(stamp);
    TreeWriter.Result result = TreeWriter.replace(out, tree);
    BuildStamp.record(stamp, out, tree, fingerprint);
    putLap(prefix + ".write", lap.stop());
    put(prefix, meter.stop());
    results.put(prefix + ".written", result.written());
    results.put(prefix + ".unchanged", result.unchanged());
  }

  /** The I/O floor: the same files and bytes, written with plain {@code Files.write} into a fresh directory. */
  static void writeFloor(Path floor, RenderedTree tree) throws Exception {
    Set<Path> directories = new HashSet<>();
    for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
      Path target = floor.resolve(file.getKey());
      if (directories.add(target.getParent())) {
        Files.createDirectories(target.getParent());
      }
      Files.write(target, file.getValue());
    }
  }

  private void put(String prefix, Meter.Reading reading) {
    results.put(prefix + ".ms", String.format(Locale.ROOT, "%.1f", reading.nanos() / 1e6));
    results.put(prefix + ".cpu.ms", String.format(Locale.ROOT, "%.1f", reading.cpuNanos() / 1e6));
    results.put(prefix + ".alloc", reading.allocatedBytes());
    results.put(prefix + ".gc.count", reading.gcCount());
    results.put(prefix + ".gc.ms", reading.gcMillis());
    results.put(prefix + ".peakHeap", reading.peakHeapBytes());
    results.put(prefix + ".afterGcMax", reading.afterGcMaxBytes());
  }

  private void putLap(String prefix, long[] lap) {
    results.put(prefix + ".ms", String.format(Locale.ROOT, "%.1f", lap[0] / 1e6));
    results.put(prefix + ".alloc", lap[1]);
  }
}
