package dev.meshserverless.model.descriptor;

import dev.meshserverless.model.descriptor.Binder.KeyPath;
import dev.meshserverless.model.descriptor.Binder.Scope;
import dev.meshserverless.model.descriptor.Binder.Section;
import dev.meshserverless.model.descriptor.YamlTree.DuplicateKey;
import dev.meshserverless.model.descriptor.YamlTree.MapNode;
import dev.meshserverless.model.descriptor.YamlTree.Node;
import dev.meshserverless.model.descriptor.YamlTree.ParsedFile;
import dev.meshserverless.model.descriptor.YamlTree.ScalarNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Reads a descriptor directory (CONTRACT.md): every {@code *.yaml} and {@code *.yml} file below it, each holding
 * Platform, Environment and Tenant documents, into one validated {@link Descriptor}.
 */
public final class DescriptorReader {
  /** The only {@code apiVersion} of descriptor documents. */
  public static final String API_VERSION = "meshserverless.io/v1alpha1";

  private static final List<String> KINDS = List.of("Platform", "Environment", "Tenant");
  private static final List<String> DOCUMENT_KEYS = List.of("apiVersion", "kind", "metadata", "spec");

  private final Path directory;
  private final SortedSet<Problem> problems = new TreeSet<>();
  private final Binder binder = new Binder(problems);
  /** False when a file could not be parsed: what it defines is unknown, so checks across documents are skipped. */
  private boolean complete = true;
  /** The files read, and those of them that hold no document (empty, or only comments), for the hints. */
  private final List<String> files = new ArrayList<>();
  private final List<String> emptyFiles = new ArrayList<>();

  private DescriptorReader(Path directory) {
    this.directory = directory;
  }

  /** A document whose apiVersion, kind and metadata are read; {@code name} is null when it has none. */
  private record Header(String kind, String label, String name, Node nameNode, Source source, Section document) {}

  /**
   * Reads, defaults and validates every document below {@code directory}. Files are read in the order of their
   * relative paths, and hidden files and folders (named {@code .*}) are skipped, so the result never depends on
   * the file system.
   *
   * @throws DescriptorException with every problem found, each naming its file (relative to {@code directory}),
   *     line, column and key; a problem with the directory as a whole names the directory as given
   * @throws IOException when a file cannot be read
   */
  public static Descriptor read(Path directory) throws DescriptorException, IOException {
    if (!Files.isDirectory(directory)) {
      throw new DescriptorException(List.of(new Problem(directory.toString(), 0, 0,
          "the descriptor directory does not exist; create it and put the Platform, Environment and Tenant"
              + " documents (*.yaml) in it")));
    }
    return new DescriptorReader(directory).read();
  }

  private Descriptor read() throws DescriptorException, IOException {
    Map<String, List<Header>> byKind = readDocuments();
    List<Header> platformHeaders = byKind.get("Platform");
    Platform platform = platform(platformHeaders);
    List<Environment> environments = environments(
        byKind.get("Environment"), platformHeaders.isEmpty() ? null : platformHeaders.get(0), platform);
    List<Tenant> tenants = tenants(byKind.get("Tenant"), environments, platform);
    SortedMap<String, MeshFederation> federations = FederationReader.read(binder, directory, complete,
        environments, documents(byKind.get("Environment")), tenants, documents(byKind.get("Tenant")));
    if (!problems.isEmpty()) {
      throw new DescriptorException(List.copyOf(problems));
    }
    return new Descriptor(platform, environments, tenants, federations);
  }

