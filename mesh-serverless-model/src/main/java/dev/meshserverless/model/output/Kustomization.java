package dev.meshserverless.model.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code kustomization.yaml} that only lists resources: no namespace transformer, no deprecated
 * fields, entries sorted.
 */
public final class Kustomization {
  private Kustomization() {}

  /** The bytes of a kustomization listing {@code resources} (files and directories), sorted. */
  public static byte[] listing(List<String> resources) {
    Map<String, Object> kustomization = new LinkedHashMap<>();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    kustomization.put("resources", resources.stream().sorted().toList());
    return ManifestYaml.write(kustomization);
  }
}
