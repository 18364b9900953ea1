package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.descriptor.DescriptorException;
import dev.meshserverless.model.descriptor.DescriptorReader;
import dev.meshserverless.model.descriptor.Problem;
import dev.meshserverless.model.output.MeshMoveGuard;
import dev.meshserverless.model.output.RenderedTree;
import dev.meshserverless.model.output.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random descriptors, valid and invalid, from pools of right and wrong values for every key, random file layouts and
 * random damage to the bytes: each one either renders a tree that satisfies S2 and (for a sample) writes, is no
 * mesh move from itself (S4), builds with {@code kubectl kustomize} and passes {@code validate-manifests}, or fails with a
 * {@link DescriptorException} whose every problem has a place. Any other exception fails the property, and jqwik
 * shrinks it to a small descriptor and prints the seed that replays it.
 */
class RandomDescriptorsTest {
  static final Path VALIDATOR = GoldenValidationTest.VALIDATOR;
  /** At most this many valid trees go through kubectl kustomize and validate-manifests (about 3 s each). */
  static final int MAX_VALIDATED = 4;
  static final String DELETE = "<delete>";

  static final AtomicInteger VALID = new AtomicInteger();
  static final AtomicInteger INVALID = new AtomicInteger();
  static final AtomicInteger VALIDATED = new AtomicInteger();

  /** A value written at a key path of a spec ({@code a.b.c}); {@link #DELETE} removes the key. */
  record Setting(String path, String value) {
    @Override
    public String toString() {
      return path + "=" + value;
    }
  }

  record Env(String name, String clusterDomain, List<Setting> overrides) {}

  record Service(String name, String namespace, String image, String gpus, String env, String overrides) {}

  record TenantDoc(String name, List<String> namespaces, String environments, String labels, List<Service> services) {}

  /** Damage to one file: {@code kind} at a relative position of a file chosen by {@code file}. */
  record Mutation(int file, double position, String kind, String text) {}

  enum Layout { ONE_FILE, FILE_PER_DOCUMENT, FILE_PER_KIND }

