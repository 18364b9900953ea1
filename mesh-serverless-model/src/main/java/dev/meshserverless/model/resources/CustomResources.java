package dev.meshserverless.model.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;

/** Builders for the custom resources fabric8 has no typed model for here (Istio, Maistra, Knative operator). */
public final class CustomResources {
  private CustomResources() {}

  /** A builder with apiVersion, kind and metadata filled in; {@code namespace} is null for cluster-scoped kinds. */
  public static GenericKubernetesResourceBuilder named(String apiVersion, String kind, String namespace, String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata();
  }
}
