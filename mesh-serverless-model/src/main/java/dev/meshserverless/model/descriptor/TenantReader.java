package dev.meshserverless.model.descriptor;

import static dev.meshserverless.model.descriptor.Formats.didYouMean;

import dev.meshserverless.model.descriptor.Binder.Check;
import dev.meshserverless.model.descriptor.Binder.Item;
import dev.meshserverless.model.descriptor.Binder.KeyPath;
import dev.meshserverless.model.descriptor.Binder.Scope;
import dev.meshserverless.model.descriptor.Binder.Section;
import dev.meshserverless.model.descriptor.Tenant.KnativeService;
import dev.meshserverless.model.descriptor.YamlTree.Entry;
import dev.meshserverless.model.descriptor.YamlTree.MapNode;
import dev.meshserverless.model.descriptor.YamlTree.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Binds a Tenant document's spec: its namespaces, environments, labels and Knative services. */
final class TenantReader {
  // spec.federation (S19) is bound by FederationReader, which needs every environment and tenant.
  private static final List<String> SPEC_KEYS =
      List.of("namespaces", "environments", "labels", "services", "federation");
  private static final List<String> SERVICE_KEYS = List.of("name", "namespace", "image", "env", "gpus", "overrides");
  private static final List<String> SERVICE_OVERRIDE_KEYS = List.of("image", "env", "gpus");
  private static final Comparator<KnativeService> BY_NAMESPACE_AND_NAME =
      Comparator.comparing(KnativeService::namespace).thenComparing(KnativeService::name);

  private TenantReader() {}

  /** Where a tenant namespace was first claimed. */
  record Claim(String tenant, Source source) {}

  /**
   * What a tenant is checked against.
   *
   * @param environments the names of every environment, sorted
   * @param environmentsComplete false when a file could not be read, so an unknown environment may be in it
   * @param controlPlaneNamespaces the Service Mesh control-plane namespace of the platform and each environment
   * @param claims the namespaces of the tenants read so far; this tenant's are added
   */
  record Context(
      List<String> environments,
      boolean environmentsComplete,
      Set<String> controlPlaneNamespaces,
      Map<String, Claim> claims) {}

  /**
   * @param label the tenant as problems name it, e.g. "Tenant team-a"
   * @param document the Tenant document, whose apiVersion, kind and metadata are read already
   */
  static Tenant read(Binder binder, String label, String name, Section document, Source source, Context context) {
    document.require("spec", "with at least namespaces, e.g. spec: {namespaces: [team-a]}");
    Section spec = document.section("spec", SPEC_KEYS.toArray(String[]::new));
    List<String> namespaces = namespaces(binder, spec, label, context);
    List<String> environments = environments(binder, spec, context);
    SortedMap<String, String> labels = spec.stringMap("labels", TenantReader::labelKey, Formats::labelValue);
    Map<String, List<KnativeService>> services = services(binder, spec, label, namespaces, environments, context);
    return new Tenant(name, namespaces, environments, labels, services, source);
  }

  private static List<String> namespaces(Binder binder, Section spec, String tenant, Context context) {
    if (!spec.require("namespaces", "the tenant's namespaces, at least one, e.g. [team-a-dev]")) {
      return List.of();
    }
    List<Item<String>> items = spec.strings("namespaces", name -> Formats.dns1123Label(name, "namespace name"));
    if (items == null) {
      return List.of();
    }
    if (items.isEmpty() && spec.node("namespaces") instanceof YamlTree.ListNode list && list.items().isEmpty()) {
      binder.error(spec.node("namespaces"), spec.path("namespaces"),
          "a tenant needs at least one namespace, e.g. [team-a-dev]");
    }
    Map<String, Item<String>> seen = new LinkedHashMap<>();
    for (Item<String> item : items) {
      Item<String> first = seen.putIfAbsent(item.value(), item);
      String systemNamespace = systemNamespace(item.value(), context.controlPlaneNamespaces());
      if (first != null) {
        binder.error(item.node(), item.path(), "namespace '" + item.value() + "' is listed twice (first at "
            + first.node().source() + "); remove one");
      } else if (systemNamespace != null) {
        binder.error(item.node(), item.path(), systemNamespace);
      } else {
        Claim claim = context.claims().putIfAbsent(item.value(), new Claim(tenant, item.node().source()));
        if (claim != null) {
          binder.error(item.node(), item.path(), "namespace '" + item.value() + "' already belongs to " + claim.tenant()
              + " (" + claim.source() + "); a namespace belongs to one tenant, so choose another name");
        }
      }
    }
    return List.copyOf(seen.keySet());
  }