  record RandomDescriptor(
      List<Setting> platform, List<Env> environments, List<TenantDoc> tenants, Layout layout, List<Mutation> damage) {
    /** The descriptor files, relative path to bytes. */
    Map<String, byte[]> files() {
      List<String> platforms = List.of(platformDocument());
      List<String> envs = environments.stream().map(RandomDescriptorsTest::environmentDocument).toList();
      String firstEnvironment = environments.isEmpty() ? "dev" : environments.get(0).name();
      List<String> tenantDocs = tenants.stream().map(t -> tenantDocument(t, firstEnvironment)).toList();
      Map<String, String> texts = new LinkedHashMap<>();
      switch (layout) {
        case ONE_FILE -> {
          List<String> all = new ArrayList<>(platforms);
          all.addAll(envs);
          all.addAll(tenantDocs);
          texts.put("descriptor.yaml", String.join("---\n", all));
        }
        case FILE_PER_KIND -> {
          texts.put("platform.yaml", platforms.get(0));
          texts.put("environments.yml", String.join("---\n", envs));
          texts.put("tenants/all.yaml", String.join("---\n", tenantDocs));
        }
        case FILE_PER_DOCUMENT -> {
          texts.put("platform.yaml", platforms.get(0));
          for (int i = 0; i < envs.size(); i++) {
            texts.put("environments/env-" + i + ".yaml", envs.get(i));
          }
          for (int i = 0; i < tenantDocs.size(); i++) {
            texts.put("tenants/t" + (tenantDocs.size() - i) + "/tenant.yaml", tenantDocs.get(i));
          }
        }
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      texts.forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
      List<String> paths = new ArrayList<>(files.keySet());
      for (Mutation mutation : damage) {
        String path = paths.get(mutation.file() % paths.size());
        files.put(path, damaged(files.get(path), mutation));
      }
      return files;
    }

    String platformDocument() {
      Map<String, Object> spec = new LinkedHashMap<>();
      set(spec, "serviceMesh.version", "\"2.6\"");
      platform.forEach(setting -> set(spec, setting.path(), setting.value()));
      return header("Platform", "acme") + "spec:\n" + yaml(spec, 1);
    }
  }

  // ---- the property

  @Property(tries = 400)
  void rendersOrFailsCleanly(@ForAll("descriptors") RandomDescriptor descriptor) throws Exception {
    Path dir = Files.createTempDirectory("random-descriptor-");
    try {
      Path descriptorDirectory = dir.resolve("mesh-serverless");
      for (Map.Entry<String, byte[]> file : descriptor.files().entrySet()) {
        Path path = descriptorDirectory.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.write(path, file.getValue());
      }
      RenderedTree tree;
      try {
        tree = Platforms.render(descriptorDirectory);
      } catch (DescriptorException e) {
        INVALID.incrementAndGet();
        Statistics.collect("invalid");
        assertThat(e.problems()).isNotEmpty();
        for (Problem problem : e.problems()) {
          assertThat(problem.message()).isNotBlank();
          assertThat(problem.line() > 0 || problem.file().equals(descriptorDirectory.toString()))
              .as("%s has a line, or is about the directory", problem).isTrue();
        }
        return;
      }
      VALID.incrementAndGet();
      Statistics.collect("valid");
      assertThat(tree.size()).isPositive();
      assertThat(Platforms.render(DescriptorReader.read(descriptorDirectory), Platforms.Rendering.SEQUENTIAL))
          .as("the sequential rendering").isEqualTo(tree);
      assertThat(PreInstallChecks.violations(tree)).isEmpty();
      if (VALID.get() % 5 == 1) {
        // On disk (a few times, as it costs): the tree writes, and it is no mesh move from itself.
        Path output = dir.resolve("gitops");
        TreeWriter.replace(output, tree);
        assertThat(MeshMoveGuard.moves(output, tree)).isEmpty();
        if (VALIDATED.get() < MAX_VALIDATED) {
          VALIDATED.incrementAndGet();
          buildAndValidate(output);
        }
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  @AfterContainer
  static void bothKindsWereGenerated() {
    System.out.printf("random descriptors: %d valid, %d invalid, %d valid trees built and validated%n",
        VALID.get(), INVALID.get(), VALIDATED.get());
    assertThat(VALID.get()).as("valid random descriptors").isGreaterThan(20);
    assertThat(INVALID.get()).as("invalid random descriptors").isGreaterThan(20);
  }

  /**
   * kubectl kustomize of every environments/<env>, then validate-manifests over the first one's objects (one build
   * per call: the environments hold the same platform objects, which the validator would call duplicates).
   */
  static void buildAndValidate(Path output) throws Exception {
    List<Path> environments;
    try (Stream<Path> list = Files.list(output.resolve("environments"))) {
      environments = list.sorted().toList();
    }
    List<String> builds = new ArrayList<>();
    for (Path environment : environments) {
      String built = run(List.of("kubectl", "kustomize", environment.toString()), null);
      if (built == null) {
        System.out.println("SKIP kubectl kustomize: kubectl not found");
        return;
      }
      builds.add(built);
    }
    if (!Files.isExecutable(VALIDATOR)) {
      System.out.println("SKIP validate-manifests: ../shared not present");
      return;
    }
    String report = run(List.of(VALIDATOR.toString(), "-"), builds.get(0));
    assertThat(report).as("validate-manifests").contains(" 0 invalid, 0 unknown-kind");
  }

  /** The command's output; it must succeed. Null when the command does not exist. */
  static String run(List<String> command, String input) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    try (var stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
    return output;
  }

  // ---- generators: pools of right and wrong values
  //
  // Half of the descriptors are drawn from right values only, arranged so that most of them are valid (the rules
  // across keys still make some invalid); the other half from right and wrong values, some with damaged bytes.

  @Provide
  Arbitrary<RandomDescriptor> descriptors() {
    return Arbitraries.oneOf(descriptors(true), descriptors(false));
  }

  static Arbitrary<RandomDescriptor> descriptors(boolean right) {
    Arbitrary<List<Setting>> platform = settings(right).list().ofMaxSize(6);
    Arbitrary<List<Env>> environments = right
        ? environment(true).list().ofMinSize(1).ofMaxSize(3).uniqueElements(Env::name)
        : environment(false).list().ofMaxSize(3);
    Arbitrary<List<TenantDoc>> tenants = right
        ? tenant(true).list().ofMaxSize(4).uniqueElements(TenantDoc::name)
        : tenant(false).list().ofMaxSize(4);
    Arbitrary<List<Mutation>> damage = right
        ? Arbitraries.just(List.of())
        : Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(List.<Mutation>of())),
            Tuple.of(1, mutation().list().ofMinSize(1).ofMaxSize(2)));
    return Combinators.combine(platform, environments, tenants, Arbitraries.of(Layout.class), damage)
        .as(RandomDescriptor::new);
  }

  /** Settings of Platform.spec or an environment's overrides; several keys set together are joined by '|'. */
  static Arbitrary<Setting> settings(boolean right) {
    List<Arbitrary<Setting>> settings = new ArrayList<>(List.of(
        setting(right, "serverless.version", List.of("\"1.37\"", "\"1.31\"", "\"1.35.1\""),
            "\"1.30\"", "1.37", "latest", "\"\""),
        setting(right, "serviceMesh.version", List.of("\"2.6\"", "\"2.2\"", "\"2.5.1\""),
            "\"2.1\"", "\"2.0.4\"", "\"1.1\"", "\"3.0\"", "2.6", "~", DELETE),
        setting(right, "serviceMesh.version|ingress|tenantIsolation", List.of("\"2.0\"|Kourier|false",
            "\"1.1\"|Kourier|false", "\"2.0.4\"|Kourier|false"), "\"3.0\"|Kourier|false", "\"2.0\"|Istio|false"),
        setting(right, "serviceMesh.controlPlane.name", List.of("basic", "mesh"), "Bad_Name", "\"\""),
        setting(right, "serviceMesh.controlPlane.namespace", List.of("istio-system", "mesh-system"),
            "kube-system", "knative-serving", "team-a-1", "\"Mesh\""),
        setting(right, "serviceMesh.membership", List.of("MemberRoll", "Member"), "memberroll", "[Member]"),
        setting(right, "serviceMesh.manageNetworkPolicy", List.of("true", "false"), "\"no\"", "1"),
        setting(right, "serviceMesh.terminationDrainDuration", List.of("35s", "1m", "1m30s", "45.5s"),
            "30s", "forever", "35", "\"\""),
        setting(right, "ingress|tenantIsolation", List.of("Istio|true", "Kourier|false"), "Kourier|true"),
        setting(right, "tls.secretName", List.of("wildcard-certs", "my.certs"), "BAD", "{}"),
        setting(right, "serving.localGateway", List.of("IstioMutual", "Http"), "https", "Https"),
        setting(right, "serving.localGateway|serving.localGatewaySecretName", List.of("Https|local-certs"),
            "Https|\"Local Certs\""),
        setting(right, "serving.metrics", List.of("true", "false"), "\"false\""),
        setting(right, "serving.secretInformerFiltering", List.of("true", "false"), "maybe"),
        setting(right, "eventing.enabled|kafka.enabled", List.of("true|false", "false|false"), "\"yes\"|false",
            "false|true"),
        setting(right, "kafka.enabled|kafka.bootstrapServers", List.of(
                "true|[my-cluster-kafka-bootstrap.kafka:9092]", "true|[a.kafka:9092, b.kafka:9093, a.kafka:9094]",
                "false|[k:9092]"),
            "true|[kafka:0]", "true|[\"PLAINTEXT://k:9092\"]", "true|[]", "true|k:9092", "true|[[k:9092]]",
            "true|[k:9092, k:9092]"),
        setting(right, "kafka.numPartitions", List.of("1", "10"), "0", "-3", "\"ten\"", "99999999999", "2.5"),
        setting(right, "kafka.replicationFactor", List.of("1", "3"), "0")));
    if (!right) {
      settings.add(setting(false, "serviceMesh", List.of(), "\"2.6\"", "[]", "{}"));
      settings.add(setting(false, "ingress", List.of(), "istio", "[Istio]", "{a: b}"));
      settings.add(setting(false, "eventing", List.of(), "~", "true"));
      settings.add(setting(false, "tenantIsolaton", List.of(), "false"));
    }
    return Arbitraries.oneOf(settings);
  }

  /** {@code path} set to one of the right values, or (unless {@code right}) of the right and wrong ones. */
  static Arbitrary<Setting> setting(boolean right, String path, List<String> rightValues, String... wrongValues) {
    List<String> values = new ArrayList<>(rightValues);
    if (!right) {
      values.addAll(List.of(wrongValues));
    }
    return Arbitraries.of(values).map(value -> new Setting(path, value));
  }

  static Arbitrary<Env> environment(boolean right) {
    Arbitrary<String> names = right
        ? Arbitraries.of("dev", "prod", "staging", "edge-1")
        : Arbitraries.of("dev", "prod", "prod", "staging", "Prod", "a.b", "\"\"", "x".repeat(64));
    Arbitrary<String> domains = right
        ? Arbitraries.of("apps.dev.example.com", "apps.example.com")
        : Arbitraries.of("apps.dev.example.com", "https://apps.x", "-bad-", "\"\"", "42");
    return Combinators.combine(names, domains, Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(List.<Setting>of())),
            Tuple.of(1, settings(right).list().ofMinSize(1).ofMaxSize(3))))
        .as(Env::new);
  }

