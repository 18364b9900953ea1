package dev.meshserverless.model.descriptor;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every document of a descriptor directory, read, defaulted and validated.
 *
 * @param platform the one Platform document, as written (before any environment override)
 * @param environments every Environment, sorted by name, each with its effective platform spec
 * @param tenants every Tenant, sorted by name
 * @param federations by environment name, the federation (S19) of each environment that has
 *     {@code spec.federation}, resolved across every Environment and Tenant
 */
public record Descriptor(Platform platform, List<Environment> environments, List<Tenant> tenants,
    SortedMap<String, MeshFederation> federations) {
  public Descriptor {
    environments = List.copyOf(environments);
    tenants = List.copyOf(tenants);
    federations = Collections.unmodifiableSortedMap(new TreeMap<>(federations));
  }

  /** A descriptor without federation. */
  public Descriptor(Platform platform, List<Environment> environments, List<Tenant> tenants) {
    this(platform, environments, tenants, new TreeMap<>());
  }

  /** The tenants deployed in {@code environment}, sorted by name. */
  public List<Tenant> tenantsIn(String environment) {
    return tenants.stream().filter(t -> t.environments().contains(environment)).toList();
  }

  /** The federation of {@code environment}'s mesh, if it has one. */
  public Optional<MeshFederation> federation(String environment) {
    return Optional.ofNullable(federations.get(environment));
  }
}
