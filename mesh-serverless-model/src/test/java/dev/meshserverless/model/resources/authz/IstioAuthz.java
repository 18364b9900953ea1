package dev.meshserverless.model.resources.authz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Istio's AuthorizationPolicy decision for one request, over policies in their generic Map form (our objects or
 * reference YAML alike).
 *
 * <p>Supported: policies scoped by their namespace (no root-namespace policies), {@code selector.matchLabels}, actions
 * ALLOW (the default) and DENY, and in rules {@code from.source} namespaces/principals, {@code to.operation}
 * methods/ports/paths/hosts, their {@code notX} forms, and {@code when} on {@code request.headers[..]},
 * {@code source.namespace}, {@code source.principal} and {@code destination.port}. Anything else fails loudly, so a
 * policy is never half understood.
 */
public final class IstioAuthz {
  private static final Pattern HEADER_KEY = Pattern.compile("request\\.headers\\[(.+)]");

  private final List<Map<String, Object>> policies;

  public IstioAuthz(List<Map<String, Object>> policies) {
    this.policies = List.copyOf(policies);
  }

  /** The outcome, and the policy that decided it (for readable failures). */
  public record Decision(boolean allowed, String reason) {}

  public boolean allows(Request request) {
    return decide(request).allowed();
  }

  /**
   * DENY policies first; then, if any ALLOW policy selects the workload, one of their rules must match (an ALLOW
   * policy without rules matches nothing, so it denies everything); with no ALLOW policy, the request is allowed.
   */
  public Decision decide(Request request) {
    List<Map<String, Object>> selecting = policies.stream().filter(p -> selects(p, request.target())).toList();
    for (Map<String, Object> policy : selecting) {
      if (action(policy).equals("DENY") && anyRuleMatches(policy, request)) {
        return new Decision(false, "denied by " + id(policy));
      }
    }
    List<Map<String, Object>> allowing = selecting.stream().filter(p -> action(p).equals("ALLOW")).toList();
    if (allowing.isEmpty()) {
      return new Decision(true, "allowed: no ALLOW policy selects the workload");
    }
    for (Map<String, Object> policy : allowing) {
      if (anyRuleMatches(policy, request)) {
        return new Decision(true, "allowed by " + id(policy));
      }
    }
    return new Decision(false, "denied: no rule of " + allowing.stream().map(IstioAuthz::id).toList() + " matches");
  }

  private static boolean selects(Map<String, Object> policy, Request.Workload workload) {
    if (!Objects.equals(at(policy, "metadata", "namespace"), workload.namespace())) {
      return false;
    }
    Map<?, ?> spec = map(policy.get("spec"));
    requireOnly(spec, Set.of("selector", "action", "rules"), "spec of " + id(policy));
    Map<?, ?> selector = map(spec.get("selector"));
    requireOnly(selector, Set.of("matchLabels"), "selector of " + id(policy));
    return map(selector.get("matchLabels")).entrySet().stream()
        .allMatch(label -> Objects.equals(
            workload.labels().get(String.valueOf(label.getKey())), String.valueOf(label.getValue())));
  }

  private static String action(Map<String, Object> policy) {
    Object action = at(policy, "spec", "action");
    String value = action == null ? "ALLOW" : String.valueOf(action);
    if (!value.equals("ALLOW") && !value.equals("DENY")) {
      throw new UnsupportedOperationException("action " + value + " of " + id(policy));
    }
    return value;
  }

  private static boolean anyRuleMatches(Map<String, Object> policy, Request request) {
    return list(at(policy, "spec", "rules")).stream().anyMatch(rule -> ruleMatches(map(rule), request));
  }

  /** All of from, to and when; a missing part matches anything. */
  private static boolean ruleMatches(Map<?, ?> rule, Request request) {
    requireOnly(rule, Set.of("from", "to", "when"), "rule");
    return anyOrUnset(rule.get("from"), from -> sourceMatches(map(map(from).get("source")), request))
        && anyOrUnset(rule.get("to"), to -> operationMatches(map(map(to).get("operation")), request))
        && list(rule.get("when")).stream().allMatch(condition -> conditionMatches(map(condition), request));
  }