  /** Why {@code namespace} cannot be a tenant's, or null when it can. */
  private static String systemNamespace(String namespace, Set<String> controlPlaneNamespaces) {
    String cannot = "'" + namespace + "' cannot be a tenant namespace: ";
    if (controlPlaneNamespaces.contains(namespace)) {
      return cannot + "it is the Service Mesh control plane's namespace (spec.serviceMesh.controlPlane.namespace),"
          + " which the platform owns";
    }
    String system = Formats.systemNamespace(namespace);
    return system == null ? null : cannot + system + "; use a namespace of the tenant's own";
  }

  private static List<String> environments(Binder binder, Section spec, Context context) {
    if (!spec.has("environments")) {
      return context.environments();
    }
    List<Item<String>> items = spec.strings("environments", Check.ANY);
    if (items == null) {
      return List.of();
    }
    TreeSet<String> chosen = new TreeSet<>();
    for (Item<String> item : items) {
      if (!context.environments().contains(item.value())) {
        if (context.environmentsComplete()) {
          binder.error(item.node(), item.path(), "unknown environment '" + item.value() + "'"
              + didYouMean(item.value(), context.environments()) + "; the environments are "
              + String.join(", ", context.environments()));
        }
      } else if (!chosen.add(item.value())) {
        binder.error(item.node(), item.path(), "environment '" + item.value() + "' is listed twice; remove one");
      }
    }
    if (spec.node("environments") instanceof YamlTree.ListNode list && list.items().isEmpty()) {
      binder.error(spec.node("environments"), spec.path("environments"), "an empty list deploys the tenant nowhere;"
          + " remove environments to deploy it in every environment, or list some");
    }
    return List.copyOf(chosen);
  }

  /** S17: cost management never overrides a label a pod already has, and Knative sets app on its pods. */
  private static String labelKey(String key) {
    if (key.equals("app")) {
      return "the label 'app' cannot attribute cost: Knative sets app=<revision> on its pods, and cost management"
          + " never overrides a label the resource already has (S17); use another key, such as cost-center";
    }
    return Formats.labelKey(key);
  }

  private static Map<String, List<KnativeService>> services(Binder binder, Section spec, String tenant,
      List<String> namespaces, List<String> environments, Context context) {
    Map<String, List<KnativeService>> byEnvironment = new TreeMap<>();
    environments.forEach(environment -> byEnvironment.put(environment, new ArrayList<>()));
    List<Item<Node>> items = spec.items("services");
    Map<String, Source> seen = new LinkedHashMap<>();
    for (Item<Node> item : items == null ? List.<Item<Node>>of() : items) {
      // Problems in a service read "Tenant t: spec.services[0].image", or "...overrides.prod.image" in an override.
      Scope scope = Scope.of(tenant, item.path().relative());
      KnativeService base = service(binder, item.node(), KeyPath.root(scope), namespaces);
      if (!(item.node() instanceof MapNode map)) {
        continue;
      }
      if (base != null) {
        Node nameNode = map.entries().get("name").value();
        Source first = seen.putIfAbsent(base.namespace() + "/" + base.name(), nameNode.source());
        if (first != null) {
          binder.error(nameNode, KeyPath.root(scope).key("name"), "duplicate service '" + base.name()
              + "' in namespace '" + base.namespace() + "' (first at " + first + "); rename or remove one");
        }
      }
      Map<String, MapNode> overrides = overrides(binder, map, KeyPath.root(scope), environments, context);
      for (String environment : environments) {
        MapNode override = overrides.get(environment);
        KnativeService service = base;
        if (override != null) {
          Map<String, Entry> entries = new LinkedHashMap<>(map.entries());
          entries.remove("overrides");
          Scope merged = scope.overriddenBy(Scope.of(tenant, scope.base() + ".overrides." + environment), override);
          service = service(binder, YamlTree.merge(new MapNode(map.source(), entries), override),
              KeyPath.root(merged), namespaces);
        }
        if (service != null && base != null) {
          byEnvironment.get(environment).add(service);
        }
      }
    }
    Map<String, List<KnativeService>> sorted = new TreeMap<>();
    byEnvironment.forEach((environment, services) ->
        sorted.put(environment, services.stream().sorted(BY_NAMESPACE_AND_NAME).toList()));
    return Collections.unmodifiableMap(sorted);
  }

