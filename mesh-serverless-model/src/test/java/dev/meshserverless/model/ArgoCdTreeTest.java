package dev.meshserverless.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshserverless.model.descriptor.Descriptor;
import dev.meshserverless.model.descriptor.DescriptorReader;
import dev.meshserverless.model.descriptor.Environment;
import dev.meshserverless.model.descriptor.Tenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Argo CD part of every reviewed golden tree, read from what {@code kubectl kustomize} builds: every
 * Application's path is a unit of the tree that builds; the sync waves follow the order the platform needs on an
 * empty cluster; every object whose CRD an operator installs may skip the dry run; tenant projects admit nothing
 * outside the tenant's namespaces and workloads; no Secret is ever written.
 */
class ArgoCdTreeTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String WAVE = "argocd.argoproj.io/sync-wave";
  private static final String OPTIONS = "argocd.argoproj.io/sync-options";
  /** API groups whose CRDs the operators install: Service Mesh, Serverless, Knative Serving, cert-manager. */
  private static final Set<String> OPERATOR_GROUPS = Set.of("maistra.io", "federation.maistra.io",
      "networking.istio.io", "security.istio.io", "operator.knative.dev", "operator.serverless.openshift.io",
      "serving.knative.dev", "cert-manager.io");

  /** One environment with Argo CD delivery in one golden case. */
  record Delivered(String goldenCase, Path tree, Environment environment, List<Tenant> tenants) {
    Path folder() {
      return tree.resolve("argocd").resolve(environment.name());
    }

    /** A path of an Application, relative to the tree (the repository path less the descriptor's prefix). */
    String inTree(String repositoryPath) {
      String prefix = environment.spec().argocd().path();
      if (prefix.isEmpty()) {
        return repositoryPath;
      }
      assertThat(repositoryPath).as("repository path").startsWith(prefix + "/");
      return repositoryPath.substring(prefix.length() + 1);
    }

    @Override
    public String toString() {
      return goldenCase + " " + environment.name();
    }
  }

  static Stream<Delivered> delivered() throws Exception {
    List<Delivered> all = new ArrayList<>();
    for (String goldenCase : GoldenTreeTest.cases().toList()) {
      Descriptor descriptor = DescriptorReader.read(GoldenTreeTest.descriptorOf(goldenCase));
      Path tree = GoldenTreeTest.GOLDEN.resolve(goldenCase).resolve("expected");
      for (Environment env : descriptor.environments()) {
        if (env.spec().argocd() != null) {
          all.add(new Delivered(goldenCase, tree, env, descriptor.tenantsIn(env.name())));
        }
      }
    }
    return all.stream();
  }

  @Test
  @DisplayName("the bundled example and the Kafka + isolation case are delivered by Argo CD")
  void casesWithArgoCd() throws Exception {
    assertThat(delivered().map(Delivered::toString)).contains("example dev", "example prod",
        "kafka-isolation-argocd staging", "kafka-isolation-argocd production");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delivered")
  @DisplayName("the root syncs argocd/<env>/apps, every Application's path is a unit that builds, none is"
      + " environments/<env>, and the ApplicationSet finds exactly the tenants' folders")
  void applicationPaths(Delivered delivered) throws Exception {
    List<Map<String, Object>> bootstrap = build(delivered.folder());
    Map<String, Object> root = only(bootstrap, "Application");
    assertThat(delivered.inTree(string(root, "spec", "source", "path")))
        .isEqualTo("argocd/" + delivered.environment().name() + "/apps");
    assertThat(only(bootstrap, "AppProject")).isEqualTo(only(build(delivered.folder().resolve("apps")), "AppProject"));

    List<Map<String, Object>> applications = new ArrayList<>();
    List<Map<String, Object>> apps = build(delivered.folder().resolve("apps"));
    applications.addAll(of(apps, "Application"));
    for (Tenant tenant : delivered.tenants()) {
      applications.addAll(of(build(delivered.folder().resolve("tenants").resolve(tenant.name())), "Application"));
    }
    assertThat(applications).hasSize(1 + 2 * delivered.tenants().size());
    for (Map<String, Object> application : applications) {
      String path = delivered.inTree(string(application, "spec", "source", "path"));
      assertThat(path).as("path of %s", name(application)).doesNotStartWith("environments/");
      assertThat(delivered.tree().resolve(path).resolve("kustomization.yaml")).as(path).isRegularFile();
      build(delivered.tree().resolve(path));
    }

    Map<String, Object> applicationSet = only(apps, "ApplicationSet");
    List<Map<String, Object>> generators = list(applicationSet, "spec", "generators");
    assertThat(generators).hasSize(1);
    List<Map<String, Object>> directories = list(generators.get(0), "git", "directories");
    String glob = delivered.inTree(string(directories.get(0), "path"));
    assertThat(glob).endsWith("/*");
    Path tenantsFolder = delivered.tree().resolve(glob.substring(0, glob.length() - 2));
    TreeSet<String> folders = new TreeSet<>();
    if (Files.isDirectory(tenantsFolder)) {
      try (Stream<Path> list = Files.list(tenantsFolder)) {
        list.filter(Files::isDirectory).forEach(folder -> folders.add(folder.getFileName().toString()));
      }
    }
    assertThat(folders).containsExactlyElementsOf(delivered.tenants().stream().map(Tenant::name).sorted().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delivered")
  @DisplayName("waves: operators, control plane, membership, gateways, Knative, Kafka, isolation, workloads;"
      + " platform before onboarding before workloads")
  void wavesFollowTheDependencies(Delivered delivered) throws Exception {
    List<Map<String, Object>> apps = build(delivered.folder().resolve("apps"));
    List<Map<String, Object>> objects = new ArrayList<>(apps);
    // The root's own sync: projects, then the platform, then the tenants' ApplicationSet.
    assertOrder(apps, isKind("AppProject"), isKind("Application"));
    assertOrder(apps, isKind("Application"), isKind("ApplicationSet"));
    String platformPath = delivered.inTree(string(only(apps, "Application"), "spec", "source", "path"));
    objects.addAll(checkUnitWaves(build(delivered.tree().resolve(platformPath))));

    for (Tenant tenant : delivered.tenants()) {
      List<Map<String, Object>> tenantApps = build(delivered.folder().resolve("tenants").resolve(tenant.name()));
      Predicate<Map<String, Object>> onboarding = o -> isKind("Application").test(o)
          && delivered.inTree(string(o, "spec", "source", "path")).contains("/onboarding/");
      Predicate<Map<String, Object>> workloads = o -> isKind("Application").test(o)
          && delivered.inTree(string(o, "spec", "source", "path")).contains("/workloads/");
      assertOrder(tenantApps, isKind("AppProject"), isKind("Application"));
      assertOrder(tenantApps, onboarding, workloads);
      objects.addAll(tenantApps);
      for (Map<String, Object> application : of(tenantApps, "Application")) {
        String path = delivered.inTree(string(application, "spec", "source", "path"));
        objects.addAll(checkUnitWaves(build(delivered.tree().resolve(path))));
      }
    }
    assertThat(objects).allSatisfy(o -> assertThat(annotations(o)).as(name(o)).containsKey(WAVE));
  }

  /** The order of the issue, checked on one built unit for every pair of objects it holds. */
  private static List<Map<String, Object>> checkUnitWaves(List<Map<String, Object>> unit) {
    assertThat(unit).allSatisfy(o -> assertThat(wave(o)).as(name(o)).isNotNull());
    for (Map<String, Object> namespace : of(unit, "Namespace")) {
      String ns = name(namespace);
      assertOrder(unit, o -> o == namespace, o -> ns.equals(namespaceOf(o)));
    }
    assertOrder(unit, isKind("OperatorGroup"), isKind("Subscription"));
    Predicate<Map<String, Object>> operators = isKind("Subscription");
    Predicate<Map<String, Object>> controlPlane = isKind("ServiceMeshControlPlane");
    Predicate<Map<String, Object>> membership = isKind("ServiceMeshMemberRoll").or(isKind("ServiceMeshMember"));
    Predicate<Map<String, Object>> gateways = isKind("Gateway").or(isKind("ServiceEntry"))
        .or(o -> isKind("Service").test(o) && "knative-local-gateway".equals(name(o)));
    Predicate<Map<String, Object>> knative = isKind("KnativeServing").or(isKind("KnativeEventing"));
    Predicate<Map<String, Object>> kafka = isKind("KnativeKafka");
    Predicate<Map<String, Object>> isolation = isKind("AuthorizationPolicy");
    Predicate<Map<String, Object>> workloads = o -> "serving.knative.dev".equals(group(o));
    assertOrder(unit, operators, controlPlane.or(membership).or(gateways).or(knative).or(kafka).or(isolation));
    assertOrder(unit, controlPlane, membership.or(gateways).or(isKind("ServiceMeshPeer")));
    assertOrder(unit, membership, gateways.or(knative));
    assertOrder(unit, isKind("Certificate"), isKind("Gateway"));
    assertOrder(unit, gateways, knative);
    assertOrder(unit, knative, kafka);
    assertOrder(unit, knative.or(kafka), isolation);
    assertOrder(unit, isolation, workloads);
    return unit;
  }

  @Test
  @DisplayName("every object whose CRD an operator installs may skip the dry run, and each object has one"
      + " sync-options annotation with distinct options")
  void skipDryRunOnOperatorKinds() throws Exception {
    int checked = 0;
    for (String goldenCase : GoldenTreeTest.cases().toList()) {
      Path tree = GoldenTreeTest.GOLDEN.resolve(goldenCase).resolve("expected");
      for (Path unit : units(tree)) {
        for (Map<String, Object> object : build(unit)) {
          String options = annotations(object).get(OPTIONS);
          List<String> list = options == null ? List.of() : Arrays.stream(options.split(",")).map(String::trim).toList();
          assertThat(list).as("%s in %s", name(object), unit).doesNotHaveDuplicates();
          if (OPERATOR_GROUPS.contains(group(object))) {
            assertThat(list).as("%s %s in %s", object.get("kind"), name(object), unit)
                .contains("SkipDryRunOnMissingResource=true");
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delivered")
  @DisplayName("a tenant's project admits only its namespaces, no cluster-scoped kind and only its workloads'"
      + " kinds; its workloads Application is in it, its onboarding in the platform's")
  void tenantProjectsFence(Delivered delivered) throws Exception {
    String platformProject = name(only(build(delivered.folder().resolve("apps")), "AppProject"));
    for (Tenant tenant : delivered.tenants()) {
      List<Map<String, Object>> tenantApps = build(delivered.folder().resolve("tenants").resolve(tenant.name()));
      Map<String, Object> project = only(tenantApps, "AppProject");
      Map<String, Object> spec = map(project, "spec");
      List<Map<String, Object>> destinations = list(project, "spec", "destinations");
      assertThat(destinations).extracting(d -> (String) d.get("namespace"))
          .containsExactlyInAnyOrderElementsOf(tenant.namespaces());
      assertThat(spec).doesNotContainKeys("clusterResourceWhitelist", "clusterResourceBlacklist");

      Map<String, Object> workloadsApp = of(tenantApps, "Application").stream()
          .filter(a -> string(a, "spec", "source", "path").contains("/workloads/")).findFirst().orElseThrow();
      Map<String, Object> onboardingApp = of(tenantApps, "Application").stream()
          .filter(a -> string(a, "spec", "source", "path").contains("/onboarding/")).findFirst().orElseThrow();
      assertThat(string(workloadsApp, "spec", "project")).isEqualTo(name(project));
      assertThat(string(onboardingApp, "spec", "project")).isEqualTo(platformProject);
      assertThat(map(workloadsApp, "spec", "destination")).isEqualTo(destinations.get(0).entrySet().stream()
          .filter(e -> !e.getKey().equals("namespace"))
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

      List<Map<String, Object>> workloads = build(delivered.tree().resolve(
          delivered.inTree(string(workloadsApp, "spec", "source", "path"))));
      Set<String> allowed = new TreeSet<>();
      if (spec.containsKey("namespaceResourceWhitelist")) {
        list(project, "spec", "namespaceResourceWhitelist").forEach(gk -> allowed.add(gk.get("group") + "/" + gk.get("kind")));
        assertThat(spec).doesNotContainKey("namespaceResourceBlacklist");
      } else {
        assertThat(list(project, "spec", "namespaceResourceBlacklist"))
            .containsExactly(Map.of("group", "*", "kind", "*"));
      }
      Set<String> used = new TreeSet<>();
      for (Map<String, Object> object : workloads) {
        assertThat(tenant.namespaces()).as("namespace of %s", name(object)).contains(namespaceOf(object));
        used.add(group(object) + "/" + object.get("kind"));
      }
      assertThat(allowed).as("kinds of %s", tenant.name()).isEqualTo(used);
    }
  }

  @Test
  @DisplayName("no Secret appears in any golden tree: TLS secrets are referenced or issued by cert-manager")
  void noSecrets() throws Exception {
    for (String goldenCase : GoldenTreeTest.cases().toList()) {
      GoldenTreeTest.read(GoldenTreeTest.GOLDEN.resolve(goldenCase).resolve("expected")).forEach((path, text) -> {
        assertThat(text).as(goldenCase + "/" + path).doesNotContainPattern("(?m)^kind: Secret$");
        assertThat(path).doesNotStartWith("secret-").doesNotContain("/secret-");
      });
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  /** Every wave of {@code before} objects is lower than every wave of {@code after} objects in the same list. */
  private static void assertOrder(List<Map<String, Object>> objects, Predicate<Map<String, Object>> before,
      Predicate<Map<String, Object>> after) {
    for (Map<String, Object> first : objects.stream().filter(before).toList()) {
      for (Map<String, Object> second : objects.stream().filter(after).filter(o -> o != first).toList()) {
        assertThat(wave(first)).as("wave of %s %s before %s %s", first.get("kind"), name(first), second.get("kind"),
            name(second)).isLessThan(wave(second));
      }
    }
  }

  private static Predicate<Map<String, Object>> isKind(String kind) {
    return o -> kind.equals(o.get("kind"));
  }

  private static List<Path> units(Path tree) throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      return walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
          .filter(p -> !tree.relativize(p).toString().startsWith("environments")).sorted().toList();
    }
  }

  /** The objects {@code kubectl kustomize} builds from a directory. */
  static List<Map<String, Object>> build(Path directory) throws IOException, InterruptedException {
    Process kustomize = new ProcessBuilder("kubectl", "kustomize", directory.toString()).start();
    byte[] out = kustomize.getInputStream().readAllBytes();
    String errors = new String(kustomize.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kustomize.waitFor()).as("kubectl kustomize %s: %s", directory, errors).isZero();
    List<Map<String, Object>> objects = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> documents = YAML.readerForMapOf(Object.class).readValues(out)) {
      while (documents.hasNext()) {
        Map<String, Object> document = documents.next();
        if (document != null && !document.isEmpty()) {
          objects.add(document);
        }
      }
    }
    return objects;
  }

  private static List<Map<String, Object>> of(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(isKind(kind)).toList();
  }

  private static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
    List<Map<String, Object>> matching = of(objects, kind);
    assertThat(matching).as("objects of kind %s", kind).hasSize(1);
    return matching.get(0);
  }

  private static Integer wave(Map<String, Object> object) {
    String wave = annotations(object).get(WAVE);
    return wave == null ? null : Integer.valueOf(wave);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> annotations(Map<String, Object> object) {
    Object annotations = map(object, "metadata").get("annotations");
    return annotations == null ? Map.of() : (Map<String, String>) annotations;
  }

  private static String name(Map<String, Object> object) {
    return (String) map(object, "metadata").get("name");
  }

  private static String namespaceOf(Map<String, Object> object) {
    return (String) map(object, "metadata").get("namespace");
  }

  private static String group(Map<String, Object> object) {
    String apiVersion = (String) object.get("apiVersion");
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> object, String... keys) {
    Object value = object;
    for (String key : keys) {
      value = ((Map<String, Object>) value).get(key);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> object, String... keys) {
    Map<String, Object> parent = map(object, Arrays.copyOf(keys, keys.length - 1));
    return (List<Map<String, Object>>) parent.get(keys[keys.length - 1]);
  }

  private static String string(Map<String, Object> object, String... keys) {
    Map<String, Object> parent = map(object, Arrays.copyOf(keys, keys.length - 1));
    return (String) parent.get(keys[keys.length - 1]);
  }
}
