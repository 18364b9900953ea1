package dev.meshserverless.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshserverless.model.output.ManifestYaml;
import dev.meshserverless.model.resources.Tenancy;
import dev.meshserverless.model.resources.TenantIsolation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time and allocation per object of building and serializing one tenant's onboarding objects (its S15
 * policies and a namespace), with {@link ManifestYaml#write} and, for comparison, plain Jackson YAML and JSON.
 * Measured on the thread's CPU clock, so that other work on the machine hardly skews it.
 *
 * <pre>java -cp ... dev.meshserverless.benchmarks.SerializationCost</pre>
 */
public final class SerializationCost {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int ROUNDS = 4;
  private static final int TENANTS_PER_ROUND = 3000;
  private static final int OBJECTS_PER_TENANT = onboarding().size();

  private SerializationCost() {}

  /** One way to turn an object into bytes. */
  @FunctionalInterface
  private interface Writer {
    byte[] write(Object value) throws JsonProcessingException;
  }

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    YAMLMapper plainYaml = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build())
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
    Map<String, Writer> writers = new LinkedHashMap<>();
    writers.put("ManifestYaml.write (the project's writer)", ManifestYaml::write);
    writers.put("Jackson YAML, same features, stock quoting", plainYaml::writeValueAsBytes);
    writers.put("Jackson JSON, keys sorted (databind alone)", json::writeValueAsBytes);

    for (int round = 1; round <= ROUNDS; round++) {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long allocated = THREADS.getCurrentThreadAllocatedBytes();
      List<List<HasMetadata>> built = new ArrayList<>();
      for (int i = 0; i < TENANTS_PER_ROUND; i++) {
        built.add(onboarding());
      }
      report(round, "build (fabric8 objects)", cpu, allocated, 0);
      for (Map.Entry<String, Writer> writer : writers.entrySet()) {
        cpu = THREADS.getCurrentThreadCpuTime();
        allocated = THREADS.getCurrentThreadAllocatedBytes();
        long bytes = 0;
        for (List<HasMetadata> resources : built) {
          for (HasMetadata resource : resources) {
            bytes += writer.getValue().write(resource).length;
          }
        }
        report(round, writer.getKey(), cpu, allocated, bytes);
      }
    }
    System.out.println("(" + OBJECTS_PER_TENANT + " objects per tenant; the last round is the warm one)");
  }

  /** A three-namespace tenant's S15 policies and one namespace, as Platforms.onboarding builds them. */
  private static List<HasMetadata> onboarding() {
    List<HasMetadata> resources = new ArrayList<>(TenantIsolation.tenantPolicies(
        TenantIsolation.ChartRelease.forServerless("1.37"), "tenant-00001",
        List.of("tenant-00001-a", "tenant-00001-b", "tenant-00001-c"), "istio-system", "cluster.local", true, false));
    resources.add(Tenancy.namespace("tenant-00001-a"));
    return resources;
  }

  private static void report(int round, String what, long cpuBefore, long allocatedBefore, long bytes) {
    double count = (double) TENANTS_PER_ROUND * OBJECTS_PER_TENANT;
    double micros = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / count;
    double kib = (THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore) / 1024.0 / count;
    System.out.println(String.format(Locale.ROOT, "round %d  %-45s %6.1f µs/object  %6.1f KiB allocated/object%s",
        round, what, micros, kib, bytes == 0 ? "" : String.format(Locale.ROOT, "  (%d bytes out)", (long) (bytes / count))));
  }
}
