package dev.meshserverless.model.descriptor;

/** The Platform document: its name and its spec as written, with the contract's defaults applied. */
public record Platform(String name, PlatformSpec spec, Source source) {}
