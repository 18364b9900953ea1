package dev.meshserverless.model.descriptor;

import dev.meshserverless.model.descriptor.Binder.Section;
import dev.meshserverless.model.descriptor.PlatformSpec.ArgoCdOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.Destination;
import dev.meshserverless.model.descriptor.PlatformSpec.InstallPlanApproval;
import dev.meshserverless.model.descriptor.PlatformSpec.IssuerRef;
import dev.meshserverless.model.descriptor.PlatformSpec.SubscriptionOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsSource;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Binds the parts of {@code Platform.spec} that say how the platform is delivered: the operators' OLM
 * subscriptions ({@code serverless.subscription}, {@code serviceMesh.subscription}), where TLS certificates come
 * from ({@code tls}) and how Argo CD syncs the tree ({@code argocd}).
 */
final class DeliveryReader {
  static final String DEFAULT_ISSUER_KIND = "ClusterIssuer";

  private static final List<String> SUBSCRIPTION_KEYS =
      List.of("enabled", "channel", "source", "sourceNamespace", "installPlanApproval");
  private static final List<String> CERT_MANAGER_ISSUER_KINDS = List.of("ClusterIssuer", "Issuer");
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern URL_WITH_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s/]+(/\\S*)?");
  private static final Pattern SCP_LIKE = Pattern.compile("[^@\\s/]+@[^:\\s/]+:\\S+");
  private static final Pattern SERVER_URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");

  private DeliveryReader() {}

  /**
   * {@code subscription} under {@code parent}: OLM's subscription of the operator, on by default.
   *
   * @param defaultChannel the channel that follows the release {@code parent} names
   */
  static SubscriptionOptions subscription(Section parent, String defaultChannel) {
    Section subscription = parent.section("subscription", SUBSCRIPTION_KEYS.toArray(String[]::new));
    return new SubscriptionOptions(
        subscription.bool("enabled", true),
        subscription.string("channel", defaultChannel, DeliveryReader::channel),
        subscription.string("source", SubscriptionOptions.DEFAULT_SOURCE,
            value -> Formats.dns1123Subdomain(value, "CatalogSource name")),
        subscription.string("sourceNamespace", SubscriptionOptions.DEFAULT_SOURCE_NAMESPACE,
            value -> Formats.dns1123Label(value, "namespace name")),
        subscription.choice("installPlanApproval", InstallPlanApproval.values(), InstallPlanApproval.Automatic));
  }

  /**
   * The channel of the OpenShift Serverless operator for a release: {@code stable-MAJOR.MINOR}, the channel that
   * stays on that release (from 1.29 every release has one; {@code stable} always follows the newest).
   */
  static String serverlessChannel(String version) {
    int[] parts = Formats.majorMinor(version);
    return parts == null ? "stable" : "stable-" + parts[0] + "." + parts[1];
  }

  /** The channel of the Service Mesh operator for a release: {@code stable} for 2.x, {@code 1.0} for 1.x. */
  static String serviceMeshChannel(String version) {
    int[] parts = version == null ? null : Formats.majorMinor(version);
    return parts != null && parts[0] == 1 ? "1.0" : "stable";
  }

  private static String channel(String value) {
    return CHANNEL.matcher(value).matches()
        ? null
        : "'" + value + "' is not an OLM channel name: use letters, digits, '.', '_' and '-', e.g. stable";
  }

  /**
   * {@code tls}: the secret's name, its source, and with {@code source: CertManager} the issuer. An issuer written
   * with another source is checked but not used: an environment may switch the source through its overrides.
   */
  static TlsOptions tls(Binder binder, Section tls) {
    String secretName = tls.string("secretName", PlatformSpecReader.DEFAULT_TLS_SECRET_NAME,
        name -> Formats.dns1123Subdomain(name, "Secret name"));
    TlsSource source = tls.choice("source", TlsSource.values(), TlsSource.Existing);
    IssuerRef issuer = tls.has("issuer") ? issuer(tls.section("issuer", "kind", "name", "group")) : null;
    if (source == TlsSource.CertManager && !tls.has("issuer")) {
      binder.error(tls.node("source"), tls.path("source"), "cert-manager needs an issuer to sign the certificates:"
          + " add issuer: {kind: ClusterIssuer, name: <issuer>} (kind Issuer for one in the control-plane namespace)");
    }
    return new TlsOptions(secretName, source, source == TlsSource.CertManager ? issuer : null);
  }

  private static IssuerRef issuer(Section issuer) {
    String group = issuer.string("group", IssuerRef.CERT_MANAGER_GROUP,
        value -> Formats.dns1123Subdomain(value, "API group"));
    String kind = issuer.string("kind", DEFAULT_ISSUER_KIND, value -> issuerKind(value, group));
    String name = issuer.requiredString("name", "the name of the issuer, e.g. letsencrypt",
        value -> Formats.dns1123Subdomain(value, "issuer name"));
    return new IssuerRef(kind, name, group);
  }

  private static String issuerKind(String kind, String group) {
    if (IssuerRef.CERT_MANAGER_GROUP.equals(group)) {
      return CERT_MANAGER_ISSUER_KINDS.contains(kind) ? null : "'" + kind + "' is not a cert-manager issuer kind"
          + Formats.didYouMean(kind, CERT_MANAGER_ISSUER_KINDS) + "; use ClusterIssuer or Issuer (or set group to"
          + " the API group of an external issuer)";
    }
    return KIND.matcher(kind).matches() ? null : "'" + kind + "' is not a kind: write it in CamelCase, e.g."
        + " AWSPCAClusterIssuer";
  }

  /** {@code argocd}, or null when the spec has none. */
  static ArgoCdOptions argocd(Binder binder, Section spec) {
    if (!spec.has("argocd")) {
      return null;
    }
    Section argocd = spec.section("argocd", "repoURL", "targetRevision", "path", "namespace", "destination");
    String repoURL = argocd.requiredString("repoURL", "the Git repository the generated tree is committed to, e.g."
        + " https://github.com/acme/gitops.git", DeliveryReader::repoURL);
    String targetRevision = argocd.string("targetRevision", ArgoCdOptions.DEFAULT_TARGET_REVISION,
        value -> NO_SPACE.matcher(value).matches() ? null
            : "'" + value + "' is not a Git revision: write a branch, tag or commit, e.g. main");
    String path = argocd.string("path", "", DeliveryReader::repositoryPath);
    String namespace = argocd.string("namespace", ArgoCdOptions.DEFAULT_NAMESPACE,
        value -> Formats.dns1123Label(value, "namespace name"));
    return new ArgoCdOptions(repoURL, targetRevision, normalizedPath(path == null ? "" : path), namespace,
        destination(binder, argocd));
  }

  private static String repoURL(String value) {
    return URL_WITH_SCHEME.matcher(value).matches() || SCP_LIKE.matcher(value).matches()
        ? null
        : "'" + value + "' is not a Git repository URL: write e.g. https://github.com/acme/gitops.git or"
            + " git@github.com:acme/gitops.git";
  }

  private static String repositoryPath(String value) {
    String hint = "; write the folder that holds the tree relative to the repository's root, e.g. clusters/acme,"
        + " or leave path out when the tree is the root";
    if (value.startsWith("/")) {
      return "'" + value + "' is absolute" + hint;
    }
    if (value.contains("\\") || !value.isEmpty() && !NO_SPACE.matcher(value).matches()) {
      return "'" + value + "' has a backslash or a blank" + hint;
    }
    for (String segment : normalizedPath(value).split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return "'" + value + "' has a '" + segment + "' segment" + hint;
      }
    }
    if (normalizedPath(value).contains("//")) {
      return "'" + value + "' has an empty segment" + hint;
    }
    return null;
  }

  /** {@code path} without a leading {@code ./} or trailing {@code /}; "" for {@code .}. */
  private static String normalizedPath(String path) {
    String normalized = path.equals(".") ? "" : path;
    while (normalized.startsWith("./")) {
      normalized = normalized.substring(2);
    }
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return normalized;
  }

  /** {@code destination}: {@code server} or {@code name}, exactly one; the cluster Argo CD runs in by default. */
  private static Destination destination(Binder binder, Section argocd) {
    if (!argocd.has("destination")) {
      return Destination.IN_CLUSTER;
    }
    Section destination = argocd.section("destination", "server", "name");
    String server = destination.string("server", null, value -> SERVER_URL.matcher(value).matches() ? null
        : "'" + value + "' is not a Kubernetes API server URL: write e.g. https://api.prod.example.com:6443");
    String name = destination.string("name", null, value -> NO_SPACE.matcher(value).matches() ? null
        : "'" + value + "' is not a cluster name: write the name the cluster was registered with in Argo CD");
    boolean bothWritten = destination.has("server") && destination.has("name");
    boolean noneWritten = !destination.has("server") && !destination.has("name");
    if (argocd.node("destination") instanceof YamlTree.MapNode && (bothWritten || noneWritten)) {
      binder.error(argocd.node("destination"), argocd.path("destination"), bothWritten
          ? "set server or name, not both (an environment that names its cluster differently than the Platform"
              + " empties the other key, e.g. destination: {server: null, name: prod})"
          : "write server (the cluster's API URL, e.g. https://api.prod.example.com:6443) or name (the cluster's"
              + " name in Argo CD)");
    }
    if (server != null) {
      return new Destination(server, null);
    }
    return name != null ? new Destination(null, name) : Destination.IN_CLUSTER;
  }
}
