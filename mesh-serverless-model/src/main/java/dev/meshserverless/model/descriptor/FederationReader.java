package dev.meshserverless.model.descriptor;

import static dev.meshserverless.model.descriptor.Formats.didYouMean;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.meshserverless.model.descriptor.Binder.Item;
import dev.meshserverless.model.descriptor.Binder.KeyPath;
import dev.meshserverless.model.descriptor.Binder.Scope;
import dev.meshserverless.model.descriptor.Binder.Section;
import dev.meshserverless.model.descriptor.MeshFederation.Peer;
import dev.meshserverless.model.descriptor.MeshFederation.ServiceName;
import dev.meshserverless.model.descriptor.YamlTree.Entry;
import dev.meshserverless.model.descriptor.YamlTree.ListNode;
import dev.meshserverless.model.descriptor.YamlTree.MapNode;
import dev.meshserverless.model.descriptor.YamlTree.Node;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds {@code Environment.spec.federation} and {@code Tenant.spec.federation} and resolves them, across every
 * document, into one {@link MeshFederation} per federated environment (S19, S20). A pairing declared by either
 * environment federates both; an export to an environment of the descriptor also imports the service there.
 */
final class FederationReader {
  private static final List<String> ENVIRONMENT_KEYS =
      List.of("meshName", "trustDomain", "rootCertificate", "ingressDomain", "peers");
  private static final List<String> EXTERNAL_PEER_KEYS = List.of("name", "addresses", "trustDomain",
      "controlPlaneNamespace", "rootCertificate", "discoveryPort", "servicePort");
  private static final List<String> TENANT_KEYS = List.of("exports", "imports");
  private static final List<String> EXPORT_KEYS = List.of("service", "namespace", "to");
  private static final List<String> IMPORT_KEYS = List.of("from", "namespace", "service");
  /** The peer's name is part of this mesh's gateway names, {@code ingress-<peer>}: an RFC 1123 label. */
  private static final int MAX_MESH_NAME = 63 - "ingress-".length();
  private static final Pattern PEM_CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]*?-----END CERTIFICATE-----");
  private static final Pattern IP_V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final String ROOT_CERTIFICATE_HINT = "the path, relative to the descriptor directory, of this"
      + " mesh's public CA root certificate (PEM), e.g. certs/prod-mesh.pem";

  /** A document as the reader found it: what problems call it, and its {@code spec} (null when absent). */
  record Document(String label, Node spec) {}

  /** Where a value is, or would be written: a node, or a key whose value is the problem. */
  private record Place(Node node, Entry key, KeyPath path) {}

  /** {@code Environment.spec.federation} as written, with its defaults. */
  private record Declaration(
      Environment environment,
      String meshName,
      Place meshNamePlace,
      String trustDomain,
      Place trustDomainPlace,
      String rootCertificate,
      Place federationPlace,
      Section section,
      String ingressDomain,
      List<Item<String>> environmentPeers,
      List<External> externals) {}

  /** A mesh outside the descriptor, as one environment names it. */
  private record External(String name, Place namePlace, List<String> addresses, String trustDomain,
      Place trustDomainPlace, String controlPlaneNamespace, String rootCertificate, int discoveryPort,
      int servicePort) {}

  private final Binder binder;
  private final Path directory;
  private final boolean complete;

  private FederationReader(Binder binder, Path directory, boolean complete) {
    this.binder = binder;
    this.directory = directory;
    this.complete = complete;
  }

  /**
   * The federation of every environment that has one, by environment name.
   *
   * @param directory the descriptor directory, which certificate paths are relative to
   * @param complete false when a file could not be read, so a name that looks unknown may be defined in it
   * @param environments every environment, sorted by name
   * @param environmentDocuments the Environment documents by name
   * @param tenants every tenant, sorted by name
   * @param tenantDocuments the Tenant documents by name
   */
  static SortedMap<String, MeshFederation> read(Binder binder, Path directory, boolean complete,
      List<Environment> environments, Map<String, Document> environmentDocuments, List<Tenant> tenants,
      Map<String, Document> tenantDocuments) {
    return new FederationReader(binder, directory, complete)
        .read(environments, environmentDocuments, tenants, tenantDocuments);
  }

  private SortedMap<String, MeshFederation> read(List<Environment> environments,
      Map<String, Document> environmentDocuments, List<Tenant> tenants, Map<String, Document> tenantDocuments) {
    List<String> environmentNames = environments.stream().map(Environment::name).filter(n -> n != null).toList();
    Map<String, Declaration> declarations = new LinkedHashMap<>();
    for (Environment environment : environments) {
      Document document = environment.name() == null ? null : environmentDocuments.get(environment.name());
      Entry federation = document == null ? null : entry(document.spec(), "federation");
      if (federation != null) {
        declarations.put(environment.name(), declaration(environment, document.label(), federation));
      }
    }
    checkUniqueMeshes(declarations);
    SortedMap<String, TreeSet<String>> partners = partners(declarations, environmentNames);
    Map<String, String> rootCertificates = new TreeMap<>();
    declarations.forEach((name, declaration) -> {
      boolean paired = !partners.get(name).isEmpty();
      if (paired && declaration.rootCertificate() == null && !declaration.section().has("rootCertificate")) {
        declaration.section().require("rootCertificate", ROOT_CERTIFICATE_HINT + "; environment "
            + String.join(", ", partners.get(name)) + " federates with this mesh and must trust it");
      }
      rootCertificates.put(name, declaration.rootCertificate());
    });
    checkExternals(declarations, environmentNames);

    Map<String, Map<String, List<ServiceName>>> exports = new TreeMap<>();
    Map<String, Map<String, List<ServiceName>>> imports = new TreeMap<>();
    for (Tenant tenant : tenants) {
      Document document = tenant.name() == null ? null : tenantDocuments.get(tenant.name());
      Entry federation = document == null ? null : entry(document.spec(), "federation");
      if (federation != null) {
        tenant(tenant, document.label(), federation, declarations, partners, environmentNames, exports, imports);
      }
    }

    SortedMap<String, MeshFederation> result = new TreeMap<>();
    declarations.forEach((name, declaration) -> {
      List<Peer> peers = new ArrayList<>();
      for (String partner : partners.get(name)) {
        Declaration other = declarations.get(partner);
        peers.add(new Peer(other.meshName(), partner,
            List.of("ingress-" + declaration.meshName() + "." + other.ingressDomain()),
            MeshFederation.DEFAULT_DISCOVERY_PORT, MeshFederation.DEFAULT_SERVICE_PORT, other.trustDomain(),
            controlPlaneNamespace(other.environment()), rootCertificates.get(partner),
            listed(exports, name, other.meshName()), listed(imports, name, other.meshName())));
      }
      for (External external : declaration.externals()) {
        peers.add(new Peer(external.name(), null, external.addresses(), external.discoveryPort(),
            external.servicePort(), external.trustDomain(), external.controlPlaneNamespace(),
            external.rootCertificate(), listed(exports, name, external.name()),
            listed(imports, name, external.name())));
      }
      result.put(name, new MeshFederation(name, declaration.meshName(), declaration.trustDomain(),
          controlPlaneNamespace(declaration.environment()), peers));
    });
    return Collections.unmodifiableSortedMap(result);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Environment.spec.federation

  private Declaration declaration(Environment environment, String label, Entry federation) {
    KeyPath path = KeyPath.root(Scope.of(label, "spec.federation"));
    Section section = binder.section(federation.value(), path, ENVIRONMENT_KEYS);
    Place federationPlace = new Place(null, federation, path);
    checkMeshVersion(environment, federationPlace);

    String meshName = section.string("meshName", environment.name() + "-mesh", FederationReader::meshName);
    String trustDomain = section.string("trustDomain", meshName + ".local",
        value -> Formats.dns1123Subdomain(value, "trust domain"));
    String rootCertificate = section.has("rootCertificate")
        ? certificate(section.node("rootCertificate"), section.path("rootCertificate"))
        : null;
    String ingressDomain = section.string("ingressDomain",
        controlPlaneNamespace(environment) + "." + environment.clusterDomain(),
        value -> Formats.dns1123Subdomain(value, "ingress domain"));

    List<Item<String>> environmentPeers = new ArrayList<>();
    List<External> externals = new ArrayList<>();
    Map<String, Item<Node>> seen = new LinkedHashMap<>();
    List<Item<Node>> items = section.items("peers");
    for (Item<Node> item : items == null ? List.<Item<Node>>of() : items) {
      if (item.node() instanceof MapNode map && map.entries().containsKey("environment")) {
        Section peer = binder.section(item.node(), item.path(), map.entries().containsKey("name")
            ? List.of("environment", "name")
            : List.of("environment"));
        if (map.entries().containsKey("name")) {
          binder.errorAtKey(map.entries().get("name"), item.path().key("name"), "a peer is either environment"
              + " (a mesh of this descriptor) or name (a mesh outside it), not both; keep one");
          continue;
        }
        String name = peer.requiredString("environment", "", Binder.Check.ANY);
        if (name != null && unseen(seen, "environment " + name, item)) {
          environmentPeers.add(new Item<>(name, peer.node("environment"), peer.path("environment")));
        }
      } else {
        External external = external(item, meshName);
        if (external != null && unseen(seen, "name " + external.name(), item)) {
          externals.add(external);
        }
      }
    }
    return new Declaration(environment, meshName, placeOf(section, "meshName", federationPlace), trustDomain,
        placeOf(section, "trustDomain", federationPlace), rootCertificate, federationPlace, section, ingressDomain,
        environmentPeers, externals);
  }

  /** S20: federation needs Service Mesh 2.1 or later. */
  private void checkMeshVersion(Environment environment, Place place) {
    String version = environment.spec() == null ? null : environment.spec().serviceMesh().version();
    int[] majorMinor = version == null ? null : Formats.majorMinor(version);
    if (majorMinor != null && (majorMinor[0] < 2 || majorMinor[0] == 2 && majorMinor[1] < 1)) {
      report(place, "federation needs Service Mesh 2.1 or later (S20), and this environment runs Service Mesh "
          + version + " (spec.serviceMesh.version); raise it, e.g. to \"2.6\", or remove spec.federation");
    }
  }

  /** A mesh outside the descriptor, or null when it is wrong (the problems are reported). */
  private External external(Item<Node> item, String ownMeshName) {
    if (!(item.node() instanceof MapNode)) {
      binder.typeError(item.node(), item.path(), "a map: {environment: <name>} for an environment of this"
          + " descriptor, or {name, addresses, rootCertificate, ...} for a mesh outside it");
      return null;
    }
    Section peer = binder.section(item.node(), item.path(), EXTERNAL_PEER_KEYS);
    String name = peer.requiredString("name", "the other mesh's name, as its ServiceMeshPeer for this mesh is"
        + " named, or environment: <name> for an environment of this descriptor", FederationReader::meshName);
    List<String> addresses = addresses(peer);
    String trustDomain = peer.string("trustDomain", name + ".local",
        value -> Formats.dns1123Subdomain(value, "trust domain"));
    String namespace = peer.string("controlPlaneNamespace", PlatformSpecReader.DEFAULT_CONTROL_PLANE_NAMESPACE,
        value -> Formats.dns1123Label(value, "namespace name"));
    String rootCertificate = peer.require("rootCertificate", "the path, relative to the descriptor directory, of"
        + " the other mesh's public CA root certificate (PEM), e.g. certs/" + (name == null ? "partner" : name)
        + ".pem") ? certificate(peer.node("rootCertificate"), peer.path("rootCertificate")) : null;
    int discoveryPort = port(peer, "discoveryPort", MeshFederation.DEFAULT_DISCOVERY_PORT);
    int servicePort = port(peer, "servicePort", MeshFederation.DEFAULT_SERVICE_PORT);
    if (name != null && name.equals(ownMeshName)) {
      binder.error(peer.node("name"), peer.path("name"), "'" + name + "' is this environment's own mesh name;"
          + " a mesh cannot federate with itself");
      return null;
    }
    return name == null ? null : new External(name, new Place(peer.node("name"), null, peer.path("name")),
        addresses, trustDomain, placeOf(peer, "trustDomain", new Place(item.node(), null, item.path())), namespace,
        rootCertificate, discoveryPort, servicePort);
  }

  private List<String> addresses(Section peer) {
    if (!peer.require("addresses", "where this mesh reaches the other mesh's ingress gateway for it: DNS names or"
        + " IP addresses of its load balancer, e.g. [federation.partner.example.com]")) {
      return List.of();
    }
    List<Item<String>> items = peer.strings("addresses", FederationReader::address);
    if (peer.node("addresses") instanceof ListNode list && list.items().isEmpty()) {
      binder.error(list, peer.path("addresses"), "list at least one address of the other mesh's ingress gateway,"
          + " e.g. [federation.partner.example.com]");
    }
    return items == null ? List.of() : items.stream().map(Item::value).distinct().toList();
  }

  private int port(Section section, String key, int defaultValue) {
    int port = section.integer(key, defaultValue, 1);
    if (port > 65535) {
      binder.error(section.node(key), section.path(key), "must be a port from 1 to 65535, found " + port);
      return defaultValue;
    }
    return port;
  }

  /** Every pair of environments federated by either side: for each declared environment, its partners. */
  private SortedMap<String, TreeSet<String>> partners(
      Map<String, Declaration> declarations, List<String> environmentNames) {
    SortedMap<String, TreeSet<String>> partners = new TreeMap<>();
    declarations.keySet().forEach(name -> partners.put(name, new TreeSet<>()));
    declarations.forEach((name, declaration) -> {
      for (Item<String> peer : declaration.environmentPeers()) {
        if (peer.value().equals(name)) {
          binder.error(peer.node(), peer.path(), "environment '" + name + "' is this environment; a mesh cannot"
              + " federate with itself");
        } else if (!environmentNames.contains(peer.value())) {
          if (complete) {
            binder.error(peer.node(), peer.path(), "unknown environment '" + peer.value() + "'"
                + didYouMean(peer.value(), environmentNames) + "; the environments are "
                + String.join(", ", environmentNames));
          }
        } else if (!declarations.containsKey(peer.value())) {
          binder.error(peer.node(), peer.path(), "environment '" + peer.value() + "' has no spec.federation;"
              + " give it at least rootCertificate (its mesh's public CA root certificate, PEM), which this mesh"
              + " needs to trust it");
        } else {
          partners.get(name).add(peer.value());
          partners.get(peer.value()).add(name);
        }
      }
    });
    return partners;
  }

  /** Mesh names and trust domains identify meshes: each belongs to one mesh of the descriptor. */
  private void checkUniqueMeshes(Map<String, Declaration> declarations) {
    Map<String, Declaration> names = new LinkedHashMap<>();
    Map<String, Declaration> trustDomains = new LinkedHashMap<>();
    declarations.forEach((environment, declaration) -> {
      Declaration first = names.putIfAbsent(declaration.meshName(), declaration);
      if (first != null) {
        report(declaration.meshNamePlace(), "mesh name '" + declaration.meshName() + "' is already the name of"
            + " environment " + first.environment().name() + "'s mesh (" + where(first.meshNamePlace()) + ");"
            + " every mesh of a federation needs its own name: set spec.federation.meshName");
      }
      first = trustDomains.putIfAbsent(declaration.trustDomain(), declaration);
      if (first != null) {
        report(declaration.trustDomainPlace(), "trust domain '" + declaration.trustDomain() + "' is already the"
            + " trust domain of environment " + first.environment().name() + "'s mesh ("
            + where(first.trustDomainPlace()) + "); every mesh of a federation needs its own trust domain: set"
            + " spec.federation.trustDomain");
      }
    });
  }

  /**
   * A mesh outside the descriptor may be named by several environments, but it is one mesh: one trust domain, and
   * neither its name nor its trust domain is another mesh's.
   */
  private void checkExternals(Map<String, Declaration> declarations, List<String> environmentNames) {
    Map<String, Declaration> meshNames = new TreeMap<>();
    Map<String, String> trustDomainOwners = new TreeMap<>();
    declarations.values().forEach(declaration -> {
      meshNames.putIfAbsent(declaration.meshName(), declaration);
      trustDomainOwners.putIfAbsent(declaration.trustDomain(),
          "environment " + declaration.environment().name() + "'s mesh");
    });
    Map<String, External> externals = new TreeMap<>();
    declarations.values().forEach(declaration -> declaration.externals().forEach(external -> {
      Declaration inDescriptor = meshNames.get(external.name());
      if (inDescriptor != null) {
        report(external.namePlace(), "'" + external.name() + "' is the mesh of environment "
            + inDescriptor.environment().name() + "; write {environment: " + inDescriptor.environment().name()
            + "} to federate with it, or give the mesh outside the descriptor another name");
        return;
      }
      if (environmentNames.contains(external.name())) {
        report(external.namePlace(), "'" + external.name() + "' is the name of an environment, so tenants could"
            + " not tell them apart in exports[].to and imports[].from; write {environment: " + external.name()
            + "} to federate with that environment's mesh, or give the mesh outside the descriptor another name");
        return;
      }
      External first = externals.putIfAbsent(external.name(), external);
      if (first != null && !first.trustDomain().equals(external.trustDomain())) {
        report(external.trustDomainPlace(), "mesh '" + external.name() + "' has trust domain '"
            + first.trustDomain() + "' at " + where(first.trustDomainPlace()) + "; one mesh has one trust domain:"
            + " write the same in both places");
        return;
      }
      String owner = trustDomainOwners.putIfAbsent(external.trustDomain(), "mesh " + external.name());
      if (owner != null && !owner.equals("mesh " + external.name())) {
        report(external.trustDomainPlace(), "trust domain '" + external.trustDomain() + "' is already the trust"
            + " domain of " + owner + "; every mesh of a federation needs its own trust domain");
      }
    }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Tenant.spec.federation

  private void tenant(Tenant tenant, String label, Entry federation, Map<String, Declaration> declarations,
      SortedMap<String, TreeSet<String>> partners, List<String> environmentNames,
      Map<String, Map<String, List<ServiceName>>> exports, Map<String, Map<String, List<ServiceName>>> imports) {
    Section section = binder.section(federation.value(), KeyPath.root(Scope.of(label, "spec.federation")),
        TENANT_KEYS);
    List<String> externalNames = declarations.values().stream()
        .flatMap(declaration -> declaration.externals().stream()).map(External::name).distinct().sorted().toList();
    List<String> peerNames = new ArrayList<>(environmentNames);
    peerNames.addAll(externalNames);

    List<Item<Node>> exportItems = section.items("exports");
    for (Item<Node> item : exportItems == null ? List.<Item<Node>>of() : exportItems) {
      Section export = binder.section(item.node(), item.path(), EXPORT_KEYS);
      String service = export.requiredString("service", "the name of the Kubernetes Service to export, e.g."
          + " payments", value -> Formats.dns1035Label(value, "service name"));
      String namespace = export.requiredString("namespace", "one of the tenant's namespaces", value ->
          tenant.namespaces().isEmpty() || tenant.namespaces().contains(value) ? null : "'" + value + "' is not one"
              + " of the tenant's namespaces (" + String.join(", ", tenant.namespaces()) + "); a tenant exports"
              + " only its own services");
      if (!export.require("to", "the meshes to export to: environments of this descriptor, or names of meshes"
          + " outside it, e.g. [prod]")) {
        continue;
      }
      List<Item<String>> targets = export.strings("to", Binder.Check.ANY);
      if (export.node("to") instanceof ListNode list && list.items().isEmpty()) {
        binder.error(list, export.path("to"), "list at least one mesh to export to, e.g. [prod]");
      }
      TreeSet<String> seen = new TreeSet<>();
      for (Item<String> target : targets == null ? List.<Item<String>>of() : targets) {
        if (!seen.add(target.value())) {
          binder.error(target.node(), target.path(), "'" + target.value() + "' is listed twice; remove one");
          continue;
        }
        boolean federated = false;
        for (String environment : tenant.environments()) {
          Declaration from = declarations.get(environment);
          if (from == null) {
            continue;
          }
          if (partners.get(environment).contains(target.value())) {
            federated = true;
            Declaration to = declarations.get(target.value());
            if (service != null && namespace != null) {
              add(exports, environment, to.meshName(), new ServiceName(namespace, service));
              add(imports, target.value(), from.meshName(), new ServiceName(namespace, service));
            }
          } else if (from.externals().stream().anyMatch(external -> external.name().equals(target.value()))) {
            federated = true;
            if (service != null && namespace != null) {
              add(exports, environment, target.value(), new ServiceName(namespace, service));
            }
          }
        }
        if (!federated) {
          notFederated(tenant, target, peerNames, "name an environment of this descriptor, or a mesh outside it");
        }
      }
    }

    List<Item<Node>> importItems = section.items("imports");
    for (Item<Node> item : importItems == null ? List.<Item<Node>>of() : importItems) {
      Section imported = binder.section(item.node(), item.path(), IMPORT_KEYS);
      String from = imported.requiredString("from", "the mesh outside the descriptor to import from", value ->
          environmentNames.contains(value) ? "'" + value + "' is an environment of this descriptor: its services"
              + " are imported wherever its tenants export them (their spec.federation.exports[].to), so there is"
              + " nothing to declare here; imports name meshes outside the descriptor" : null);
      String namespace = imported.requiredString("namespace", "the namespace of the service in the other mesh",
          value -> Formats.dns1123Label(value, "namespace name"));
      String service = imported.requiredString("service", "the name of the service in the other mesh",
          value -> Formats.dns1035Label(value, "service name"));
      if (from == null) {
        continue;
      }
      boolean federated = false;
      for (String environment : tenant.environments()) {
        Declaration declaration = declarations.get(environment);
        if (declaration != null && declaration.externals().stream().anyMatch(e -> e.name().equals(from))) {
          federated = true;
          if (namespace != null && service != null) {
            add(imports, environment, from, new ServiceName(namespace, service));
          }
        }
      }
      if (!federated) {
        notFederated(tenant, new Item<>(from, imported.node("from"), imported.path("from")), externalNames,
            "imports name a mesh outside the descriptor");
      }
    }
  }

  /** A mesh none of the tenant's environments federates with: unknown, or not federated there. */
  private void notFederated(Tenant tenant, Item<String> target, List<String> peerNames, String what) {
    if (!peerNames.contains(target.value())) {
      if (complete) {
        binder.error(target.node(), target.path(), "unknown mesh '" + target.value() + "'"
            + didYouMean(target.value(), peerNames) + "; " + what + " that an environment lists in"
            + " spec.federation.peers" + (peerNames.isEmpty() ? "" : " (" + String.join(", ", peerNames) + ")"));
      }
      return;
    }
    binder.error(target.node(), target.path(), "none of the tenant's environments ("
        + String.join(", ", tenant.environments()) + ") federates with '" + target.value() + "'; add it to"
        + " spec.federation.peers of one of them, or deploy the tenant where it is federated");
  }

  private static void add(Map<String, Map<String, List<ServiceName>>> byEnvironment, String environment,
      String peer, ServiceName service) {
    byEnvironment.computeIfAbsent(environment, e -> new TreeMap<>()).computeIfAbsent(peer, p -> new ArrayList<>())
        .add(service);
  }

  private static List<ServiceName> listed(
      Map<String, Map<String, List<ServiceName>>> byEnvironment, String environment, String peer) {
    return byEnvironment.getOrDefault(environment, Map.of()).getOrDefault(peer, List.of());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Certificates

  /**
   * The PEM certificates of the file {@code node} names, normalized to {@code \n} line ends and ending with one
   * newline; null, with a problem, when the file is missing, holds a private key or no X.509 certificate.
   */
  private String certificate(Node node, KeyPath path) {
    String written = binder.string(node, path, Binder.Check.ANY);
    if (written == null) {
      return null;
    }
    Path file;
    try {
      file = Path.of(written);
    } catch (InvalidPathException e) {
      binder.error(node, path, "'" + written + "' is not a file path: " + e.getReason());
      return null;
    }
    if (file.isAbsolute() || written.startsWith("/") || written.startsWith("\\")) {
      binder.error(node, path, "'" + written + "' is an absolute path; write it relative to the descriptor"
          + " directory, so that the build does not depend on the machine");
      return null;
    }
    Path resolved = directory.resolve(file).normalize();
    Path inside = directory.normalize();
    if (!resolved.startsWith(inside) || resolved.equals(inside)) {
      binder.error(node, path, "'" + written + "' leads out of the descriptor directory; keep the certificate"
          + " with the descriptor (e.g. certs/<mesh>.pem), so that what the build reads is all in one folder");
      return null;
    }
    for (Path segment : inside.relativize(resolved)) {
      if (DescriptorReader.isHidden(segment)) {
        binder.error(node, path, "'" + written + "' is in a hidden file or folder ('" + segment + "'), which the"
            + " plugin does not read; move it to a visible one, e.g. certs/<mesh>.pem");
        return null;
      }
    }
    if (!Files.isRegularFile(resolved)) {
      binder.error(node, path, "there is no file '" + written + "' (relative to the descriptor directory);"
          + " put the mesh's public CA root certificate (PEM) there, or correct the path");
      return null;
    }
    String text;
    try {
      text = new String(Files.readAllBytes(resolved), UTF_8);
    } catch (IOException e) {
      binder.error(node, path, "cannot read '" + written + "': " + e.getMessage());
      return null;
    }
    if (text.contains("PRIVATE KEY")) {
      binder.error(node, path, "'" + written + "' contains a private key: never commit private keys (rotate"
          + " this one if it was ever committed); keep only the mesh's public CA root certificate"
          + " (-----BEGIN CERTIFICATE-----) in the file");
      return null;
    }
    StringBuilder pem = new StringBuilder();
    Matcher block = PEM_CERTIFICATE.matcher(text);
    while (block.find()) {
      String certificate = block.group().lines().map(String::strip).filter(line -> !line.isEmpty())
          .reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
      try {
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate.getBytes(UTF_8)));
      } catch (CertificateException e) {
        binder.error(node, path, "'" + written + "' holds a PEM block that is not an X.509 certificate ("
            + e.getMessage() + "); export the mesh's CA root certificate again");
        return null;
      }
      pem.append(certificate);
    }
    if (pem.length() == 0) {
      binder.error(node, path, "'" + written + "' is not a certificate: it holds no PEM block -----BEGIN"
          + " CERTIFICATE-----; export the mesh's CA root certificate, e.g. oc get configmap istio-ca-root-cert"
          + " -n <control-plane namespace> -o jsonpath='{.data.root-cert\\.pem}'");
      return null;
    }
    return pem.toString();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** An RFC 1123 label that leaves room for the gateway prefix {@code ingress-}. */
  private static String meshName(String value) {
    String problem = Formats.dns1123Label(value, "mesh name");
    if (problem == null && value.length() > MAX_MESH_NAME) {
      return "'" + value + "' is too long for a mesh name: at most " + MAX_MESH_NAME + " characters, since the"
          + " gateways for it are named ingress-<mesh name> and egress-<mesh name>";
    }
    return problem;
  }

  /** A DNS name or an IP address. */
  private static String address(String value) {
    return IP_V6.matcher(value).matches() ? null : Formats.dns1123Subdomain(value, "address (DNS name or IP)");
  }

  private static String controlPlaneNamespace(Environment environment) {
    return environment.spec() == null
        ? PlatformSpecReader.DEFAULT_CONTROL_PLANE_NAMESPACE
        : environment.spec().serviceMesh().controlPlaneNamespace();
  }

  private static Entry entry(Node spec, String key) {
    return spec instanceof MapNode map ? map.entries().get(key) : null;
  }

  /** Where {@code key} of {@code section} is written, or {@code fallback} when it is not. */
  private static Place placeOf(Section section, String key, Place fallback) {
    return section.has(key) ? new Place(section.node(key), null, section.path(key)) : fallback;
  }

  private boolean unseen(Map<String, Item<Node>> seen, String key, Item<Node> item) {
    Item<Node> first = seen.putIfAbsent(key, item);
    if (first != null) {
      binder.error(item.node(), item.path(), "the peer " + key + " is listed twice (first at "
          + first.node().source() + "); remove one");
      return false;
    }
    return true;
  }

  private void report(Place place, String message) {
    if (place.key() != null) {
      binder.errorAtKey(place.key(), place.path(), message);
    } else {
      binder.error(place.node(), place.path(), message);
    }
  }

  private static String where(Place place) {
    return (place.key() != null ? place.key().keySource() : place.node().source()).toString();
  }
}
