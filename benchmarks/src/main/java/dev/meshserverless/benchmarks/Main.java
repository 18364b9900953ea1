package dev.meshserverless.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the benchmark: for each tenant count T, a generated descriptor, then {@link Point} in fresh JVMs
 * (generate, I/O floor, second runs), {@code kubectl kustomize} of the units Argo CD builds, and optionally
 * {@code mvn mesh-serverless:generate} end to end. Prints Markdown tables for benchmarks/RESULTS.md.
 *
 * <pre>
 * Main [options] T...
 *   --work DIR            where descriptors and trees go (default /tmp/mesh-serverless-bench), emptied per T
 *   --xmx SIZE            heap limit of each measuring JVM (default 1g, the target of issue 7)
 *   --retry-xmx SIZE      heap limit to retry with when a point runs out of memory (default 4g)
 *   --profile T           also run a sampled (profiled) generate at T, in a JVM of its own
 *   --kustomize-reps N    builds per unit, the median is reported (default 3)
 *   --environment-max T   build environments/prod only up to this T (default 1000; it is quadratic)
 *   --kustomize-timeout S stop a build after S seconds and report it as longer (default 120)
 *   --repeat N            measure floor and generate N times, in pairs (default 1); report the median pair
 *   --repeat-max T        repeat only up to this T; larger T are measured once
 *   --mvnw PATH           also time mvn mesh-serverless:generate with this wrapper, at --maven-tenants
 *   --maven-tenants T     (default 1000)
 * </pre>
 */
public final class Main {
  private final Path work;
  private final String xmx;
  private final String retryXmx;
  private final List<Integer> profiled;
  private final int kustomizeReps;
  private final int environmentMax;
  private final int kustomizeTimeout;
  private final int repeat;
  private final int repeatMax;
  private final Map<Integer, Map<String, String>> byTenants = new TreeMap<>();

  private Main(Path work, String xmx, String retryXmx, List<Integer> profiled, int kustomizeReps,
      int environmentMax, int kustomizeTimeout, int repeat, int repeatMax) {
    this.work = work;
    this.xmx = xmx;
    this.retryXmx = retryXmx;
    this.profiled = profiled;
    this.kustomizeReps = kustomizeReps;
    this.environmentMax = environmentMax;
    this.kustomizeTimeout = kustomizeTimeout;
    this.repeat = repeat;
    this.repeatMax = repeatMax;
  }

