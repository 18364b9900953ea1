package dev.meshserverless.model.descriptor;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of names, durations and versions in the descriptor. Each check returns what is wrong with a value,
 * or null when it is fine, so that the caller can put the problem where the value was written.
 */
final class Formats {
  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?");
  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, BigDecimal> NANOS_PER_UNIT = Map.of(
      "ns", BigDecimal.ONE,
      "us", BigDecimal.valueOf(1_000L),
      "µs", BigDecimal.valueOf(1_000L),
      "μs", BigDecimal.valueOf(1_000L),
      "ms", BigDecimal.valueOf(1_000_000L),
      "s", BigDecimal.valueOf(1_000_000_000L),
      "m", BigDecimal.valueOf(60_000_000_000L),
      "h", BigDecimal.valueOf(3_600_000_000_000L));

  private Formats() {}

  /** A Kubernetes object or namespace name (RFC 1123 label): {@code what} is e.g. "name", "namespace name". */
  static String dns1123Label(String value, String what) {
    if (value.length() <= 63 && DNS1123_LABEL.matcher(value).matches()) {
      return null;
    }
    return invalid(value, what, "RFC 1123 label", "lowercase letters, digits and '-', starting and ending with a"
        + " letter or digit, at most 63 characters", fixLabel(value.toLowerCase(Locale.ROOT)), DNS1123_LABEL, 63);
  }

  /** A DNS name such as {@code apps.prod.example.com} or a Secret name (RFC 1123 subdomain). */
  static String dns1123Subdomain(String value, String what) {
    if (value.length() <= 253 && DNS1123_SUBDOMAIN.matcher(value).matches()) {
      return null;
    }
    StringBuilder fixed = new StringBuilder();
    for (String label : value.toLowerCase(Locale.ROOT).split("\\.", -1)) {
      String fixedLabel = fixLabel(label);
      if (!fixedLabel.isEmpty()) {
        fixed.append(fixed.length() == 0 ? "" : ".").append(fixedLabel);
      }
    }
    return invalid(value, what, "RFC 1123 subdomain", "dot-separated labels of lowercase letters, digits and '-',"
        + " at most 253 characters", fixed.toString(), DNS1123_SUBDOMAIN, 253);
  }

  /** A Knative service name (RFC 1035 label: it starts with a letter). */
  static String dns1035Label(String value, String what) {
    if (value.length() <= 63 && DNS1035_LABEL.matcher(value).matches()) {
      return null;
    }
    return invalid(value, what, "RFC 1035 label", "a lowercase letter, then lowercase letters, digits and '-',"
        + " ending with a letter or digit, at most 63 characters", fixLabel(value.toLowerCase(Locale.ROOT)),
        DNS1035_LABEL, 63);
  }

  /**
   * "'Team_A' is not a valid name (RFC 1123 label), perhaps you should use 'team-a'" (jib's HelpfulSuggestions),
   * or the rule spelled out when no valid name can be suggested.
   */
  private static String invalid(
      String value, String what, String standard, String rule, String suggestion, Pattern valid, int maxLength) {
    String message = "'" + value + "' is not a valid " + what + " (" + standard
        + (value.length() > maxLength ? ": at most " + maxLength + " characters, it has " + value.length() : "") + ")";
    return suggestion.length() <= maxLength && valid.matcher(suggestion).matches()
        ? message + ", perhaps you should use '" + suggestion + "'"
        : message + ": use " + rule;
  }

  /** Lowercase input with every invalid character replaced by '-', trimmed to a valid label, or "". */
  private static String fixLabel(String lowercase) {
    String fixed = lowercase.replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
    fixed = trimDashes(fixed);
    return fixed.length() > 63 ? trimDashes(fixed.substring(0, 63)) : fixed;
  }

  private static String trimDashes(String value) {
    return value.replaceAll("^-+", "").replaceAll("-+$", "");
  }

  /**
   * Why {@code namespace} is a system namespace that neither a tenant nor the control plane may use, or null:
   * {@code knative-*} (OpenShift Serverless), {@code openshift*}, {@code kube-*} and {@code default}.
   */
  static String systemNamespace(String namespace) {
    if (namespace.startsWith("knative-")) {
      return "knative-* namespaces belong to OpenShift Serverless (knative-serving, knative-eventing,"
          + " knative-serving-ingress), which joins the mesh as a member (S4) and gets the isolation policies (S15)";
    }
    if (namespace.startsWith("openshift") || namespace.startsWith("kube-") || namespace.equals("default")) {
      return "it is a system namespace of OpenShift (openshift*) or Kubernetes (kube-*, default)";
    }
    return null;
  }

