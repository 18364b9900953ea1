package dev.meshserverless.model.descriptor;

import static dev.meshserverless.model.descriptor.Formats.didYouMean;

import dev.meshserverless.model.descriptor.YamlTree.Entry;
import dev.meshserverless.model.descriptor.YamlTree.ListNode;
import dev.meshserverless.model.descriptor.YamlTree.MapNode;
import dev.meshserverless.model.descriptor.YamlTree.Node;
import dev.meshserverless.model.descriptor.YamlTree.ScalarNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Typed reads from a {@link YamlTree} with key paths in the descriptor's vocabulary: a wrong value becomes a
 * {@link Problem} at the place it was written, and the read goes on with the default, so that one run reports
 * every problem.
 */
final class Binder {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private final Collection<Problem> problems;

  Binder(Collection<Problem> problems) {
    this.problems = problems;
  }

  /** What is wrong with a value, or null when it is fine. */
  @FunctionalInterface
  interface Check<T> {
    Check<String> ANY = value -> null;

    String problem(T value);
  }

  /** A value with the node and key path it was read from, so that later checks can point at it. */
  record Item<T>(T value, Node node, KeyPath path) {}

  /**
   * Names the document a problem is in and the key path of the tree being bound, e.g. label "Tenant team-a" and
   * base "spec.services[0]". A tree merged from two documents (an environment's overrides on the platform's spec)
   * names the overriding document for the nodes that came from it, so the same problem in the platform reads the
   * same whichever environment it is found through.
   */
  record Scope(String label, String base, Scope overrides, Set<Node> overrideNodes) {
    static Scope of(String label, String base) {
      return new Scope(label, base, null, Set.of());
    }

    /** This scope for the nodes of a merged tree, except {@code overrideRoot}'s, which are {@code overrides}'. */
    Scope overriddenBy(Scope overrides, Node overrideRoot) {
      return new Scope(label, base, overrides, YamlTree.nodesOf(overrideRoot));
    }

    /** The scope that names {@code node}: the overriding document's if the node came from it. */
    Scope forNode(Node node) {
      return overrides != null && overrideNodes.contains(node) ? overrides.forNode(node) : this;
    }
  }

  /** A key path below a scope's base, such as {@code kafka.bootstrapServers[0]}. */
  record KeyPath(Scope scope, String relative) {
    static KeyPath root(Scope scope) {
      return new KeyPath(scope, "");
    }

    KeyPath key(String key) {
      String segment = PLAIN_KEY.matcher(key).matches() ? key : "'" + key + "'";
      return new KeyPath(scope, relative.isEmpty() ? segment : relative + "." + segment);
    }

    KeyPath index(int index) {
      return new KeyPath(scope, relative + "[" + index + "]");
    }

    /** "Tenant team-a: spec.namespaces[0]" for a problem found at {@code node}. */
    String describe(Node node) {
      Scope at = scope.forNode(node);
      String path = join(at.base(), relative);
      return path.isEmpty() ? at.label() : at.label() + ": " + path;
    }

    private static String join(String base, String relative) {
      if (base.isEmpty() || relative.isEmpty()) {
        return base + relative;
      }
      return relative.startsWith("[") ? base + relative : base + "." + relative;
    }
  }

  /** A problem at {@code node}, named by {@code path}. */
  void error(Node node, KeyPath path, String message) {
    problems.add(Problem.at(node.source(), path.describe(node) + ": " + message));
  }

  /** A problem at the key of {@code entry}. */
  void errorAtKey(Entry entry, KeyPath path, String message) {
    problems.add(Problem.at(entry.keySource(), path.describe(entry.value()) + ": " + message));
  }

  /**
   * {@code node} as a map with only {@code known} keys. Anything else is reported, and an empty section returned
   * that reports no missing keys, since the map's type is the problem.
   */
  Section section(Node node, KeyPath path, List<String> known) {
    if (!(node instanceof MapNode map)) {
      typeError(node, path, "a map");
      return new Section(MapNode.empty(node.source()), path, false);
    }
    for (Entry entry : map.entries().values()) {
      if (!known.contains(entry.key())) {
        String suggestion = didYouMean(entry.key(), known);
        errorAtKey(entry, path.key(entry.key()), "unknown key '" + entry.key() + "'" + (suggestion.isEmpty()
            ? "; known keys: " + String.join(", ", known)
            : suggestion));
      }
    }
    return new Section(map, path, true);
  }

  /** {@code node} as a string that passes {@code check}, or null. */
  String string(Node node, KeyPath path, Check<String> check) {
    if (!(node instanceof ScalarNode scalar && scalar.isString())) {
      typeError(node, path, "a string");
      return null;
    }
    String problem = check.problem(scalar.text());
    if (problem != null) {
      error(node, path, problem);
      return null;
    }
    return scalar.text();
  }

  /** "expected a string, found the number 8080; quote it: "8080"". */
  void typeError(Node node, KeyPath path, String expected) {
    String message = "expected " + expected + ", found " + node.describe();
    if (expected.equals("a string") && node instanceof ScalarNode scalar && (scalar.isNumber() || scalar.isBoolean())) {
      message += "; quote it: \"" + scalar.text() + "\"";
    }
    error(node, path, message);
  }

  /**
   * A map being bound, with its key path. A section that is absent, or not a map, is empty and reports no
   * missing key: what it needs is reported once, by its parent's {@link #require}.
   */
  final class Section {
    private final MapNode map;
    private final KeyPath path;
    private final boolean present;

