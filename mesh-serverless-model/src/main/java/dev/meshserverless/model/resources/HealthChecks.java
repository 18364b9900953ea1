package dev.meshserverless.model.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Lua health checks Argo CD lacks for the kinds the tree holds. Without them Argo CD calls a Maistra resource
 * or KnativeKafka healthy as soon as it exists, so the sync waves would not wait for the mesh or Kafka; and since
 * Argo CD 1.8 an Application's health is not that of its resources, so an app of apps would not wait for the
 * Applications it creates. Each check is a resource of this library,
 * {@code dev/meshserverless/model/health/<group>_<kind>.lua}.
 */
public final class HealthChecks {
  /** Group and kind of every check, in the order they are listed. */
  private static final List<List<String>> KINDS = List.of(
      List.of("argoproj.io", "Application"),
      List.of("federation.maistra.io", "ServiceMeshPeer"),
      List.of("maistra.io", "ServiceMeshControlPlane"),
      List.of("maistra.io", "ServiceMeshMember"),
      List.of("maistra.io", "ServiceMeshMemberRoll"),
      List.of("operator.serverless.openshift.io", "KnativeKafka"));

  private HealthChecks() {}

  /** One health check: the Lua script Argo CD runs on a live object of {@code group}/{@code kind}. */
  public record Check(String group, String kind, String lua) {
    /** Its key in {@code argocd-cm}. */
    public String configMapKey() {
      return "resource.customizations.health." + group + "_" + kind;
    }

    /** Its resource path in this library. */
    public static String resourcePath(String group, String kind) {
      return "/dev/meshserverless/model/health/" + group + "_" + kind + ".lua";
    }
  }

  /** Every check, read from the library's resources. */
  public static List<Check> all() {
    return KINDS.stream().map(gk -> new Check(gk.get(0), gk.get(1), read(Check.resourcePath(gk.get(0), gk.get(1)))))
        .toList();
  }

  private static String read(String resource) {
    try (InputStream in = HealthChecks.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing health check " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