  /**
   * A tenant. With right values only, its namespaces are its name plus a suffix (so tenants never share one), a
   * service's namespace is {@code #<i>} (the tenant's i-th namespace), and {@code #env} is the first environment.
   */
  static Arbitrary<TenantDoc> tenant(boolean right) {
    Arbitrary<String> namespace = right
        ? Arbitraries.of("#1", "#2", "#dev")
        : Arbitraries.of("team-a-1", "team-a-2", "team-b-1", "shared", "mesh-system", "kube-system",
            "istio-system", "knative-eventing", "Bad_NS", "openshift-x", "default");
    Arbitrary<List<String>> namespaces = right
        ? namespace.list().ofMinSize(1).ofMaxSize(3).uniqueElements()
        : Arbitraries.frequencyOf(
            Tuple.of(8, namespace.list().ofMinSize(1).ofMaxSize(3)),
            Tuple.of(1, Arbitraries.just(List.<String>of())));
    Arbitrary<String> environments = right
        ? Arbitraries.of("", "", "[#env]")
        : Arbitraries.of("", "[dev]", "[prod, dev]", "[prdo]", "[]", "dev", "[dev, dev]");
    Arbitrary<String> labels = right
        ? Arbitraries.of("", "{cost-center: cc-1234}", "{example.com/team: a, tier: \"\"}")
        : Arbitraries.of("", "{app: x}", "{\"bad key!\": v}", "[a]", "{cost-center: \"a b\"}");
    Arbitrary<Service> service = Combinators.combine(
            right ? Arbitraries.of("hello", "web", "api") : Arbitraries.of("hello", "hello", "1bad", "Hello"),
            right ? Arbitraries.of("#0", "#1", "#2") : namespace,
            right
                ? Arbitraries.of("quay.io/acme/hello:1.0", "docker.io/openshift/hello-openshift")
                : Arbitraries.of("quay.io/acme/hello:1.0", "\"has space\"", "\"\""),
            right ? Arbitraries.of("", "0", "1", "2") : Arbitraries.of("", "-1", "1.5", "\"2\""),
            right ? Arbitraries.of("", "{RESPONSE: hi}", "{A: \"1\"}") : Arbitraries.of("", "{\"1X\": y}", "{A: 1}", "[A]"),
            right
                ? Arbitraries.of("", "{#env: {image: quay.io/acme/hello:2.0}}", "{#env: {gpus: 2, env: {B: c}}}")
                : Arbitraries.of("", "{prod: {image: quay.io/acme/hello:2.0}}", "{nowhere: {image: x}}",
                    "{prod: {bogus: 1}}", "{prod: []}", "[prod]"))
        .as(Service::new);
    Arbitrary<List<Service>> services = right
        ? service.list().ofMaxSize(2).uniqueElements(Service::name)
        : service.list().ofMaxSize(2);
    return Combinators.combine(
            right ? Arbitraries.of("team-a", "team-b", "team-c", "team-d") : Arbitraries.of("team-a", "team-a",
                "Team_D", "team-b"),
            namespaces, environments, labels, services)
        .as(TenantDoc::new);
  }

