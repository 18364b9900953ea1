package dev.meshserverless.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Wall time, CPU time, allocated bytes, garbage collections and peak heap of a stretch of code in this JVM.
 *
 * <p>Allocation is {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} summed over every live thread
 * (the work is single-threaded; a thread that dies in between would be missed). Peak heap is measured two ways:
 * the sum of each heap pool's peak usage since {@link #start} (an upper bound: pools peak at different moments),
 * and the largest heap occupancy any collection left behind (with G1 a young collection leaves old-generation
 * garbage in place, so this too is an upper bound on the live set, and a lower bound on the peak).
 */
final class Meter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
  private static final Set<String> HEAP_POOL_NAMES =
      HEAP_POOLS.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  /** Largest heap occupancy after any collection since the last {@link #start}. */
  private static final AtomicLong AFTER_GC_MAX = new AtomicLong(-1);

  static {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
        if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          AFTER_GC_MAX.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        }
      }, null, null);
    }
  }

  private final long startNanos;
  private final long startAllocated;
  private final long startCpu;
  private final long startGcCount;
  private final long startGcMillis;

  private Meter() {
    HEAP_POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
    AFTER_GC_MAX.set(-1);
    startGcCount = gcCount();
    startGcMillis = gcMillis();
    startCpu = OS.getProcessCpuTime();
    startAllocated = allocatedBytes();
    startNanos = System.nanoTime();
  }

  /** What was measured between {@link #start} and {@link #stop}. */
  record Reading(long nanos, long cpuNanos, long allocatedBytes, long gcCount, long gcMillis, long peakHeapBytes,
      long afterGcMaxBytes) {
    long millis() {
      return nanos / 1_000_000;
    }
  }

  /** Starts measuring; resets the peaks, so meters must not overlap. */
  static Meter start() {
    return new Meter();
  }

  Reading stop() {
    long nanos = System.nanoTime() - startNanos;
    long allocated = allocatedBytes() - startAllocated;
    long cpu = OS.getProcessCpuTime() - startCpu;
    long peak = HEAP_POOLS.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    // Notifications arrive on a service thread, a moment after the collection.
    sleepQuietly(100);
    return new Reading(nanos, cpu, allocated, gcCount() - startGcCount, gcMillis() - startGcMillis, peak,
        AFTER_GC_MAX.get());
  }

  /** Elapsed time and allocation of one phase, cheap enough to nest inside a {@link Meter}. */
  record Lap(long startNanos, long startAllocated) {
    static Lap start() {
      return new Lap(System.nanoTime(), allocatedBytes());
    }

    /** {nanos, allocated bytes} since {@link #start}. */
    long[] stop() {
      return new long[] {System.nanoTime() - startNanos, allocatedBytes() - startAllocated};
    }
  }

  /** Heap in use after two full collections: what the objects still referenced occupy. */
  static long retainedHeapBytes() {
    System.gc();
    System.gc();
    sleepQuietly(100);
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long allocatedBytes() {
    long[] ids = THREADS.getAllThreadIds();
    long sum = 0;
    for (long bytes : THREADS.getThreadAllocatedBytes(ids)) {
      sum += Math.max(0, bytes);
    }
    return sum;
  }

  private static long heapUsed(Map<String, MemoryUsage> byPool) {
    return byPool.entrySet().stream().filter(e -> HEAP_POOL_NAMES.contains(e.getKey()))
        .mapToLong(e -> e.getValue().getUsed()).sum();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
