package dev.meshserverless.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the descriptor of a platform with {@code T} tenants: Service Mesh 2.6, isolation and Eventing on,
 * environments dev, staging and prod, and tenants {@code tenant-00001}… with two or three namespaces and one
 * Knative service each, one file per tenant.
 */
public final class DescriptorGenerator {
  /** The environments of every generated platform, each a cluster. */
  public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

  private DescriptorGenerator() {}

  /** The name of the {@code i}-th tenant (1-based): {@code tenant-00001}. */
  public static String tenant(int i) {
    return String.format(Locale.ROOT, "tenant-%05d", i);
  }

  /** Writes the descriptor of {@code tenants} tenants into {@code directory}, which must not hold one yet. */
  public static void write(Path directory, int tenants) throws IOException {
    Files.createDirectories(directory.resolve("environments"));
    Files.createDirectories(directory.resolve("tenants"));
    write(directory.resolve("platform.yaml"), """
        apiVersion: meshserverless.io/v1alpha1
        kind: Platform
        metadata:
          name: bench
        spec:
          serverless:
            version: "1.37"
          serviceMesh:
            version: "2.6"
          eventing:
            enabled: true
          tenantIsolation: true
        """);
    for (String environment : ENVIRONMENTS) {
      // prod differs from the platform (S12 annotations), so the platform has real overlays.
      String overrides = environment.equals("prod")
          ? "  overrides:\n    serviceMesh:\n      manageNetworkPolicy: false\n"
          : "";
      write(directory.resolve("environments/" + environment + ".yaml"), """
          apiVersion: meshserverless.io/v1alpha1
          kind: Environment
          metadata:
            name: %1$s
          spec:
            clusterDomain: apps.%1$s.example.com
          """.formatted(environment) + overrides);
    }
    for (int i = 1; i <= tenants; i++) {
      write(directory.resolve("tenants/" + tenant(i) + ".yaml"), tenantDocument(i));
    }
  }

  /**
   * Tenant {@code i}: two namespaces when {@code i} is even, three when odd; one service whose image differs in
   * prod, so that its workloads have a base and overlays that differ.
   */
  static String tenantDocument(int i) {
    String name = tenant(i);
    String namespaces = i % 2 == 0 ? name + "-a, " + name + "-b" : name + "-a, " + name + "-b, " + name + "-c";
    return """
        apiVersion: meshserverless.io/v1alpha1
        kind: Tenant
        metadata:
          name: %1$s
        spec:
          namespaces: [%2$s]
          labels:
            cost-center: cc-%3$03d
          services:
            - name: web
              namespace: %1$s-a
              image: quay.io/acme/web:1.0.0
              env:
                RESPONSE: "Hello from %1$s"
              overrides:
                prod:
                  image: quay.io/acme/web:1.0.1
        """.formatted(name, namespaces, i % 1000);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