  /** One service, or null when it is wrong (the problems are reported). */
  private static KnativeService service(Binder binder, Node node, KeyPath path, List<String> namespaces) {
    Section service = binder.section(node, path, SERVICE_KEYS);
    String name = service.requiredString("name", "the Knative service's name, e.g. hello",
        value -> Formats.dns1035Label(value, "service name"));
    String namespace = service.requiredString("namespace", "one of the tenant's namespaces", value ->
        namespaces.isEmpty() || namespaces.contains(value) ? null : "'" + value + "' is not one of the tenant's"
            + " namespaces (" + String.join(", ", namespaces) + "); use one of them, or add it to spec.namespaces");
    String image = service.requiredString("image", "the container image, e.g. quay.io/acme/hello:1.0", value ->
        value.isBlank() || value.chars().anyMatch(Character::isWhitespace)
            ? "'" + value + "' is not a container image reference; write e.g. quay.io/acme/hello:1.0"
            : null);
    SortedMap<String, String> env = service.stringMap("env", Formats::envVarName, Check.ANY);
    int gpus = service.integer("gpus", 0, 0);
    return name == null || namespace == null || image == null
        ? null
        : new KnativeService(name, namespace, image, env, gpus);
  }

  /** The service's {@code overrides}, by environment, holding only the keys that may be overridden. */
  private static Map<String, MapNode> overrides(
      Binder binder, MapNode service, KeyPath path, List<String> environments, Context context) {
    Map<String, MapNode> result = new TreeMap<>();
    Entry overrides = service.entries().get("overrides");
    if (overrides == null) {
      return result;
    }
    if (!(overrides.value() instanceof MapNode byEnvironment)) {
      binder.typeError(overrides.value(), path.key("overrides"), "a map of environment name to overrides");
      return result;
    }
    for (Entry entry : byEnvironment.entries().values()) {
      KeyPath entryPath = path.key("overrides").key(entry.key());
      if (!environments.contains(entry.key()) && context.environments().contains(entry.key())) {
        binder.errorAtKey(entry, entryPath, "the tenant is not deployed in environment '" + entry.key()
            + "' (its environments: " + String.join(", ", environments) + "); remove this override or add "
            + entry.key() + " to spec.environments");
      } else if (!environments.contains(entry.key()) && context.environmentsComplete()) {
        binder.errorAtKey(entry, entryPath, "unknown environment '" + entry.key() + "'"
            + didYouMean(entry.key(), environments) + "; the tenant's environments are "
            + String.join(", ", environments));
      }
      Section override = binder.section(entry.value(), entryPath, SERVICE_OVERRIDE_KEYS);
      Map<String, Entry> allowed = new LinkedHashMap<>(override.map().entries());
      allowed.keySet().retainAll(SERVICE_OVERRIDE_KEYS);
      if (environments.contains(entry.key())) {
        result.put(entry.key(), new MapNode(override.map().source(), allowed));
      }
    }
    return result;
  }
}