    private Section(MapNode map, KeyPath path, boolean present) {
      this.map = map;
      this.path = path;
      this.present = present;
    }

    MapNode map() {
      return map;
    }

    KeyPath path() {
      return path;
    }

    KeyPath path(String key) {
      return path.key(key);
    }

    /** The value of {@code key}, or null when the key is absent. */
    Node node(String key) {
      Entry entry = map.entries().get(key);
      return entry == null ? null : entry.value();
    }

    boolean has(String key) {
      return map.entries().containsKey(key);
    }

    /** Whether {@code key} is present; if not, a problem at this map, where {@code hint} says what to write. */
    boolean require(String key, String hint) {
      if (has(key)) {
        return true;
      }
      if (present) {
        error(map, path, "missing required key '" + key + "' (" + hint + ")");
      }
      return false;
    }

    /** The map under {@code key}; an empty one when absent, so that defaults apply. */
    Section section(String key, String... known) {
      Node node = node(key);
      return node == null
          ? new Section(MapNode.empty(map.source()), path(key), false)
          : Binder.this.section(node, path(key), List.of(known));
    }

    String string(String key, String defaultValue, Check<String> check) {
      Node node = node(key);
      if (node == null) {
        return defaultValue;
      }
      String value = Binder.this.string(node, path(key), check);
      return value == null ? defaultValue : value;
    }

    String requiredString(String key, String hint, Check<String> check) {
      return require(key, hint) ? Binder.this.string(node(key), path(key), check) : null;
    }

    boolean bool(String key, boolean defaultValue) {
      Node node = node(key);
      if (node == null) {
        return defaultValue;
      }
      if (node instanceof ScalarNode scalar && scalar.isBoolean()) {
        return Boolean.parseBoolean(scalar.text().toLowerCase(java.util.Locale.ROOT));
      }
      typeError(node, path(key), "a boolean (true or false)");
      return defaultValue;
    }

    int integer(String key, int defaultValue, int min) {
      Node node = node(key);
      if (node == null) {
        return defaultValue;
      }
      if (!(node instanceof ScalarNode scalar && scalar.number() != null)) {
        typeError(node, path(key), "a whole number");
        return defaultValue;
      }
      BigInteger value = scalar.number() instanceof BigInteger big
          ? big
          : BigInteger.valueOf(scalar.number().longValue());
      if (value.compareTo(BigInteger.valueOf(min)) < 0) {
        error(node, path(key), "must be at least " + min + ", found " + scalar.text());
        return defaultValue;
      }
      if (value.bitLength() > 31) {
        error(node, path(key), scalar.text() + " is too large");
        return defaultValue;
      }
      return value.intValue();
    }

    /** One of {@code values} by its exact name. */
    <E extends Enum<E>> E choice(String key, E[] values, E defaultValue) {
      Node node = node(key);
      if (node == null) {
        return defaultValue;
      }
      List<String> names = Arrays.stream(values).map(Enum::name).toList();
      if (!(node instanceof ScalarNode scalar && scalar.isString())) {
        typeError(node, path(key), "one of " + String.join(", ", names));
        return defaultValue;
      }
      for (E value : values) {
        if (value.name().equals(scalar.text())) {
          return value;
        }
      }
      String suggestion = didYouMean(scalar.text(), names);
      error(node, path(key), "'" + scalar.text() + "' is not one of " + String.join(", ", names)
          + (suggestion.isEmpty() ? "" : suggestion));
      return defaultValue;
    }

    /** The items of the list under {@code key}, or null when the key is absent or not a list. */
    List<Item<Node>> items(String key) {
      Node node = node(key);
      if (node == null) {
        return null;
      }
      if (!(node instanceof ListNode list)) {
        typeError(node, path(key), "a list");
        return null;
      }
      List<Item<Node>> items = new ArrayList<>();
      for (int i = 0; i < list.items().size(); i++) {
        items.add(new Item<>(list.items().get(i), list.items().get(i), path(key).index(i)));
      }
      return items;
    }

    /** The strings of the list under {@code key} that pass {@code check}, or null when absent or not a list. */
    List<Item<String>> strings(String key, Check<String> check) {
      List<Item<Node>> items = items(key);
      if (items == null) {
        return null;
      }
      List<Item<String>> strings = new ArrayList<>();
      for (Item<Node> item : items) {
        String value = Binder.this.string(item.node(), item.path(), check);
        if (value != null) {
          strings.add(new Item<>(value, item.node(), item.path()));
        }
      }
      return strings;
    }

    /** The map of strings under {@code key}, sorted; entries that fail a check are reported and left out. */
    SortedMap<String, String> stringMap(String key, Check<String> keyCheck, Check<String> valueCheck) {
      SortedMap<String, String> result = new TreeMap<>();
      Node node = node(key);
      if (node == null) {
        return Collections.unmodifiableSortedMap(result);
      }
      if (!(node instanceof MapNode entries)) {
        typeError(node, path(key), "a map");
        return Collections.unmodifiableSortedMap(result);
      }
      for (Entry entry : entries.entries().values()) {
        KeyPath entryPath = path(key).key(entry.key());
        String keyProblem = keyCheck.problem(entry.key());
        if (keyProblem != null) {
          errorAtKey(entry, entryPath, keyProblem);
          continue;
        }
        String value = Binder.this.string(entry.value(), entryPath, valueCheck);
        if (value != null) {
          result.put(entry.key(), value);
        }
      }
      return Collections.unmodifiableSortedMap(result);
    }
  }
}