  private static boolean anyOrUnset(Object entries, Predicate<Object> matches) {
    List<?> list = list(entries);
    return list.isEmpty() || list.stream().anyMatch(matches);
  }

  private static boolean sourceMatches(Map<?, ?> source, Request request) {
    requireOnly(source, Set.of("namespaces", "notNamespaces", "principals", "notPrincipals"), "source");
    return field(source, "namespaces", request.source().namespace(), false)
        && field(source, "principals", request.source().principal(), false);
  }

  private static boolean operationMatches(Map<?, ?> operation, Request request) {
    requireOnly(operation,
        Set.of("methods", "notMethods", "ports", "notPorts", "paths", "notPaths", "hosts", "notHosts"), "operation");
    return field(operation, "methods", request.method(), false)
        && field(operation, "ports", String.valueOf(request.port()), false)
        && field(operation, "paths", request.path(), false)
        && field(operation, "hosts", request.host(), true);
  }

  private static boolean conditionMatches(Map<?, ?> condition, Request request) {
    requireOnly(condition, Set.of("key", "values", "notValues"), "when condition");
    String key = String.valueOf(condition.get("key"));
    Matcher header = HEADER_KEY.matcher(key);
    String value;
    if (header.matches()) {
      value = request.headers().get(header.group(1));
    } else {
      value = switch (key) {
        case "source.namespace" -> request.source().namespace();
        case "source.principal" -> request.source().principal();
        case "destination.port" -> String.valueOf(request.port());
        default -> throw new UnsupportedOperationException("when key " + key);
      };
    }
    return values(condition, "values", value, false) && !anyMatches(condition.get("notValues"), value, false);
  }

  /** {@code name} (if set) has a value matching, and {@code notName} has none. */
  private static boolean field(Map<?, ?> fields, String name, String value, boolean ignoreCase) {
    String notName = "not" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    return values(fields, name, value, ignoreCase) && !anyMatches(fields.get(notName), value, ignoreCase);
  }

  private static boolean values(Map<?, ?> fields, String name, String value, boolean ignoreCase) {
    return list(fields.get(name)).isEmpty() || anyMatches(fields.get(name), value, ignoreCase);
  }

  private static boolean anyMatches(Object patterns, String value, boolean ignoreCase) {
    return list(patterns).stream().anyMatch(pattern -> matches(String.valueOf(pattern), value, ignoreCase));
  }

  /** Istio's string match: exact, prefix {@code abc*}, suffix {@code *abc}, or {@code *} (any present value). */
  static boolean matches(String pattern, String value, boolean ignoreCase) {
    if (value == null) {
      return false;
    }
    if (ignoreCase) {
      pattern = pattern.toLowerCase(Locale.ROOT);
      value = value.toLowerCase(Locale.ROOT);
    }
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.startsWith("*")) {
      return value.endsWith(pattern.substring(1));
    }
    if (pattern.endsWith("*")) {
      return value.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return value.equals(pattern);
  }

  private static void requireOnly(Map<?, ?> fields, Set<String> supported, String what) {
    for (Object key : fields.keySet()) {
      if (!supported.contains(String.valueOf(key))) {
        throw new UnsupportedOperationException(what + ": field " + key + " is not supported by this evaluator");
      }
    }
  }

  private static String id(Map<String, Object> policy) {
    return at(policy, "metadata", "namespace") + "/" + at(policy, "metadata", "name");
  }

  private static Object at(Object node, String... path) {
    for (String key : path) {
      node = map(node).get(key);
    }
    return node;
  }

  private static Map<?, ?> map(Object node) {
    return node instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Object node) {
    return node instanceof List<?> l ? l : List.of();
  }
}
