package dev.meshserverless.model.descriptor;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A Tenant document: namespaces that may reach each other and nobody else's (S15).
 *
 * @param namespaces the tenant's namespaces, in the order written
 * @param environments the environments the tenant is deployed in, sorted (every environment by default)
 * @param labels labels put on each of the tenant's namespaces (S17), sorted by key
 * @param servicesByEnvironment for each environment of {@link #environments}, the tenant's Knative services
 *     with that environment's overrides applied, sorted by namespace and name
 */
public record Tenant(
    String name,
    List<String> namespaces,
    List<String> environments,
    SortedMap<String, String> labels,
    Map<String, List<KnativeService>> servicesByEnvironment,
    Source source) {

  /** The tenant's Knative services in {@code environment}, or none when it is not deployed there. */
  public List<KnativeService> services(String environment) {
    return servicesByEnvironment.getOrDefault(environment, List.of());
  }

  /**
   * One entry of {@code Tenant.spec.services} as it is in one environment (S10, S18).
   *
   * @param env environment variables, sorted by name
   * @param gpus NVIDIA GPUs requested as {@code resources.limits}, 0 for none
   */
  public record KnativeService(String name, String namespace, String image, SortedMap<String, String> env, int gpus) {}
}