  static Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 50),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.of("delete", "insert", "insert", "duplicate-line", "truncate", "latin1"),
            Arbitraries.of(":", "-", "[", "]", "{", "}", "\t", "\"", "'", "#", "&a ", "*a", "!!binary ", "|", ">",
                "%", "@", "`", " ", "\n", "\n---\n", "? ", "\u0000", "\uFEFF", "é", "<<: "))
        .as(Mutation::new);
  }

  // ---- writing documents

  static String header(String kind, String name) {
    return "apiVersion: meshserverless.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n";
  }

  static String environmentDocument(Env env) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("clusterDomain", env.clusterDomain());
    if (!env.overrides().isEmpty()) {
      Map<String, Object> overrides = new LinkedHashMap<>();
      env.overrides().forEach(setting -> set(overrides, setting.path(), setting.value()));
      spec.put("overrides", overrides.isEmpty() ? "{}" : overrides);
    }
    return header("Environment", env.name()) + "spec:\n" + yaml(spec, 1);
  }

  /** A Tenant document; {@code firstEnvironment} replaces {@code #env}, the tenant's namespaces {@code #<i>}. */
  static String tenantDocument(TenantDoc tenant, String firstEnvironment) {
    List<String> namespaces = tenant.namespaces().stream()
        .map(ns -> ns.startsWith("#") ? tenant.name() + "-" + ns.substring(1) : ns).toList();
    String environment = tenant.services().isEmpty() && !tenant.environments().contains("#env")
        ? null
        : firstEnvironment;
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("namespaces", "[" + String.join(", ", namespaces) + "]");
    putIfWritten(spec, "environments", tenant.environments().replace("#env", String.valueOf(environment)));
    putIfWritten(spec, "labels", tenant.labels());
    if (!tenant.services().isEmpty()) {
      List<Map<String, Object>> services = new ArrayList<>();
      for (Service service : tenant.services()) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", service.name());
        map.put("namespace", service.namespace().matches("#[0-9]")
            ? namespaces.get(Integer.parseInt(service.namespace().substring(1)) % namespaces.size())
            : service.namespace());
        map.put("image", service.image());
        putIfWritten(map, "gpus", service.gpus());
        putIfWritten(map, "env", service.env());
        putIfWritten(map, "overrides", service.overrides().replace("#env", String.valueOf(environment)));
        services.add(map);
      }
      spec.put("services", services);
    }
    return header("Tenant", tenant.name()) + "spec:\n" + yaml(spec, 1);
  }

  static void putIfWritten(Map<String, Object> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }

  /**
   * Writes {@code value} at {@code path}, replacing a scalar on the way by a map; {@link #DELETE} removes it.
   * {@code a|b} with {@code x|y} writes x at a and y at b.
   */
  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> root, String path, String value) {
    if (path.contains("|")) {
      String[] paths = path.split("\\|");
      String[] values = value.split("\\|");
      for (int i = 0; i < paths.length; i++) {
        set(root, paths[i], values[i]);
      }
      return;
    }
    String[] keys = path.split("\\.");
    Map<String, Object> map = root;
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = map.get(keys[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        map.put(keys[i], next);
      }
      map = (Map<String, Object>) next;
    }
    if (value.equals(DELETE)) {
      map.remove(keys[keys.length - 1]);
    } else {
      map.put(keys[keys.length - 1], value);
    }
  }

  /** Block YAML of maps and lists of maps whose leaves are YAML text already (scalars or flow collections). */
  @SuppressWarnings("unchecked")
  static String yaml(Map<String, Object> map, int depth) {
    StringBuilder out = new StringBuilder();
    String indent = "  ".repeat(depth);
    map.forEach((key, value) -> {
      if (value instanceof Map<?, ?> nested) {
        out.append(indent).append(key).append(nested.isEmpty() ? ": {}\n" : ":\n")
            .append(yaml((Map<String, Object>) nested, depth + 1));
      } else if (value instanceof List<?> items) {
        out.append(indent).append(key).append(":\n");
        for (Object item : items) {
          String block = yaml((Map<String, Object>) item, depth + 2);
          out.append(indent).append("  - ").append(block.substring(indent.length() + 4));
        }
      } else {
        out.append(indent).append(key).append(": ").append(value).append("\n");
      }
    });
    return out.toString();
  }

  /** The bytes of one file after one mutation. */
  static byte[] damaged(byte[] bytes, Mutation mutation) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = (int) Math.min(text.length(), Math.floor(mutation.position() * text.length()));
    String damaged = switch (mutation.kind()) {
      case "delete" -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
      case "insert" -> text.substring(0, at) + mutation.text() + text.substring(at);
      case "duplicate-line" -> {
        int start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        int end = text.indexOf('\n', at);
        String line = text.substring(start, end < 0 ? text.length() : end + 1);
        yield text.substring(0, start) + line + (line.endsWith("\n") ? "" : "\n") + text.substring(start);
      }
      case "truncate" -> text.substring(0, at);
      default -> null; // latin1
    };
    if (damaged != null) {
      return damaged.getBytes(StandardCharsets.UTF_8);
    }
    byte[] result = new byte[bytes.length + 1];
    int byteAt = (int) Math.min(bytes.length, Math.floor(mutation.position() * bytes.length));
    System.arraycopy(bytes, 0, result, 0, byteAt);
    result[byteAt] = (byte) 0xE9; // é in ISO 8859-1, never valid UTF-8 on its own
    System.arraycopy(bytes, byteAt, result, byteAt + 1, bytes.length - byteAt);
    return result;
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
