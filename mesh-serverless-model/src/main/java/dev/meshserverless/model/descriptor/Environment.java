package dev.meshserverless.model.descriptor;

/**
 * An Environment document, usually one cluster.
 *
 * @param spec the platform spec in force here: Platform.spec with this environment's overrides merged on
 */
public record Environment(String name, String clusterDomain, PlatformSpec spec, Source source) {}