  /** The documents of every file, by kind, in reading order; documents of an unknown kind are left out. */
  private Map<String, List<Header>> readDocuments() throws IOException {
    Map<String, List<Header>> byKind = new HashMap<>();
    KINDS.forEach(kind -> byKind.put(kind, new ArrayList<>()));
    List<String> names = yamlFiles(directory);
    // Each file parses on its own: in parallel, then taken in file order, so problems and documents keep their order.
    List<ParsedFile> parsedFiles;
    try {
      parsedFiles = names.parallelStream().map(file -> {
        try {
          return YamlTree.parse(file, Files.readAllBytes(directory.resolve(file)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (int i = 0; i < names.size(); i++) {
      String file = names.get(i);
      ParsedFile parsed = parsedFiles.get(i);
      files.add(file);
      if (parsed.failure() != null) {
        problems.add(parsed.failure());
        complete = false;
      } else if (parsed.documents().isEmpty()) {
        emptyFiles.add(file);
      }
      for (YamlTree.Document document : parsed.documents()) {
        Header header = header(document);
        if (header != null) {
          byKind.get(header.kind()).add(header);
        }
      }
    }
    return byKind;
  }

  /** The first Platform; there must be exactly one, but a second one is still checked. */
  private Platform platform(List<Header> headers) {
    if (headers.isEmpty() && complete) {
      problems.add(new Problem(directory.toString(), 0, 0, "no Platform document" + whatWasRead() + ": add one, e.g."
          + " platform.yaml with apiVersion: " + API_VERSION + ", kind: Platform, metadata: {name: acme} and"
          + " spec: {serviceMesh: {version: \"2.6\"}}"));
    }
    List<Platform> platforms = new ArrayList<>();
    for (Header header : headers) {
      if (!platforms.isEmpty()) {
        Header first = headers.get(0);
        binder.error(header.document().map(), KeyPath.root(Scope.of(header.label(), "")), "a descriptor has exactly"
            + " one Platform, and " + first.source() + " already defines " + first.label()
            + "; merge the two, or remove this one");
      }
      header.document().require("spec", "with at least serviceMesh.version, e.g."
          + " spec: {serviceMesh: {version: \"2.6\"}}");
      Node specNode = header.document().node("spec");
      PlatformSpec spec = specNode == null
          ? null
          : PlatformSpecReader.read(binder, specNode, KeyPath.root(Scope.of(header.label(), "spec")));
      platforms.add(new Platform(header.name(), spec, header.source()));
    }
    return platforms.isEmpty() ? null : platforms.get(0);
  }

  /** Every Environment, sorted by name; at least one, and each name once. */
  private List<Environment> environments(List<Header> headers, Header platformHeader, Platform platform) {
    List<Environment> environments = new ArrayList<>();
    Map<String, Header> names = new LinkedHashMap<>();
    for (Header header : headers) {
      Environment environment = environment(header, platformHeader, platform);
      if (unique(header, names)) {
        environments.add(environment);
      }
    }
    if (environments.isEmpty() && complete) {
      problems.add(new Problem(directory.toString(), 0, 0, "no Environment document" + whatWasRead()
          + ": add one per cluster, e.g."
          + " environments/prod.yaml with apiVersion: " + API_VERSION + ", kind: Environment,"
          + " metadata: {name: prod} and spec: {clusterDomain: apps.prod.example.com}"));
    }
    environments.sort(Comparator.comparing(Environment::name, Comparator.nullsFirst(Comparator.naturalOrder())));
    return environments;
  }

  /** " (there is no *.yaml or *.yml file)", " (a.yaml is empty)"...: why a kind may be missing, or "". */
  private String whatWasRead() {
    if (files.isEmpty()) {
      return " (there is no *.yaml or *.yml file in the directory, nor below it)";
    }
    if (!emptyFiles.isEmpty()) {
      return " (" + String.join(", ", emptyFiles) + (emptyFiles.size() == 1 ? " holds" : " hold")
          + " no document: empty, or only comments)";
    }
    return "";
  }

  /** Every Tenant, sorted by name; each name once, each namespace in one tenant. */
  private List<Tenant> tenants(List<Header> headers, List<Environment> environments, Platform platform) {
    TenantReader.Context context = tenantContext(environments, platform);
    List<Tenant> tenants = new ArrayList<>();
    Map<String, Header> names = new LinkedHashMap<>();
    for (Header header : headers) {
      boolean unique = unique(header, names);
      // A repeated tenant is still checked, but its namespaces are not claimed a second time.
      TenantReader.Context tenantContext = unique ? context : new TenantReader.Context(context.environments(),
          context.environmentsComplete(), context.controlPlaneNamespaces(), new HashMap<>(context.claims()));
      Tenant tenant = TenantReader.read(binder, header.label(), header.name(), header.document(), header.source(),
          tenantContext);
      if (unique) {
        tenants.add(tenant);
      }
    }
    tenants.sort(Comparator.comparing(Tenant::name, Comparator.nullsFirst(Comparator.naturalOrder())));
    return tenants;
  }

  /** The first document of each name, as FederationReader reads its spec.federation (S19). */
  private static Map<String, FederationReader.Document> documents(List<Header> headers) {
    Map<String, FederationReader.Document> documents = new HashMap<>();
    headers.stream().filter(header -> header.name() != null).forEach(header -> documents.putIfAbsent(
        header.name(), new FederationReader.Document(header.label(), header.document().node("spec"))));
    return documents;
  }

  /** Every {@code *.yaml} and {@code *.yml} file below {@code directory}, as sorted '/'-separated relative paths. */
  private static List<String> yamlFiles(Path directory) throws IOException {
    return visibleFiles(directory, false).keySet().stream()
        .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
        .toList();
  }

  /**
   * The files the descriptor directory offers the build, by '/'-separated relative path in path order: every regular
   * file outside hidden folders and not hidden itself (a name starting with '.'), and with {@code linksToFiles} also
   * symbolic links to regular files. The reader reads its documents from these (not through links) and its
   * certificates from these (through links); nothing else is an input.
   */
  public static SortedMap<String, Path> visibleFiles(Path directory, boolean linksToFiles) throws IOException {
    SortedMap<String, Path> files = new TreeMap<>();
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        return !dir.equals(directory) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (!isHidden(file)
            && (attributes.isRegularFile() || linksToFiles && attributes.isSymbolicLink() && Files.isRegularFile(file))) {
          files.put(String.join("/", StreamSupport.stream(directory.relativize(file).spliterator(), false)
              .map(Path::toString).toList()), file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return files;
  }

  /** Hidden: a name starting with '.', as {@code .git}; the reader never reads below or from one. */
  static boolean isHidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  /** Reads a document's apiVersion, kind and metadata; null when it is not a map or its kind is unknown. */
  private Header header(YamlTree.Document document) {
    Node root = document.root();
    String kind = rawString(root, "kind");
    String name = rawString(root, "metadata", "name");
    String label = (kind == null ? "Document" : kind) + (name == null ? "" : " " + name);
    for (DuplicateKey duplicate : document.duplicateKeys()) {
      problems.add(Problem.at(duplicate.second().keySource(), label + ": " + duplicate.path() + ": duplicate key '"
          + duplicate.second().key() + "', first at " + duplicate.first().keySource() + "; remove one of them"));
    }
    if (!(root instanceof MapNode)) {
      binder.typeError(root, KeyPath.root(Scope.of(label, "")), "a map with apiVersion, kind, metadata and spec");
      return null;
    }
    KeyPath path = KeyPath.root(Scope.of(label, ""));
    Section section = binder.section(root, path, DOCUMENT_KEYS);
    section.requiredString("apiVersion", API_VERSION, value -> value.equals(API_VERSION)
        ? null
        : "'" + value + "' is not supported; use apiVersion: " + API_VERSION);
    String validKind = section.requiredString("kind", "one of " + String.join(", ", KINDS), value -> {
      if (KINDS.contains(value)) {
        return null;
      }
      String closest = closestKind(value);
      return "unknown kind '" + value + "'" + (closest == null ? "" : ", did you mean '" + closest + "'?")
          + "; a descriptor holds the kinds " + String.join(", ", KINDS);
    });
    if (section.require("metadata", "with the " + (kind == null ? "document" : kind) + "'s name")) {
      section.section("metadata", "name")
          .requiredString("name", "a lowercase name such as acme (RFC 1123 label)",
              value -> Formats.dns1123Label(value, "name"));
    }
    if (validKind == null) {
      return null;
    }
    Node nameNode = name == null ? null : ((MapNode) ((MapNode) root).entries().get("metadata").value())
        .entries().get("name").value();
    return new Header(validKind, label, name, nameNode, root.source(), section);
  }

  /** The closest kind: within edit distance 2, or one that starts with {@code value} ("Env"). */
  private static String closestKind(String value) {
    String closest = Formats.closest(value, KINDS, 2);
    if (closest == null && !value.isEmpty()) {
      String lower = value.toLowerCase(Locale.ROOT);
      closest = KINDS.stream().filter(kind -> kind.toLowerCase(Locale.ROOT).startsWith(lower)).findFirst()
          .orElse(null);
    }
    return closest;
  }

  /** The string at {@code keys} below {@code node}, without checks (for labels of problems), or null. */
  private static String rawString(Node node, String... keys) {
    for (String key : keys) {
      if (!(node instanceof MapNode map) || !map.entries().containsKey(key)) {
        return null;
      }
      node = map.entries().get(key).value();
    }
    return node instanceof ScalarNode scalar && scalar.isString() ? scalar.text() : null;
  }

  /** False, with a problem, when a document of the same kind and name came before {@code header}. */
  private boolean unique(Header header, Map<String, Header> seen) {
    if (header.name() == null) {
      return true;
    }
    Header first = seen.putIfAbsent(header.name(), header);
    if (first == null) {
      return true;
    }
    binder.error(header.nameNode(), KeyPath.root(Scope.of(header.label(), "metadata.name")), "duplicate "
        + header.kind() + " '" + header.name() + "', first defined at " + first.nameNode().source()
        + "; rename or remove one");
    return false;
  }

  /**
   * An Environment document: its cluster domain and its effective platform spec, the Platform's spec with this
   * environment's overrides deep-merged on (maps merge key by key; scalars and lists replace; an empty value
   * resets a key to its default).
   */
  private Environment environment(Header header, Header platformHeader, Platform platform) {
    Section document = header.document();
    document.require("spec", "with at least clusterDomain, e.g. spec: {clusterDomain: apps.prod.example.com}");
    Section spec = document.section("spec", "clusterDomain", "overrides", "federation");
    String clusterDomain = spec.requiredString("clusterDomain", "the domain of the cluster's apps, e.g."
        + " apps.prod.example.com; the ingress wildcard is *.<clusterDomain>",
        value -> Formats.dns1123Subdomain(value, "cluster domain"));
    PlatformSpec effective = platform == null ? null : platform.spec();
    Node platformSpecNode = platformHeader == null ? null : platformHeader.document().node("spec");
    Node overrides = spec.node("overrides");
    if (overrides != null && !(overrides instanceof MapNode)) {
      binder.typeError(overrides, spec.path("overrides"), "a map holding any part of the Platform's spec");
    } else if (overrides instanceof MapNode overridesMap && platformSpecNode instanceof MapNode platformSpec) {
      Scope scope = Scope.of(platformHeader.label(), "spec")
          .overriddenBy(Scope.of(header.label(), "spec.overrides"), overridesMap);
      effective = PlatformSpecReader.read(binder, YamlTree.merge(platformSpec, overridesMap), KeyPath.root(scope));
    }
    return new Environment(header.name(), clusterDomain, effective, header.source());
  }

  private TenantReader.Context tenantContext(List<Environment> environments, Platform platform) {
    TreeSet<String> controlPlaneNamespaces = new TreeSet<>();
    if (platform != null && platform.spec() != null) {
      controlPlaneNamespaces.add(platform.spec().serviceMesh().controlPlaneNamespace());
    }
    environments.stream().filter(environment -> environment.spec() != null)
        .forEach(environment -> controlPlaneNamespaces.add(environment.spec().serviceMesh().controlPlaneNamespace()));
    List<String> names = environments.stream().map(Environment::name).filter(name -> name != null).sorted().toList();
    return new TenantReader.Context(names, complete, controlPlaneNamespaces, new HashMap<>());
  }
}