  public static void main(String[] args) throws Exception {
    Path work = Path.of("/tmp/mesh-serverless-bench");
    String xmx = "1g";
    String retryXmx = "4g";
    List<Integer> profiled = new ArrayList<>();
    int reps = 3;
    int environmentMax = 1000;
    int kustomizeTimeout = 120;
    int repeat = 1;
    int repeatMax = Integer.MAX_VALUE;
    Path mvnw = null;
    int mavenTenants = 1000;
    List<Integer> tenantCounts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--work" -> work = Path.of(args[++i]);
        case "--xmx" -> xmx = args[++i];
        case "--retry-xmx" -> retryXmx = args[++i];
        case "--profile" -> profiled.add(Integer.parseInt(args[++i]));
        case "--kustomize-reps" -> reps = Integer.parseInt(args[++i]);
        case "--environment-max" -> environmentMax = Integer.parseInt(args[++i]);
        case "--kustomize-timeout" -> kustomizeTimeout = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--repeat-max" -> repeatMax = Integer.parseInt(args[++i]);
        case "--mvnw" -> mvnw = Path.of(args[++i]).toAbsolutePath();
        case "--maven-tenants" -> mavenTenants = Integer.parseInt(args[++i]);
        default -> tenantCounts.add(Integer.parseInt(args[i]));
      }
    }
    Main main = new Main(work, xmx, retryXmx, profiled, reps, environmentMax, kustomizeTimeout, repeat, repeatMax);
    System.out.println(machine());
    for (int tenants : tenantCounts) {
      main.measure(tenants);
    }
    main.printTables();
    if (mvnw != null) {
      main.maven(mvnw, mavenTenants);
    }
  }

  private void measure(int tenants) throws Exception {
    Path dir = work.resolve("T" + tenants);
    deleteRecursively(dir);
    Path descriptor = dir.resolve("descriptor");
    DescriptorGenerator.write(descriptor, tenants);
    Path out = dir.resolve("gitops");
    Map<String, String> r = new LinkedHashMap<>();
    r.put("xmx", xmx);
    // File creation costs swing several-fold between runs here (see RESULTS.md), so the floor and generate are
    // measured as pairs, back to back; the tables show the pair with the median ratio, and the spread of all.
    List<Map<String, String>> pairs = new ArrayList<>();
    for (int rep = 0; rep < (tenants <= repeatMax ? repeat : 1); rep++) {
      Map<String, String> pair = new LinkedHashMap<>(r);
      deleteRecursively(dir.resolve("floor"));
      deleteRecursively(out);
      pair.putAll(point(pair, "floor", descriptor, dir.resolve("floor")));
      pair.putAll(point(pair, "first", descriptor, out));
      pairs.add(pair);
    }
    pairs.sort(Comparator.comparingDouble(pair -> ratioOf(pair.get("gen.ms"), pair.get("floor.ms"))));
    r.putAll(pairs.get((pairs.size() - 1) / 2));
    r.put("pairs", pairs.stream().map(pair -> ratio(pair.get("gen.ms"), pair.get("floor.ms")) + " ("
        + s(pair.get("gen.ms")) + " / " + s(pair.get("floor.ms")) + ")").collect(Collectors.joining(", ")));
    point(r, "again", descriptor, out).forEach((key, value) -> {
      if (key.startsWith("again.")) {
        r.put("fresh" + key.substring("again".length()), value);
      }
    });

    String tenant = "tenants/" + DescriptorGenerator.tenant(1);
    kustomize(r, "k.platform", out.resolve("platform/overlays/prod"));
    kustomize(r, "k.onboarding", out.resolve(tenant + "/onboarding/overlays/prod"));
    kustomize(r, "k.workloads", out.resolve(tenant + "/workloads/overlays/prod"));
    if (tenants <= environmentMax) {
      kustomize(r, "k.environment", out.resolve("environments/prod"));
    }
    if (profiled.contains(tenants)) {
      Path profileDir = dir.resolve("profile");
      for (String mode : List.of("floor", "first")) {
        Path target = profileDir.resolve(mode);
        point(r, mode, descriptor, target, "--profile").forEach((key, value) -> {
          if (key.startsWith("profile.")) {
            r.put(key, value);
          }
        });
      }
    }
    byTenants.put(tenants, r);
    System.out.println("T=" + tenants + ": " + r);
    deleteRecursively(dir);
  }

  /**
   * Runs {@link Point} in a fresh JVM, after flushing the page cache's dirty pages so that no earlier write is
   * paid for by this point; retries with {@link #retryXmx} (and records it) when the heap runs out.
   */
  private Map<String, String> point(Map<String, String> r, String mode, Path descriptor, Path target,
      String... flags) throws Exception {
    run(List.of("sync"), null).require();
    String label = mode + (flags.length > 0 ? ".profiled" : "");
    r.put(label + ".load", loadAverage());
    long[] before = cpuTicks();
    Child child = child(r.get("xmx"), mode, descriptor, target, flags);
    r.put(label + ".busy", busyPercent(before, cpuTicks()));
    if (child.outOfMemory() && !r.get("xmx").equals(retryXmx)) {
      r.put("oom", mode + ": OutOfMemoryError with -Xmx" + r.get("xmx") + " after " + child.seconds() + " s");
      System.out.println(r.get("oom") + "; retrying with -Xmx" + retryXmx);
      r.put("xmx", retryXmx);
      deleteRecursively(target);
      run(List.of("sync"), null).require();
      child = child(retryXmx, mode, descriptor, target, flags);
    }
    child.require();
    return child.results();
  }

  /** The machine's {busy, total} CPU ticks from /proc/stat, or null where there is none. */
  private static long[] cpuTicks() throws IOException {
    Path stat = Path.of("/proc/stat");
    if (!Files.isReadable(stat)) {
      return null;
    }
    String[] fields = Files.readAllLines(stat).get(0).trim().split(" +");
    long total = 0;
    for (int i = 1; i < fields.length; i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
    return new long[] {total - idle, total};
  }

  /**
   * How busy every processor of the machine was between two {@link #cpuTicks}: a point that uses one of two
   * processors on a quiet machine shows about 50%; 100% means other work competed for the processors.
   */
  private static String busyPercent(long[] before, long[] after) {
    return before == null ? "?" : String.format(Locale.ROOT, "%.0f%%",
        100.0 * (after[0] - before[0]) / Math.max(1, after[1] - before[1]));
  }

  /** The one-minute load average: other work on the machine skews every figure. */
  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    return Files.isReadable(loadavg) ? Files.readString(loadavg).split(" ")[0] : "?";
  }

  /** Builds {@code directory} {@link #kustomizeReps} times; records the median seconds and the resource count. */
  private void kustomize(Map<String, String> r, String key, Path directory) throws Exception {
    double[] seconds = new double[kustomizeReps];
    Path output = work.resolve("kustomize.out");
    for (int i = 0; i < seconds.length; i++) {
      long start = System.nanoTime();
      Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
          .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (!process.waitFor(kustomizeTimeout, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        Files.deleteIfExists(output);
        r.put(key + ".s", "> " + kustomizeTimeout);
        r.put(key + ".resources", "timed out");
        return;
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + directory + " failed");
      }
      seconds[i] = (System.nanoTime() - start) / 1e9;
      if (seconds[i] > 20) { // a quadratic build: once is enough
        seconds = Arrays.copyOf(seconds, 1);
        break;
      }
    }
    Arrays.sort(seconds);
    long resources;
    try (var lines = Files.lines(output)) {
      resources = lines.filter(line -> line.startsWith("kind: ")).count();
    }
    Files.delete(output);
    r.put(key + ".s", String.format(Locale.ROOT, "%.2f", seconds[seconds.length / 2]));
    r.put(key + ".resources", Long.toString(resources));
  }

  /** The results and output of a {@link Point} in a JVM of its own. */
  private record Child(int exit, String stdout, String stderr, double seconds) {
    boolean outOfMemory() {
      return stderr.contains("OutOfMemoryError") || stdout.contains("OutOfMemoryError");
    }

    void require() {
      if (exit != 0) {
        throw new IllegalStateException("measurement failed (exit " + exit + "):\n" + stdout + stderr);
      }
    }

    Map<String, String> results() {
      Map<String, String> results = new LinkedHashMap<>();
      stdout.lines().filter(line -> line.startsWith("RESULT ")).forEach(line -> {
        String keyValue = line.substring("RESULT ".length());
        int equals = keyValue.indexOf('=');
        results.put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
      });
      return results;
    }
  }

  private static Child child(String xmx, String mode, Path descriptor, Path target, String... flags)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + xmx,
        "-cp", System.getProperty("java.class.path"),
        Point.class.getName(), mode, descriptor.toString(), target.toString()));
    command.addAll(List.of(flags));
    return run(command, null);
  }

  private static Child run(List<String> command, Path directory) throws Exception {
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process = builder.start();
    // Read both streams concurrently so that neither pipe fills up.
    var stderr = new java.util.concurrent.CompletableFuture<String>();
    Thread reader = new Thread(() -> stderr.complete(readAll(process.getErrorStream())));
    reader.start();
    String stdout = readAll(process.getInputStream());
    int exit = process.waitFor();
    reader.join();
    return new Child(exit, stdout, stderr.get(), Math.round((System.nanoTime() - start) / 1e7) / 100.0);
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code mvn mesh-serverless:generate} of a T-tenant platform, Maven start-up included: a project holding only
   * the plugin, run twice (fresh output, then unchanged inputs), next to {@code mvn validate} (Maven alone).
   */
  private void maven(Path mvnw, int tenants) throws Exception {
    Path project = work.resolve("maven-T" + tenants);
    deleteRecursively(project);
    DescriptorGenerator.write(project.resolve("src/main/mesh-serverless"), tenants);
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/benchmark.properties")) {
      properties.load(in);
    }
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>bench-platform-gitops</artifactId>
          <version>1.0.0</version>
          <packaging>pom</packaging>
          <build>
            <plugins>
              <plugin>
                <groupId>dev.meshserverless</groupId>
                <artifactId>mesh-serverless-maven-plugin</artifactId>
                <version>%s</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(properties.getProperty("pluginVersion")), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println("### `mvn mesh-serverless:generate`, T = " + tenants + ", Maven start-up included");
    System.out.println();
    System.out.println("| run | wall s | machine busy | log |");
    System.out.println("|---|---:|---:|---|");
    String[][] runs = {
        {"`mvn validate` (Maven start-up, no plugin)", "validate"},
        {"`mvn mesh-serverless:generate`, fresh output", "mesh-serverless:generate"},
        {"`mvn mesh-serverless:generate` again, unchanged inputs", "mesh-serverless:generate"},
        {"`mvn mesh-serverless:generate`, fresh output (repeat)", "mesh-serverless:generate"},
        {"`mvn mesh-serverless:generate` again, unchanged inputs (repeat)", "mesh-serverless:generate"},
    };
    for (int i = 0; i < runs.length; i++) {
      if (i == 3) {
        deleteRecursively(project.resolve("target"));
      }
      run(List.of("sync"), null).require();
      long[] before = cpuTicks();
      Child child = run(List.of(mvnw.toString(), "-B", "-f", project.resolve("pom.xml").toString(), runs[i][1]),
          project);
      String load = busyPercent(before, cpuTicks());
      child.require();
      String log = child.stdout().lines().filter(line -> line.contains("Wrote ") || line.contains("kipp"))
          .map(line -> line.replace(project.toString(), "…")).findFirst().orElse("");
      System.out.println("| " + runs[i][0] + " | " + String.format(Locale.ROOT, "%.2f", child.seconds()) + " | "
          + load + " | " + log + " |");
    }
    deleteRecursively(project);
  }

  private void printTables() {
    System.out.println();
    System.out.println("### generate against the I/O floor (a fresh JVM for each; -Xmx as in the next table)");
    System.out.println();
    System.out.println("| T | files | MiB | generate s | check s | read s | render s | write s | floor s"
        + " | generate / floor | write / floor | generate CPU s | floor CPU s | machine busy (floor, generate) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    byTenants.forEach((t, r) -> System.out.println(row(t, r.get("files"), mib(r.get("bytes")), s(r.get("gen.ms")),
        s(r.get("gen.check.ms")), s(r.get("gen.read.ms")), s(r.get("gen.render.ms")), s(r.get("gen.write.ms")), s(r.get("floor.ms")),
        ratio(r.get("gen.ms"), r.get("floor.ms")), ratio(r.get("gen.write.ms"), r.get("floor.ms")),
        s(r.get("gen.cpu.ms")), s(r.get("floor.cpu.ms")), r.get("floor.busy") + ", " + r.get("first.busy"))));
    System.out.println();
    System.out.println("Every pair, generate / floor (generate s / floor s):");
    System.out.println();
    byTenants.forEach((t, r) -> System.out.println("- T = " + t + ": " + r.get("pairs")));

    System.out.println();
    System.out.println("### Cost per tenant (ms): linear means flat as T grows");
    System.out.println();
    System.out.println("| T | read | render, cold JVM | render, warm JVM | write | floor | second run, fresh JVM |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    byTenants.forEach((t, r) -> System.out.println(row(t, perTenant(r.get("gen.read.ms"), t),
        perTenant(r.get("gen.render.ms"), t), perTenant(r.get("warm.render.ms"), t),
        perTenant(r.get("gen.write.ms"), t), perTenant(r.get("floor.ms"), t), perTenant(r.get("fresh.ms"), t))));

    System.out.println();
    System.out.println("### Memory and CPU of the first generate");
    System.out.println();
    System.out.println("| T | -Xmx | allocated MiB | peak heap MiB (sum of pool peaks) | max heap after a GC MiB"
        + " | retained by the tree MiB | GCs | GC s | CPU s | µs per file | allocated KiB per file |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    byTenants.forEach((t, r) -> {
      double files = Double.parseDouble(r.get("files"));
      System.out.println(row(t, r.get("xmx") + (r.containsKey("oom") ? " (OOM at " + xmx + ")" : ""), mib(r.get("gen.alloc")),
          mib(r.get("gen.peakHeap")), mib(r.get("gen.afterGcMax")), mib(r.get("retained.tree")),
          r.get("gen.gc.count"), s(r.get("gen.gc.ms")), s(r.get("gen.cpu.ms")),
          String.format(Locale.ROOT, "%.0f", Double.parseDouble(r.get("gen.ms")) * 1000 / files),
          String.format(Locale.ROOT, "%.1f", Double.parseDouble(r.get("gen.alloc")) / 1024 / files)));
    });

    System.out.println();
    System.out.println("### Second run on unchanged inputs (the tree left by the first)");
    System.out.println();
    System.out.println("| T | first s | forced again, same JVM s (read / render / write) | again, same JVM s"
        + " | again, fresh JVM s (of which the check) | fresh / first | skipped | machine busy (fresh) |");
    System.out.println("|---:|---:|---|---:|---|---:|---|---:|");
    byTenants.forEach((t, r) -> System.out.println(row(t, s(r.get("gen.ms")),
        s(r.get("warm.ms")) + " (" + s(r.get("warm.read.ms")) + " / " + s(r.get("warm.render.ms")) + " / "
            + s(r.get("warm.write.ms")) + ")",
        s(r.get("skip.ms")),
        s(r.get("fresh.ms")) + " (" + s(r.get("fresh.check.ms")) + ")",
        ratio(r.get("fresh.ms"), r.get("gen.ms")), r.get("skip.skipped") + ", " + r.get("fresh.skipped"),
        r.get("again.busy"))));

    System.out.println();
    System.out.println("### `kubectl kustomize` of the units (median of the builds; resources in the build)");
    System.out.println();
    System.out.println("| T | platform/overlays/prod | tenant onboarding/overlays/prod | tenant workloads/overlays/prod"
        + " | environments/prod |");
    System.out.println("|---:|---:|---:|---:|---:|");
    byTenants.forEach((t, r) -> System.out.println(row(t, k(r, "k.platform"), k(r, "k.onboarding"),
        k(r, "k.workloads"), r.containsKey("k.environment.s") ? k(r, "k.environment") : "not built")));

    byTenants.forEach((t, r) -> {
      Map<String, String> profile = new TreeMap<>();
      r.forEach((key, value) -> {
        if (key.startsWith("profile.")) {
          profile.put(key.substring("profile.".length()), value);
        }
      });
      if (!profile.isEmpty()) {
        long total = profile.values().stream().mapToLong(Long::parseLong).sum();
        System.out.println();
        System.out.println("### Where the time goes at T = " + t + " (1 ms stack samples of generate and floor)");
        System.out.println();
        System.out.println("| step | samples | share |");
        System.out.println("|---|---:|---:|");
        profile.forEach((step, samples) -> System.out.println("| " + step + " | " + samples + " | "
            + String.format(Locale.ROOT, "%.0f%%", 100.0 * Long.parseLong(samples) / total) + " |"));
      }
    });
  }

  private static String perTenant(String millis, int tenants) {
    return String.format(Locale.ROOT, "%.2f", Double.parseDouble(millis) / tenants);
  }

  private static String row(Object... cells) {
    StringBuilder row = new StringBuilder("|");
    for (Object cell : cells) {
      row.append(' ').append(cell).append(" |");
    }
    return row.toString();
  }

  private static String k(Map<String, String> r, String key) {
    return r.get(key + ".s") + " s (" + r.get(key + ".resources") + ")";
  }

  private static String s(String millis) {
    return millis == null ? "—" : String.format(Locale.ROOT, "%.2f", Double.parseDouble(millis) / 1000);
  }

  private static String mib(String bytes) {
    return bytes == null || bytes.startsWith("-") ? "—"
        : String.format(Locale.ROOT, "%.0f", Double.parseDouble(bytes) / (1 << 20));
  }

  private static String ratio(String a, String b) {
    return String.format(Locale.ROOT, "%.1f×", ratioOf(a, b));
  }

  private static double ratioOf(String a, String b) {
    return Double.parseDouble(a) / Double.parseDouble(b);
  }

  /** The machine, for RESULTS.md: processors, memory, CPU model and Java. */
  private static String machine() throws IOException {
    String cpu = "?";
    String memory = "?";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      cpu = Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("?");
    }
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      memory = Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("MemTotal"))
          .map(line -> line.replaceAll("[^0-9]", "")).map(kib -> String.format(Locale.ROOT, "%.1f GiB",
              Long.parseLong(kib) / 1024.0 / 1024.0)).findFirst().orElse("?");
    }
    return "machine: " + Runtime.getRuntime().availableProcessors() + " processors (" + cpu + "), " + memory
        + " memory; Java " + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name")
        + ")";
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
