package dev.meshserverless.benchmarks;

import java.util.Map;
import java.util.TreeMap;

/**
 * A coarse sampling profiler: every millisecond it takes the stack of one thread and counts it under a step of
 * generate (parse, bind, build, serialize, layout) or, while writing, under the {@code java.nio.file.Files}
 * call it is in. Enough to tell where the time of a multi-second run goes, without an agent.
 */
final class Profiler {
  private final Thread target;
  private final Thread sampler;
  private final Map<String, Integer> samples = new TreeMap<>();
  private volatile boolean running = true;
  private volatile boolean paused;

  private Profiler(Thread target) {
    this.target = target;
    this.sampler = new Thread(this::sample, "profiler");
    sampler.setDaemon(true);
  }

  /** Starts sampling the calling thread. */
  static Profiler ofCurrentThread() {
    Profiler profiler = new Profiler(Thread.currentThread());
    profiler.sampler.start();
    return profiler;
  }

  /** Stops sampling. */
  void stop() throws InterruptedException {
    running = false;
    sampler.join();
  }

  /** Stops counting until {@link #resume}, e.g. while preparing what is measured. */
  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
  }

  /** Samples by step, e.g. {@code render/serialize}; read after {@link #stop}. */
  Map<String, Integer> samples() {
    synchronized (samples) {
      return new TreeMap<>(samples);
    }
  }

  private void sample() {
    while (running) {
      String step = paused ? null : step(target.getStackTrace());
      if (step != null) {
        synchronized (samples) {
          samples.merge(step, 1, Integer::sum);
        }
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The step a stack (innermost frame first) is in, or null outside generate. */
  static String step(StackTraceElement[] stack) {
    boolean read = false;
    boolean render = false;
    boolean write = false;
    boolean floor = false;
    for (StackTraceElement frame : stack) {
      String type = frame.getClassName();
      read |= type.endsWith(".DescriptorReader");
      render |= type.endsWith(".Platforms") && frame.getMethodName().equals("render");
      write |= type.endsWith(".TreeWriter");
      floor |= type.endsWith(".Point") && frame.getMethodName().equals("writeFloor");
    }
    if (read) {
      if (hasMethod(stack, "YamlTree", "parse")) {
        return "read/parse YAML";
      }
      return has(stack, "java.nio.file.Files") ? "read/list and read files" : "read/bind and validate";
    }
    if (render) {
      if (has(stack, "ManifestYaml")) {
        return "render/serialize (Jackson YAML)";
      }
      return has(stack, ".Layout") ? "render/layout (base vs overlays)" : "render/build (fabric8 objects)";
    }
    if (write || floor) {
      // The outermost Files call is the one the writer made (Files.write calls Files.newOutputStream).
      for (int i = stack.length - 1; i >= 0; i--) {
        if (stack[i].getClassName().equals("java.nio.file.Files")) {
          return (write ? "write/" : "floor/") + "Files." + stack[i].getMethodName();
        }
      }
      return (write ? "write/" : "floor/") + "other";
    }
    return null;
  }

  private static boolean hasMethod(StackTraceElement[] stack, String typeSuffix, String method) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().endsWith(typeSuffix) && frame.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(StackTraceElement[] stack, String... fragments) {
    for (StackTraceElement frame : stack) {
      for (String fragment : fragments) {
        if (frame.getClassName().contains(fragment)) {
          return true;
        }
      }
    }
    return false;
  }
}
