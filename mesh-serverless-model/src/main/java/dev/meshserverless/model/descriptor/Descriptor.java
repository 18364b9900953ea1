package dev.meshserverless.model.descriptor;

import java.util.List;

/**
 * Every document of a descriptor directory, read, defaulted and validated.
 *
 * @param platform the one Platform document, as written (before any environment override)
 * @param environments every Environment, sorted by name, each with its effective platform spec
 * @param tenants every Tenant, sorted by name
 */
public record Descriptor(Platform platform, List<Environment> environments, List<Tenant> tenants) {
  public Descriptor {
    environments = List.copyOf(environments);
    tenants = List.copyOf(tenants);
  }

  /** The tenants deployed in {@code environment}, sorted by name. */
  public List<Tenant> tenantsIn(String environment) {
    return tenants.stream().filter(t -> t.environments().contains(environment)).toList();
  }
}