  /** A Kubernetes label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  static String labelKey(String key) {
    int slash = key.lastIndexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String name = key.substring(slash + 1);
    if (prefix != null && (prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches())) {
      return "'" + key + "' is not a valid label key: its prefix '" + prefix
          + "' must be a DNS subdomain (lowercase letters, digits, '-' and '.'), e.g. example.com/cost-center";
    }
    if (name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return "'" + key + "' is not a valid label key: the name must be at most 63 letters, digits, '-', '_' or '.',"
          + " starting and ending with a letter or digit, e.g. cost-center";
    }
    return null;
  }

  /** A Kubernetes label value: empty, or at most 63 letters, digits, '-', '_' or '.' between alphanumerics. */
  static String labelValue(String value) {
    if (value.isEmpty() || value.length() <= 63 && LABEL_NAME.matcher(value).matches()) {
      return null;
    }
    return "'" + value + "' is not a valid label value: at most 63 letters, digits, '-', '_' or '.',"
        + " starting and ending with a letter or digit, e.g. cc-1234";
  }

  /** An environment variable name as Kubernetes accepts it. */
  static String envVarName(String name) {
    return ENV_VAR_NAME.matcher(name).matches()
        ? null
        : "'" + name + "' is not a valid environment variable name: use letters, digits, '_', '-' and '.',"
            + " not starting with a digit, e.g. RESPONSE_TEXT";
  }

  /** {@code host:port} with a DNS host and a port from 1 to 65535. */
  static String hostPort(String value) {
    int colon = value.lastIndexOf(':');
    String example = "; write host:port, e.g. my-cluster-kafka-bootstrap.kafka:9092";
    if (colon < 0) {
      return "'" + value + "' has no port" + example;
    }
    String host = value.substring(0, colon);
    String port = value.substring(colon + 1);
    if (host.isEmpty() || host.length() > 253 || !DNS1123_SUBDOMAIN.matcher(host).matches()) {
      return "'" + value + "' does not start with a valid host name (lowercase letters, digits, '-' and '.')" + example;
    }
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      return "'" + value + "' does not end with a port from 1 to 65535" + example;
    }
    return null;
  }

  /** A Go duration ({@code 35s}, {@code 1m30s}, {@code 45.5s}) in nanoseconds, or null when it is not one. */
  static BigDecimal durationNanos(String value) {
    Matcher part = DURATION_PART.matcher(value);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (part.lookingAt()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(NANOS_PER_UNIT.get(part.group(2))));
      end = part.end();
      part.region(end, value.length());
    }
    return end == value.length() && end > 0 ? nanos : null;
  }

  /** MAJOR.MINOR or MAJOR.MINOR.PATCH as {major, minor}, or null when {@code value} is not such a version. */
  static int[] majorMinor(String value) {
    int[] version = version(value);
    return version == null ? null : new int[] {version[0], version[1]};
  }

  /**
   * MAJOR.MINOR or MAJOR.MINOR.PATCH as {major, minor, patch} (patch 0 when absent), or null when {@code value} is
   * not such a version.
   */
  static int[] version(String value) {
    Matcher matcher = VERSION.matcher(value);
    if (!matcher.matches() || matcher.group(1).length() > 6 || matcher.group(2).length() > 6
        || matcher.group(4) != null && matcher.group(4).length() > 6) {
      return null;
    }
    return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
        matcher.group(4) == null ? 0 : Integer.parseInt(matcher.group(4))};
  }

  /** Whether {@code version} (as {@link #version}) is at least {@code minimum}, compared part by part. */
  static boolean atLeast(int[] version, int... minimum) {
    for (int i = 0; i < minimum.length; i++) {
      int part = i < version.length ? version[i] : 0;
      if (part != minimum[i]) {
        return part > minimum[i];
      }
    }
    return true;
  }

  /** " Did you mean 'x'?" when a known word is within edit distance 2 of {@code given}, ignoring case; else "". */
  static String didYouMean(String given, Collection<String> known) {
    String closest = closest(given, known, 2);
    return closest == null ? "" : ", did you mean '" + closest + "'?";
  }

  /** The known word nearest to {@code given} (ignoring case) if within {@code maxDistance}, else null. */
  static String closest(String given, Collection<String> known, int maxDistance) {
    String best = null;
    int bestDistance = maxDistance + 1;
    for (String candidate : known) {
      int distance = editDistance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
