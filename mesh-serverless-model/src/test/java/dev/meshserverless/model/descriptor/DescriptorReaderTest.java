package dev.meshserverless.model.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.meshserverless.model.descriptor.PlatformSpec.ArgoCdOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.Destination;
import dev.meshserverless.model.descriptor.PlatformSpec.Ingress;
import dev.meshserverless.model.descriptor.PlatformSpec.LocalGateway;
import dev.meshserverless.model.descriptor.PlatformSpec.InstallPlanApproval;
import dev.meshserverless.model.descriptor.PlatformSpec.IssuerRef;
import dev.meshserverless.model.descriptor.PlatformSpec.Membership;
import dev.meshserverless.model.descriptor.PlatformSpec.SubscriptionOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsSource;
import dev.meshserverless.model.descriptor.Tenant.KnativeService;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads descriptor directories written into a temporary folder. Documents built with {@link #platform},
 * {@link #environment} and {@link #tenant} put their spec body at line 6, indented by 2: the body's line k,
 * column c is the file's line 5 + k, column c + 2.
 */
class DescriptorReaderTest {
  private static final String MESH = """
      serviceMesh:
        version: "2.6"
      """;

  @TempDir
  Path dir;

  @Nested
  @DisplayName("a valid descriptor")
  class Valid {
    @Test
    @DisplayName("CONTRACT.md's example reads with every value written")
    void contractExample() throws Exception {
      copyResource("contract-example");

      Descriptor descriptor = DescriptorReader.read(dir);

      Platform platform = descriptor.platform();
      assertThat(platform.name()).isEqualTo("acme");
      assertThat(platform.source()).isEqualTo(new Source("platform.yaml", 3, 1));
      PlatformSpec spec = platform.spec();
      assertThat(spec.serverless().version()).isEqualTo("1.37");
      assertThat(spec.serviceMesh()).isEqualTo(new PlatformSpec.ServiceMeshOptions(
          "2.6", "basic", "istio-system", Membership.MemberRoll, true, "35s", subscription("stable")));
      assertThat(spec.ingress()).isEqualTo(Ingress.Istio);
      assertThat(spec.tls().secretName()).isEqualTo("wildcard-certs");
      assertThat(spec.serving()).isEqualTo(new PlatformSpec.ServingOptions(LocalGateway.IstioMutual, "local-certs", true, true));
      assertThat(spec.eventing().enabled()).isTrue();
      assertThat(spec.kafka()).isEqualTo(new PlatformSpec.KafkaOptions(
          false, List.of("my-cluster-kafka-bootstrap.kafka:9092"), 10, 3));
      assertThat(spec.tenantIsolation()).isTrue();

      assertThat(descriptor.environments()).extracting(Environment::name).containsExactly("dev", "prod");
      Environment dev = descriptor.environments().get(0);
      Environment prod = descriptor.environments().get(1);
      assertThat(dev.clusterDomain()).isEqualTo("apps.dev.example.com");
      assertThat(dev.spec()).isEqualTo(spec);
      assertThat(dev.source()).isEqualTo(new Source("environments.yaml", 12, 1));
      assertThat(prod.clusterDomain()).isEqualTo("apps.prod.example.com");
      assertThat(prod.spec().kafka()).isEqualTo(new PlatformSpec.KafkaOptions(
          true, List.of("my-cluster-kafka-bootstrap.kafka:9092"), 10, 3));
      assertThat(prod.spec()).usingRecursiveComparison().ignoringFields("kafka").isEqualTo(spec);

      assertThat(descriptor.tenants()).hasSize(1);
      Tenant tenant = descriptor.tenants().get(0);
      assertThat(tenant.name()).isEqualTo("team-alpha");
      assertThat(tenant.source()).isEqualTo(new Source("tenants/team-alpha.yaml", 2, 1));
      assertThat(tenant.namespaces()).containsExactly("team-alpha-1", "team-alpha-2");
      assertThat(tenant.environments()).containsExactly("dev", "prod");
      assertThat(tenant.labels()).containsExactly(Map.entry("cost-center", "cc-1234"));
      assertThat(tenant.services("dev")).containsExactly(new KnativeService("test-webapp", "team-alpha-1",
          "docker.io/openshift/hello-openshift", new TreeMap<>(Map.of("RESPONSE", "Hello Serverless!")), 1));
      assertThat(tenant.services("prod")).containsExactly(new KnativeService("test-webapp", "team-alpha-1",
          "quay.io/acme/hello:1.2.0", new TreeMap<>(Map.of("RESPONSE", "Hello Serverless!")), 2));
      assertThat(descriptor.tenantsIn("prod")).containsExactly(tenant);
    }

    @Test
    @DisplayName("omitted keys take CONTRACT.md's defaults")
    void defaults() throws Exception {
      write("platform.yaml", platform(MESH));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));
      write("team-a.yaml", tenant("team-a", "namespaces: [team-a]\n"));

      Descriptor descriptor = DescriptorReader.read(dir);

      PlatformSpec spec = descriptor.platform().spec();
      assertThat(spec).isEqualTo(new PlatformSpec(
          new PlatformSpec.ServerlessOptions("1.37", subscription("stable-1.37")),
          new PlatformSpec.ServiceMeshOptions("2.6", "basic", "istio-system", Membership.MemberRoll, true, "35s",
              subscription("stable")),
          Ingress.Istio,
          new PlatformSpec.TlsOptions("wildcard-certs", TlsSource.Existing, null),
          new PlatformSpec.ServingOptions(LocalGateway.IstioMutual, null, true, true),
          new PlatformSpec.EventingOptions(true),
          new PlatformSpec.KafkaOptions(false, List.of(), 10, 3),
          true,
          null));
      assertThat(descriptor.environments().get(0).spec()).isEqualTo(spec);
      Tenant tenant = descriptor.tenants().get(0);
      assertThat(tenant.environments()).containsExactly("prod");
      assertThat(tenant.labels()).isEmpty();
      assertThat(tenant.servicesByEnvironment()).containsExactly(Map.entry("prod", List.of()));
    }

    @Test
    @DisplayName("every value can be set")
    void everyValue() throws Exception {
      write("platform.yaml", platform("""
          serverless: {version: "1.31.2"}
          serviceMesh:
            version: "1.1"
            controlPlane: {name: mesh, namespace: mesh-system}
            membership: Member
            manageNetworkPolicy: false
            terminationDrainDuration: 1m30s
          ingress: Kourier
          tls: {secretName: my.certs}
          serving:
            localGateway: Https
            localGatewaySecretName: local-certs
            metrics: false
            secretInformerFiltering: false
          eventing: {enabled: true}
          kafka:
            enabled: true
            bootstrapServers: ["a.kafka:9092", "10.0.0.1:9093"]
            numPartitions: 1
            replicationFactor: 1
          tenantIsolation: false
          """));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));

      PlatformSpec spec = DescriptorReader.read(dir).platform().spec();

      assertThat(spec).isEqualTo(new PlatformSpec(
          new PlatformSpec.ServerlessOptions("1.31.2", subscription("stable-1.31")),
          new PlatformSpec.ServiceMeshOptions("1.1", "mesh", "mesh-system", Membership.Member, false, "1m30s",
              subscription("1.0")),
          Ingress.Kourier,
          new PlatformSpec.TlsOptions("my.certs", TlsSource.Existing, null),
          new PlatformSpec.ServingOptions(LocalGateway.Https, "local-certs", false, false),
          new PlatformSpec.EventingOptions(true),
          new PlatformSpec.KafkaOptions(true, List.of("a.kafka:9092", "10.0.0.1:9093"), 1, 1),
          false,
          null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31s", "1m", "1m30s", "45.5s", "1h", "30001ms"})
    @DisplayName("terminationDrainDuration takes Go durations longer than 30s, kept as written")
    void drainDurations(String duration) throws Exception {
      write("platform.yaml", platform(MESH + "  terminationDrainDuration: " + duration + "\n"));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));

      assertThat(DescriptorReader.read(dir).platform().spec().serviceMesh().terminationDrainDuration())
          .isEqualTo(duration);
    }

    @Test
    @DisplayName("files are found recursively, *.yml too, several documents each; hidden files, other files"
        + " and empty documents are skipped")
    void files() throws Exception {
      write("all.yml", platform(MESH) + "---\n" + environment("prod", "clusterDomain: apps.prod.example.com\n")
          + "---\n");
      write("a/b/c/tenant.yaml", "# only a comment\n---\n" + tenant("team-a", "namespaces: [team-a]\n"));
      write("empty.yaml", "");
      write(".hidden.yaml", "not: [valid");
      write(".git/config.yaml", "not: [valid");
      write("README.md", "not: [valid");

      Descriptor descriptor = DescriptorReader.read(dir);

      assertThat(descriptor.environments()).extracting(Environment::source)
          .containsExactly(new Source("all.yml", 9, 1));
      assertThat(descriptor.tenants()).extracting(Tenant::source)
          .containsExactly(new Source("a/b/c/tenant.yaml", 3, 1));
    }

    @Test
    @DisplayName("environments and tenants are sorted by name, a tenant's environments and services too")
    void sorted() throws Exception {
      write("platform.yaml", platform(MESH));
      write("envs.yaml", Stream.of("prod", "dev", "staging")
          .map(name -> environment(name, "clusterDomain: apps." + name + ".example.com\n"))
          .collect(Collectors.joining("---\n")));
      write("tenants.yaml", tenant("zeta", "namespaces: [zeta]\n") + "---\n" + tenant("alpha", """
          namespaces: [alpha-2, alpha-1]
          environments: [staging, dev]
          services:
            - {name: web, namespace: alpha-2, image: web}
            - {name: zoo, namespace: alpha-1, image: zoo}
            - {name: api, namespace: alpha-2, image: api}
          """));

      Descriptor descriptor = DescriptorReader.read(dir);

      assertThat(descriptor.environments()).extracting(Environment::name).containsExactly("dev", "prod", "staging");
      assertThat(descriptor.tenants()).extracting(Tenant::name).containsExactly("alpha", "zeta");
      Tenant alpha = descriptor.tenants().get(0);
      assertThat(alpha.namespaces()).containsExactly("alpha-2", "alpha-1");
      assertThat(alpha.environments()).containsExactly("dev", "staging");
      assertThat(alpha.servicesByEnvironment()).containsOnlyKeys("dev", "staging");
      assertThat(alpha.services("dev")).extracting(s -> s.namespace() + "/" + s.name())
          .containsExactly("alpha-1/zoo", "alpha-2/api", "alpha-2/web");
      assertThat(alpha.services("prod")).isEmpty();
      assertThat(descriptor.tenants().get(1).environments()).containsExactly("dev", "prod", "staging");
      assertThat(descriptor.tenantsIn("prod")).extracting(Tenant::name).containsExactly("zeta");
    }

    @Test
    @DisplayName("the same files give an equal Descriptor whatever the order they were created in")
    void orderIndependent(@TempDir Path other) throws Exception {
      Map<String, String> files = new TreeMap<>(Map.of(
          "platform.yaml", platform(MESH),
          "environments/prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"),
          "environments/dev.yaml", environment("dev", "clusterDomain: apps.dev.example.com\n"),
          "tenants/b.yaml", tenant("team-b", "namespaces: [b]\n"),
          "tenants/a.yaml", tenant("team-a", "namespaces: [a]\nlabels: {x: y, a: b}\n")));
      files.forEach((file, content) -> write(dir, file, content));
      List<String> reversed = new ArrayList<>(files.keySet());
      Collections.reverse(reversed);
      reversed.forEach(file -> write(other, file, files.get(file)));

      assertThat(DescriptorReader.read(other)).isEqualTo(DescriptorReader.read(dir));
    }
  }

  @Nested
  @DisplayName("environment overrides")
  class EnvironmentOverrides {
    @Test
    @DisplayName("deep-merge onto the Platform's spec: maps by key, lists and scalars replace")
    void deepMerge() throws Exception {
      write("platform.yaml", platform(MESH + """
            controlPlane: {name: basic, namespace: mesh-a}
          kafka:
            bootstrapServers: [a.kafka:9092, b.kafka:9092]
            numPartitions: 5
          """));
      write("prod.yaml", environment("prod", """
          clusterDomain: apps.prod.example.com
          overrides:
            serviceMesh: {controlPlane: {namespace: mesh-b}}
            kafka:
              enabled: true
              bootstrapServers: [c.kafka:9092]
            ingress: Kourier
            tenantIsolation: false
          """));

      Descriptor descriptor = DescriptorReader.read(dir);

      PlatformSpec platform = descriptor.platform().spec();
      assertThat(platform.ingress()).isEqualTo(Ingress.Istio);
      assertThat(platform.kafka()).isEqualTo(new PlatformSpec.KafkaOptions(
          false, List.of("a.kafka:9092", "b.kafka:9092"), 5, 3));
      PlatformSpec prod = descriptor.environments().get(0).spec();
      assertThat(prod.serviceMesh().controlPlaneName()).isEqualTo("basic");
      assertThat(prod.serviceMesh().controlPlaneNamespace()).isEqualTo("mesh-b");
      assertThat(prod.serviceMesh().version()).isEqualTo("2.6");
      assertThat(prod.kafka()).isEqualTo(new PlatformSpec.KafkaOptions(true, List.of("c.kafka:9092"), 5, 3));
      assertThat(prod.ingress()).isEqualTo(Ingress.Kourier);
      assertThat(prod.tenantIsolation()).isFalse();
    }

    @Test
    @DisplayName("an empty value resets a key to its default")
    void emptyValueResets() throws Exception {
      write("platform.yaml", platform(MESH + """
          serving: {localGateway: Https, localGatewaySecretName: local-certs}
          """));
      write("prod.yaml", environment("prod", """
          clusterDomain: apps.prod.example.com
          overrides:
            serving: {localGateway: ~, localGatewaySecretName:}
          """));

      Descriptor descriptor = DescriptorReader.read(dir);

      assertThat(descriptor.platform().spec().serving().localGateway()).isEqualTo(LocalGateway.Https);
      assertThat(descriptor.environments().get(0).spec().serving())
          .isEqualTo(new PlatformSpec.ServingOptions(LocalGateway.IstioMutual, null, true, true));
    }

    @Test
    @DisplayName("a problem in the overrides is reported where the override is written")
    void problemAtOverride() {
      write("platform.yaml", platform(MESH));
      write("prod.yaml", environment("prod", """
          clusterDomain: apps.prod.example.com
          overrides:
            kafka: {enabeld: true, numPartitions: 0}
            ingress: Kourier
          """));

      assertThat(problems()).containsExactly(
          "prod.yaml:8:13: Environment prod: spec.overrides.kafka.enabeld: unknown key 'enabeld', did you mean"
              + " 'enabled'?",
          "prod.yaml:8:43: Environment prod: spec.overrides.kafka.numPartitions: must be at least 1, found 0",
          "prod.yaml:9:14: Environment prod: spec.overrides.ingress: tenant isolation (S15) relies on the Istio"
              + " ingress and cannot work with Kourier; set tenantIsolation: false or ingress: Istio");
    }

    @Test
    @DisplayName("a problem of the Platform is reported once, not once per environment")
    void platformProblemOnce() {
      write("platform.yaml", platform(MESH + "kafka: {numPartitions: 0}\n"));
      write("envs.yaml", environment("dev", "clusterDomain: a.b\noverrides: {eventing: {enabled: false}}\n")
          + "---\n" + environment("prod", "clusterDomain: c.d\noverrides: {kafka: {enabled: false}}\n"));

      assertThat(problems()).containsExactly(
          "platform.yaml:8:26: Platform acme: spec.kafka.numPartitions: must be at least 1, found 0");
    }

    @Test
    @DisplayName("a rule broken by an override together with the Platform is reported at the override")
    void crossFieldAtOverride() {
      write("platform.yaml", platform("""
          serviceMesh: {version: "2.1"}
          ingress: Kourier
          tenantIsolation: false
          """));
      write("prod.yaml", environment("prod", """
          clusterDomain: apps.prod.example.com
          overrides:
            ingress: Istio
          """));

      assertThat(problems()).containsExactly("prod.yaml:8:14: Environment prod: spec.overrides.ingress: Service"
          + " Mesh 2.1 is too old for ingress Istio: Serverless 1.31 or later with ingress Istio needs Service Mesh >= 2.2"
          + " (S20); use e.g. \"2.6\", or ingress: Kourier (Kourier kept as ingress works with Service Mesh 1.x and"
          + " 2.x)");
    }

    @Test
    @DisplayName("overrides must be a map")
    void overridesNotAMap() {
      write("platform.yaml", platform(MESH));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\noverrides: [kafka]\n"));

      assertThat(problems()).containsExactly("prod.yaml:7:14: Environment prod: spec.overrides: expected a map"
          + " holding any part of the Platform's spec, found a list");
    }
  }

  @Nested
  @DisplayName("service overrides")
  class ServiceOverrides {
    @Test
    @DisplayName("apply per environment: image and gpus replace, env merges by name")
    void perEnvironment() throws Exception {
      write("platform.yaml", platform(MESH));
      write("envs.yaml", environment("dev", "clusterDomain: a.b\n") + "---\n"
          + environment("prod", "clusterDomain: c.d\n"));
      write("team-a.yaml", tenant("team-a", """
          namespaces: [team-a]
          services:
            - name: web
              namespace: team-a
              image: web:dev
              env: {A: "1", B: "2"}
              overrides:
                prod:
                  image: web:1.0
                  env: {B: "20", C: "30"}
                  gpus: 4
          """));

      Tenant tenant = DescriptorReader.read(dir).tenants().get(0);

      assertThat(tenant.services("dev")).containsExactly(
          new KnativeService("web", "team-a", "web:dev", new TreeMap<>(Map.of("A", "1", "B", "2")), 0));
      assertThat(tenant.services("prod")).containsExactly(new KnativeService(
          "web", "team-a", "web:1.0", new TreeMap<>(Map.of("A", "1", "B", "20", "C", "30")), 4));
    }

    @Test
    @DisplayName("name only the tenant's environments, and only image, env and gpus")
    void misuse() {
      write("platform.yaml", platform(MESH));
      write("envs.yaml", environment("dev", "clusterDomain: a.b\n") + "---\n"
          + environment("prod", "clusterDomain: c.d\n"));
      write("team-a.yaml", tenant("team-a", """
          namespaces: [team-a]
          environments: [prod]
          services:
            - name: web
              namespace: team-a
              image: web
              overrides:
                prd: {image: x}
                dev: {image: y}
                prod: {name: other, gpus: "2", env: {PORT: 8080}}
          """));

      assertThat(problems()).containsExactly(
          "team-a.yaml:13:9: Tenant team-a: spec.services[0].overrides.prd: unknown environment 'prd', did you mean"
              + " 'prod'?; the tenant's environments are prod",
          "team-a.yaml:14:9: Tenant team-a: spec.services[0].overrides.dev: the tenant is not deployed in"
              + " environment 'dev' (its environments: prod); remove this override or add dev to spec.environments",
          "team-a.yaml:15:16: Tenant team-a: spec.services[0].overrides.prod.name: unknown key 'name'; known keys:"
              + " image, env, gpus",
          "team-a.yaml:15:35: Tenant team-a: spec.services[0].overrides.prod.gpus: expected a whole number, found"
              + " the string '2'",
          "team-a.yaml:15:52: Tenant team-a: spec.services[0].overrides.prod.env.PORT: expected a string, found the"
              + " number 8080; quote it: \"8080\"");
    }
  }

  @Nested
  @DisplayName("YAML problems")
  class Yaml {
    @Test
    @DisplayName("a syntax error names the parser's line, column and words")
    void syntaxError() {
      write("platform.yaml", "apiVersion: meshserverless.io/v1alpha1\nkind: [Platform\nmetadata: {}\n");

      assertThat(problems()).containsExactly("platform.yaml:3:9: YAML syntax error: expected ',' or ']', but got :"
          + " (while parsing a flow sequence at line 2, column 7)");
    }

    @Test
    @DisplayName("a tab used for indentation is a syntax error")
    void tab() {
      write("platform.yaml", platform(MESH) + "\ttenantIsolation: true\n");

      assertThat(problems()).containsExactly("platform.yaml:8:1: YAML syntax error: a tab character; YAML indents with"
          + " spaces only, so replace the tab with spaces");
    }

    @Test
    @DisplayName("a file that is not UTF-8 is named with the place of the first bad byte")
    void notUtf8() throws IOException {
      write("platform.yaml", platform(MESH));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));
      Files.write(dir.resolve("team.yaml"), "# caf\u00e9\nkind: Tenant\n".getBytes(StandardCharsets.ISO_8859_1));

      assertThat(problems()).containsExactly("team.yaml:1:6: the file is not UTF-8: byte 0xE9 (offset 5) is not"
          + " valid UTF-8; save the file with UTF-8 encoding");
    }

    @Test
    @DisplayName("a key written twice in one map is an error at the second")
    void duplicateKey() {
      write("platform.yaml", platform(MESH + "ingress: Istio\ningress: Kourier\n"));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));

      assertThat(problems()).containsExactly("platform.yaml:9:3: Platform acme: spec.ingress: duplicate key"
          + " 'ingress', first at platform.yaml:8:3; remove one of them");
    }

    @Test
    @DisplayName("a document must be a map")
    void notAMap() {
      write("platform.yaml", platform(MESH) + "---\n- a\n- b\n---\njust text\n");
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));

      assertThat(problems()).containsExactly(
          "platform.yaml:9:1: Document: expected a map with apiVersion, kind, metadata and spec, found a list",
          "platform.yaml:12:1: Document: expected a map with apiVersion, kind, metadata and spec, found the"
              + " string 'just text'");
    }

    @Test
    @DisplayName("aliases are not resolved")
    void alias() {
      write("platform.yaml", platform(MESH + "tls: {secretName: &certs my-certs}\nserving:\n  localGateway: *certs\n"));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));

      assertThat(problems()).containsExactly("platform.yaml:10:19: Platform acme: spec.serving.localGateway:"
          + " expected one of IstioMutual, Http, Https, found the alias *certs (YAML aliases are not supported:"
          + " write the value out)");
    }
  }

  @Nested
  @DisplayName("document problems")
  class Documents {
    @Test
    @DisplayName("apiVersion, kind and metadata are checked, with suggestions")
    void header() {
      write("platform.yaml", platform(MESH));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));
      write("x.yaml", """
          apiVersion: meshserverless.io/v1
          kind: Platform
          metadata:
            name: Team_A
            labels: {}
          spec: {}
          ---
          apiVersion: meshserverless.io/v1alpha1
          kind: tenant
          metadata: {name: x}
          ---
          apiVersion: meshserverless.io/v1alpha1
          kind: Env
          ---
          apiVersion: meshserverless.io/v1alpha1
          kind: Environment
          metdata: {name: y}
          """);

      assertThat(problems()).containsExactly(
          "x.yaml:1:1: Platform Team_A: a descriptor has exactly one Platform, and platform.yaml:1:1 already"
              + " defines Platform acme; merge the two, or remove this one",
          "x.yaml:1:13: Platform Team_A: apiVersion: 'meshserverless.io/v1' is not supported; use apiVersion:"
              + " meshserverless.io/v1alpha1",
          "x.yaml:4:9: Platform Team_A: metadata.name: 'Team_A' is not a valid name (RFC 1123 label), perhaps you"
              + " should use 'team-a'",
          "x.yaml:5:3: Platform Team_A: metadata.labels: unknown key 'labels'; known keys: name",
          "x.yaml:6:7: Platform Team_A: spec: missing required key 'serviceMesh' (with at least version, the"
              + " Service Mesh 2.x release, e.g. serviceMesh: {version: \"2.6\"})",
          "x.yaml:9:7: tenant x: kind: unknown kind 'tenant', did you mean 'Tenant'?; a descriptor holds the kinds"
              + " Platform, Environment, Tenant",
          "x.yaml:12:1: Env: missing required key 'metadata' (with the Env's name)",
          "x.yaml:13:7: Env: kind: unknown kind 'Env', did you mean 'Environment'?; a descriptor holds the kinds"
              + " Platform, Environment, Tenant",
          "x.yaml:15:1: Environment: missing required key 'metadata' (with the Environment's name)",
          "x.yaml:15:1: Environment: missing required key 'spec' (with at least clusterDomain, e.g."
              + " spec: {clusterDomain: apps.prod.example.com})",
          "x.yaml:17:1: Environment: metdata: unknown key 'metdata', did you mean 'metadata'?");
    }

    @Test
    @DisplayName("no Platform is an error naming the directory")
    void noPlatform() {
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));

      assertThat(problems()).containsExactly(dir + ": no Platform document: add one, e.g. platform.yaml with"
          + " apiVersion: meshserverless.io/v1alpha1, kind: Platform, metadata: {name: acme} and"
          + " spec: {serviceMesh: {version: \"2.6\"}}");
    }

    @Test
    @DisplayName("no Environment is an error naming the directory")
    void noEnvironment() {
      write("platform.yaml", platform(MESH));

      assertThat(problems()).containsExactly(dir + ": no Environment document: add one per cluster, e.g."
          + " environments/prod.yaml with apiVersion: meshserverless.io/v1alpha1, kind: Environment,"
          + " metadata: {name: prod} and spec: {clusterDomain: apps.prod.example.com}");
    }

    @Test
    @DisplayName("a missing directory is an error")
    void noDirectory() {
      Path missing = dir.resolve("missing");

      DescriptorException e = descriptorException(missing);

      assertThat(e.problems()).extracting(Problem::toString).containsExactly(missing + ": the descriptor directory"
          + " does not exist; create it and put the Platform, Environment and Tenant documents (*.yaml) in it");
    }

    @Test
    @DisplayName("a second Environment or Tenant of the same name is an error naming the first")
    void duplicateNames() {
      write("platform.yaml", platform(MESH));
      write("a.yaml", environment("prod", "clusterDomain: a.b\n") + "---\n" + tenant("team-a", "namespaces: [a]\n"));
      write("b.yaml", environment("prod", "clusterDomain: c.d\n") + "---\n" + tenant("team-a", "namespaces: [b]\n"));

      assertThat(problems()).containsExactly(
          "b.yaml:4:9: Environment prod: metadata.name: duplicate Environment 'prod', first defined at a.yaml:4:9;"
              + " rename or remove one",
          "b.yaml:11:9: Tenant team-a: metadata.name: duplicate Tenant 'team-a', first defined at a.yaml:11:9;"
              + " rename or remove one");
    }

    @Test
    @DisplayName("unknown keys and missing required keys are reported")
    void unknownAndMissingKeys() {
      write("platform.yaml", platform("serviceMesh: {}\nkafak: {}\nstatus: {}\n"));
      write("prod.yaml", environment("prod", "domain: apps.prod.example.com\n"));

      assertThat(problems()).containsExactly(
          "platform.yaml:6:16: Platform acme: spec.serviceMesh: missing required key 'version' (the Service Mesh"
              + " 2.x release, e.g. \"2.6\")",
          "platform.yaml:7:3: Platform acme: spec.kafak: unknown key 'kafak', did you mean 'kafka'?",
          "platform.yaml:8:3: Platform acme: spec.status: unknown key 'status'; known keys: serverless, serviceMesh,"
              + " ingress, tls, serving, eventing, kafka, tenantIsolation, argocd",
          "prod.yaml:6:3: Environment prod: spec.domain: unknown key 'domain'; known keys: clusterDomain, overrides, federation",
          "prod.yaml:6:3: Environment prod: spec: missing required key 'clusterDomain' (the domain of the cluster's"
              + " apps, e.g. apps.prod.example.com; the ingress wildcard is *.<clusterDomain>)");
    }
  }

  @Nested
  @DisplayName("Platform.spec problems")
  class PlatformSpecProblems {
    private List<String> platformProblems(String spec) {
      write("platform.yaml", platform(spec));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));
      return problems();
    }

    private PlatformSpec readPlatform(String spec) throws Exception {
      write("platform.yaml", platform(spec));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));
      return DescriptorReader.read(dir).platform().spec();
    }

    @Test
    @DisplayName("a version written as a number must be quoted")
    void versionNumber() {
      assertThat(platformProblems("serverless: {version: 1.40}\nserviceMesh: {version: 2.6}\n")).containsExactly(
          "platform.yaml:6:25: Platform acme: spec.serverless.version: a version must be a string: write \"1.40\""
              + " in quotes (unquoted, YAML reads it as the number 1.4)",
          "platform.yaml:7:26: Platform acme: spec.serviceMesh.version: a version must be a string: write \"2.6\""
              + " in quotes (unquoted, YAML reads it as the number 2.6, and 2.10 as 2.1)");
    }

    @Test
    @DisplayName("Serverless must be 1.31 or later, written MAJOR.MINOR[.PATCH]")
    void serverlessVersion() {
      assertThat(platformProblems(MESH + "serverless: {version: \"1.30\"}\n")).containsExactly(
          "platform.yaml:8:25: Platform acme: spec.serverless.version: OpenShift Serverless 1.30 is not supported:"
              + " the generator follows the documentation of 1.31 or later; use e.g. \"1.37\"");
      assertThat(platformProblems(MESH + "serverless: {version: latest}\n")).containsExactly(
          "platform.yaml:8:25: Platform acme: spec.serverless.version: 'latest' is not a version: write MAJOR.MINOR"
              + " or MAJOR.MINOR.PATCH, e.g. \"1.37\"");
    }

    @Test
    @DisplayName("Service Mesh must be 2.2+ with Istio (S20), 1.x or 2.x with Kourier")
    void meshVersion() throws Exception {
      assertThat(platformProblems("serviceMesh: {version: \"2.1\"}\n")).containsExactly(
          "platform.yaml:6:26: Platform acme: spec.serviceMesh.version: Service Mesh 2.1 is too old for ingress"
              + " Istio: Serverless 1.31 or later with ingress Istio needs Service Mesh >= 2.2 (S20); use e.g. \"2.6\","
              + " or ingress: Kourier (Kourier kept as ingress works with Service Mesh 1.x and 2.x)");
      assertThat(platformProblems("serviceMesh: {version: \"3.0\"}\n")).containsExactly(
          "platform.yaml:6:26: Platform acme: spec.serviceMesh.version: Service Mesh 3.0 is not supported (S20): the"
              + " generator targets Service Mesh 2.x with ingress Istio, and 1.x or 2.x with ingress Kourier; use e.g."
              + " \"2.6\"");
      assertThat(platformProblems("serviceMesh: {version: \"2\"}\n")).containsExactly(
          "platform.yaml:6:26: Platform acme: spec.serviceMesh.version: '2' is not a version: write MAJOR.MINOR or"
              + " MAJOR.MINOR.PATCH, e.g. \"2.6\"");
      assertThat(readPlatform("serviceMesh: {version: \"1.1\"}\ningress: Kourier\ntenantIsolation: false\n")
          .serviceMesh().version()).isEqualTo("1.1");
      assertThat(readPlatform("serviceMesh: {version: \"2.2.1\"}\n").serviceMesh().version()).isEqualTo("2.2.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0", "2.0.4", "1.1"})
    @DisplayName("below 2.0.5 the mesh integration itself is unsupported (S20), and says both rules")
    void meshBelowTwoZeroFive(String version) {
      assertThat(platformProblems("serviceMesh: {version: \"" + version + "\"}\n")).containsExactly(
          "platform.yaml:6:26: Platform acme: spec.serviceMesh.version: Service Mesh " + version + " is too old for"
              + " ingress Istio: the Service Mesh integration needs Service Mesh >= 2.0.5, and Serverless 1.31 or later"
              + " with ingress Istio needs >= 2.2 (S20); use e.g. \"2.6\", or ingress: Kourier (Kourier kept as"
              + " ingress works with Service Mesh 1.x and 2.x)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0.5", "2.1.3"})
    @DisplayName("from 2.0.5 to 2.1 only the Serverless 1.31 rule applies (S20)")
    void meshBetweenTwoZeroFiveAndTwoTwo(String version) {
      assertThat(platformProblems("serviceMesh: {version: \"" + version + "\"}\n")).singleElement().asString()
          .contains("Serverless 1.31 or later with ingress Istio needs Service Mesh >= 2.2 (S20)")
          .doesNotContain("2.0.5,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0", "2.0.4", "1.0"})
    @DisplayName("Kourier kept as ingress works with any 1.x or 2.x (S20)")
    void kourierAnyMesh(String version) throws Exception {
      assertThat(readPlatform("serviceMesh: {version: \"" + version + "\"}\ningress: Kourier\ntenantIsolation: false\n")
          .serviceMesh().version()).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"knative-serving", "kube-system", "default", "openshift-operators"})
    @DisplayName("the control plane cannot live in a system namespace")
    void controlPlaneInSystemNamespace(String namespace) {
      assertThat(platformProblems(MESH + "  controlPlane: {namespace: " + namespace + "}\n")).singleElement()
          .asString()
          .startsWith("platform.yaml:8:31: Platform acme: spec.serviceMesh.controlPlane.namespace: '" + namespace
              + "' cannot hold the Service Mesh control plane: ")
          .endsWith("; give the control plane a namespace of its own, e.g. istio-system");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "29.9s", "500ms"})
    @DisplayName("terminationDrainDuration must be longer than 30s (S3)")
    void drainTooShort(String duration) {
      assertThat(platformProblems(MESH + "  terminationDrainDuration: " + duration + "\n")).containsExactly(
          "platform.yaml:8:31: Platform acme: spec.serviceMesh.terminationDrainDuration: '" + duration + "' is too"
              + " short: the proxy must keep draining longer than Knative's 30 s graceful termination (S3); use e.g."
              + " 35s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"35 s", "35sec", "s", "1d"})
    @DisplayName("terminationDrainDuration must be a Go duration")
    void drainNotADuration(String duration) {
      assertThat(platformProblems(MESH + "  terminationDrainDuration: " + duration + "\n")).containsExactly(
          "platform.yaml:8:31: Platform acme: spec.serviceMesh.terminationDrainDuration: '" + duration + "' is not"
              + " a duration: write it like 35s, 1m or 1m30s");
    }

    @Test
    @DisplayName("values of the wrong type name the type expected")
    void wrongTypes() {
      assertThat(platformProblems(MESH + """
            terminationDrainDuration: 35
            manageNetworkPolicy: "true"
          eventing: {enabled: yes}
          kafka: {numPartitions: 1.5, replicationFactor: 99999999999}
          tls: {secretName: true}
          ingress: istio
          serving: []
          """)).containsExactly(
          "platform.yaml:8:31: Platform acme: spec.serviceMesh.terminationDrainDuration: expected a string, found"
              + " the number 35; quote it: \"35\"",
          "platform.yaml:9:26: Platform acme: spec.serviceMesh.manageNetworkPolicy: expected a boolean (true or"
              + " false), found the string 'true'",
          "platform.yaml:10:23: Platform acme: spec.eventing.enabled: expected a boolean (true or false), found the"
              + " string 'yes'",
          "platform.yaml:11:26: Platform acme: spec.kafka.numPartitions: expected a whole number, found the number"
              + " 1.5",
          "platform.yaml:11:50: Platform acme: spec.kafka.replicationFactor: 99999999999 is too large",
          "platform.yaml:12:21: Platform acme: spec.tls.secretName: expected a string, found the boolean true;"
              + " quote it: \"true\"",
          "platform.yaml:13:12: Platform acme: spec.ingress: 'istio' is not one of Istio, Kourier, did you mean"
              + " 'Istio'?",
          "platform.yaml:14:12: Platform acme: spec.serving: expected a map, found a list");
    }

    @Test
    @DisplayName("names are DNS names")
    void names() {
      assertThat(platformProblems(MESH + """
            controlPlane: {name: Basic, namespace: istio.system}
          tls: {secretName: -certs}
          """)).containsExactly(
          "platform.yaml:8:26: Platform acme: spec.serviceMesh.controlPlane.name: 'Basic' is not a valid"
              + " ServiceMeshControlPlane name (RFC 1123 label), perhaps you should use 'basic'",
          "platform.yaml:8:44: Platform acme: spec.serviceMesh.controlPlane.namespace: 'istio.system' is not a valid"
              + " namespace name (RFC 1123 label), perhaps you should use 'istio-system'",
          "platform.yaml:9:21: Platform acme: spec.tls.secretName: '-certs' is not a valid Secret name (RFC 1123"
              + " subdomain), perhaps you should use 'certs'");
    }

    @Test
    @DisplayName("tenant isolation needs the Istio ingress (S15)")
    void kourierIsolation() {
      assertThat(platformProblems("serviceMesh: {version: \"1.1\"}\ningress: Kourier\n")).containsExactly(
          "platform.yaml:7:12: Platform acme: spec.ingress: tenant isolation (S15) relies on the Istio ingress and"
              + " cannot work with Kourier; set tenantIsolation: false or ingress: Istio");
    }

    @Test
    @DisplayName("localGateway Https needs localGatewaySecretName; other modes ignore it")
    void localGatewaySecret() {
      assertThat(platformProblems(MESH + "serving: {localGateway: Https}\n")).containsExactly(
          "platform.yaml:8:27: Platform acme: spec.serving.localGateway: localGateway Https serves the local gateway"
              + " with its own wildcard certificate (S5): set localGatewaySecretName to the name of its TLS Secret");
    }

    @Test
    @DisplayName("Kafka needs Eventing")
    void kafkaNeedsEventing() {
      assertThat(platformProblems(MESH + """
          eventing: {enabled: false}
          kafka: {enabled: true, bootstrapServers: ["k.kafka:9092"]}
          """)).containsExactly(
          "platform.yaml:9:10: Platform acme: spec.kafka: Knative Kafka extends Knative Eventing (S8):"
              + " set eventing.enabled: true, or kafka.enabled: false");
    }

    @Test
    @DisplayName("Kafka needs bootstrap servers written host:port")
    void kafka() {
      assertThat(platformProblems(MESH + "kafka: {enabled: true}\n")).containsExactly(
          "platform.yaml:8:20: Platform acme: spec.kafka.enabled: Kafka is enabled, so kafka.bootstrapServers must"
              + " list at least one host:port, e.g. [my-cluster-kafka-bootstrap.kafka:9092]");
      assertThat(platformProblems(MESH + "kafka: {enabled: true, bootstrapServers: []}\n")).hasSize(1);
      assertThat(platformProblems(MESH + """
          kafka:
            bootstrapServers: [kafka, "kafka:0", "kafka:65536", "Kafka:9092", 9092]
          """)).containsExactly(
          "platform.yaml:9:24: Platform acme: spec.kafka.bootstrapServers[0]: 'kafka' has no port; write host:port,"
              + " e.g. my-cluster-kafka-bootstrap.kafka:9092",
          "platform.yaml:9:31: Platform acme: spec.kafka.bootstrapServers[1]: 'kafka:0' does not end with a port from"
              + " 1 to 65535; write host:port, e.g. my-cluster-kafka-bootstrap.kafka:9092",
          "platform.yaml:9:42: Platform acme: spec.kafka.bootstrapServers[2]: 'kafka:65536' does not end with a port"
              + " from 1 to 65535; write host:port, e.g. my-cluster-kafka-bootstrap.kafka:9092",
          "platform.yaml:9:57: Platform acme: spec.kafka.bootstrapServers[3]: 'Kafka:9092' does not start with a"
              + " valid host name (lowercase letters, digits, '-' and '.'); write host:port, e.g."
              + " my-cluster-kafka-bootstrap.kafka:9092",
          "platform.yaml:9:71: Platform acme: spec.kafka.bootstrapServers[4]: expected a string, found the number"
              + " 9092; quote it: \"9092\"");
    }
  }

  @Nested
  @DisplayName("Tenant problems")
  class TenantProblems {
    private List<String> tenantProblems(String... tenantSpecs) {
      write("platform.yaml", platform(MESH));
      write("envs.yaml", environment("dev", "clusterDomain: a.b\n") + "---\n"
          + environment("prod", "clusterDomain: c.d\n"));
      for (int i = 0; i < tenantSpecs.length; i++) {
        write("tenants/t" + i + ".yaml", tenant("team-" + i, tenantSpecs[i]));
      }
      return problems();
    }

    @Test
    @DisplayName("namespaces are required, valid, and listed once")
    void namespaces() {
      assertThat(tenantProblems("namespaces: [Team_A, ok, ok]\n", "namespaces: []\n", "labels: {}\n"))
          .containsExactly(
              "tenants/t0.yaml:6:16: Tenant team-0: spec.namespaces[0]: 'Team_A' is not a valid namespace name (RFC"
                  + " 1123 label), perhaps you should use 'team-a'",
              "tenants/t0.yaml:6:28: Tenant team-0: spec.namespaces[2]: namespace 'ok' is listed twice (first at"
                  + " tenants/t0.yaml:6:24); remove one",
              "tenants/t1.yaml:6:15: Tenant team-1: spec.namespaces: a tenant needs at least one namespace, e.g."
                  + " [team-a-dev]",
              "tenants/t2.yaml:6:3: Tenant team-2: spec: missing required key 'namespaces' (the tenant's namespaces,"
                  + " at least one, e.g. [team-a-dev])");
    }

    @Test
    @DisplayName("a namespace belongs to one tenant")
    void namespaceClaimedTwice() {
      assertThat(tenantProblems("namespaces: [shared]\n", "namespaces: [mine, shared]\n")).containsExactly(
          "tenants/t1.yaml:6:22: Tenant team-1: spec.namespaces[1]: namespace 'shared' already belongs to Tenant"
              + " team-0 (tenants/t0.yaml:6:16); a namespace belongs to one tenant, so choose another name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"knative-serving", "knative-eventing", "knative-serving-ingress", "knative-x"})
    @DisplayName("knative-* namespaces belong to OpenShift Serverless")
    void knativeNamespaces(String namespace) {
      assertThat(tenantProblems("namespaces: [" + namespace + "]\n")).containsExactly("tenants/t0.yaml:6:16: Tenant"
          + " team-0: spec.namespaces[0]: '" + namespace + "' cannot be a tenant namespace: knative-* namespaces"
          + " belong to OpenShift Serverless (knative-serving, knative-eventing, knative-serving-ingress), which joins"
          + " the mesh as a member (S4) and gets the isolation policies (S15); use a namespace of the tenant's own");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openshift", "openshift-monitoring", "openshiftlogging", "kube-system", "default"})
    @DisplayName("OpenShift and Kubernetes system namespaces are refused")
    void systemNamespaces(String namespace) {
      assertThat(tenantProblems("namespaces: [" + namespace + "]\n")).containsExactly("tenants/t0.yaml:6:16: Tenant"
          + " team-0: spec.namespaces[0]: '" + namespace + "' cannot be a tenant namespace: it is a system namespace"
          + " of OpenShift (openshift*) or Kubernetes (kube-*, default); use a namespace of the tenant's own");
    }

    @Test
    @DisplayName("the control plane's namespace is refused, an environment's too")
    void controlPlaneNamespace() {
      write("platform.yaml", platform(MESH));
      write("prod.yaml", environment("prod", """
          clusterDomain: c.d
          overrides: {serviceMesh: {controlPlane: {namespace: mesh-prod}}}
          """));
      write("t.yaml", tenant("team-a", "namespaces: [istio-system, mesh-prod]\n"));

      String reason = "' cannot be a tenant namespace: it is the Service Mesh control plane's namespace"
          + " (spec.serviceMesh.controlPlane.namespace), which the platform owns";
      assertThat(problems()).containsExactly(
          "t.yaml:6:16: Tenant team-a: spec.namespaces[0]: 'istio-system" + reason,
          "t.yaml:6:30: Tenant team-a: spec.namespaces[1]: 'mesh-prod" + reason);
    }

    @Test
    @DisplayName("environments must be known")
    void environments() {
      assertThat(tenantProblems("namespaces: [a]\nenvironments: [prd, dev, dev, 1]\n", "namespaces: [b]\n"
          + "environments: []\n")).containsExactly(
          "tenants/t0.yaml:7:18: Tenant team-0: spec.environments[0]: unknown environment 'prd', did you mean"
              + " 'prod'?; the environments are dev, prod",
          "tenants/t0.yaml:7:28: Tenant team-0: spec.environments[2]: environment 'dev' is listed twice; remove one",
          "tenants/t0.yaml:7:33: Tenant team-0: spec.environments[3]: expected a string, found the number 1; quote"
              + " it: \"1\"",
          "tenants/t1.yaml:7:17: Tenant team-1: spec.environments: an empty list deploys the tenant nowhere; remove"
              + " environments to deploy it in every environment, or list some");
    }

    @Test
    @DisplayName("labels are valid Kubernetes labels, and not app (S17)")
    void labels() {
      assertThat(tenantProblems("""
          namespaces: [a]
          labels:
            app: billing
            example.com/team: a
            bad key: x
            cost-center: "a b"
            count: 3
          """)).containsExactly(
          "tenants/t0.yaml:8:5: Tenant team-0: spec.labels.app: the label 'app' cannot attribute cost: Knative sets"
              + " app=<revision> on its pods, and cost management never overrides a label the resource already has"
              + " (S17); use another key, such as cost-center",
          "tenants/t0.yaml:10:5: Tenant team-0: spec.labels.'bad key': 'bad key' is not a valid label key: the name"
              + " must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit,"
              + " e.g. cost-center",
          "tenants/t0.yaml:11:18: Tenant team-0: spec.labels.cost-center: 'a b' is not a valid label value: at most 63"
              + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit, e.g. cc-1234",
          "tenants/t0.yaml:12:12: Tenant team-0: spec.labels.count: expected a string, found the number 3; quote it:"
              + " \"3\"");
    }

    @Test
    @DisplayName("services need a name, one of the tenant's namespaces and an image")
    void services() {
      assertThat(tenantProblems("""
          namespaces: [a, b]
          services:
            - {name: 1st, namespace: c, image: x, gpus: -1, env: {PORT: 8080, 9X: y}}
            - {namespace: a}
            - {name: web, namespace: a, image: x}
            - {name: web, namespace: a, image: y, port: 80}
            - just-a-name
          """)).containsExactly(
          "tenants/t0.yaml:8:14: Tenant team-0: spec.services[0].name: '1st' is not a valid service name (RFC 1035"
              + " label): use a lowercase letter, then lowercase letters, digits and '-', ending with a letter or"
              + " digit, at most 63 characters",
          "tenants/t0.yaml:8:30: Tenant team-0: spec.services[0].namespace: 'c' is not one of the tenant's namespaces"
              + " (a, b); use one of them, or add it to spec.namespaces",
          "tenants/t0.yaml:8:49: Tenant team-0: spec.services[0].gpus: must be at least 0, found -1",
          "tenants/t0.yaml:8:65: Tenant team-0: spec.services[0].env.PORT: expected a string, found the number 8080;"
              + " quote it: \"8080\"",
          "tenants/t0.yaml:8:71: Tenant team-0: spec.services[0].env.9X: '9X' is not a valid environment variable"
              + " name: use letters, digits, '_', '-' and '.', not starting with a digit, e.g. RESPONSE_TEXT",
          "tenants/t0.yaml:9:7: Tenant team-0: spec.services[1]: missing required key 'image' (the container image,"
              + " e.g. quay.io/acme/hello:1.0)",
          "tenants/t0.yaml:9:7: Tenant team-0: spec.services[1]: missing required key 'name' (the Knative service's"
              + " name, e.g. hello)",
          "tenants/t0.yaml:11:14: Tenant team-0: spec.services[3].name: duplicate service 'web' in namespace 'a'"
              + " (first at tenants/t0.yaml:10:14); rename or remove one",
          "tenants/t0.yaml:11:43: Tenant team-0: spec.services[3].port: unknown key 'port'; known keys: name,"
              + " namespace, image, env, gpus, overrides",
          "tenants/t0.yaml:12:7: Tenant team-0: spec.services[4]: expected a map, found the string 'just-a-name'");
    }
  }

  @Nested
  @DisplayName("delivery: OLM subscriptions, certificates, Argo CD")
  class Delivery {
    private static final String REPO = "https://git.example.com/acme/gitops.git";

    private Descriptor read(String platformSpec, String prodSpec) throws Exception {
      write("platform.yaml", platform(platformSpec));
      write("prod.yaml", environment("prod", prodSpec));
      return DescriptorReader.read(dir);
    }

    private List<String> problems(String platformSpec) {
      write("platform.yaml", platform(platformSpec));
      write("prod.yaml", environment("prod", "clusterDomain: apps.prod.example.com\n"));
      return DescriptorReaderTest.this.problems();
    }

    @Test
    @DisplayName("without argocd no Argo CD delivery; subscriptions on by default, channels from the versions")
    void defaults() throws Exception {
      PlatformSpec spec = read("serverless: {version: \"1.36.2\"}\n" + MESH,
          "clusterDomain: apps.prod.example.com\n").platform().spec();

      assertThat(spec.argocd()).isNull();
      assertThat(spec.serverless().subscription()).isEqualTo(subscription("stable-1.36"));
      assertThat(spec.serviceMesh().subscription()).isEqualTo(subscription("stable"));
      assertThat(spec.tls()).isEqualTo(new PlatformSpec.TlsOptions("wildcard-certs", TlsSource.Existing, null));
    }

    @Test
    @DisplayName("argocd needs only repoURL: HEAD, the repository's root, OpenShift GitOps, the cluster Argo CD runs in")
    void argocdDefaults() throws Exception {
      PlatformSpec spec = read(MESH + "argocd: {repoURL: " + REPO + "}\n", "clusterDomain: apps.prod.example.com\n")
          .environments().get(0).spec();

      assertThat(spec.argocd()).isEqualTo(new ArgoCdOptions(REPO, "HEAD", "", "openshift-gitops", Destination.IN_CLUSTER));
      assertThat(spec.argocd().repositoryPath("platform/overlays/prod")).isEqualTo("platform/overlays/prod");
    }

    @Test
    @DisplayName("every value can be set, and an environment names its own cluster through its overrides")
    void everyValue() throws Exception {
      Descriptor descriptor = read("""
          serverless:
            version: "1.35"
            subscription: {enabled: false}
          serviceMesh:
            version: "2.6"
            subscription: {channel: stable-2.6, source: mirror, sourceNamespace: catalogs, installPlanApproval: Manual}
          tls:
            secretName: certs
            source: CertManager
            issuer: {kind: Issuer, name: internal-ca}
          argocd:
            repoURL: git@github.com:acme/gitops.git
            targetRevision: main
            path: ./clusters/acme/
            namespace: argocd
            destination: {server: "https://api.staging.example.com:6443"}
          """, """
          clusterDomain: apps.prod.example.com
          overrides:
            argocd:
              targetRevision: production
              destination: {server: null, name: prod}
          """);

      PlatformSpec platform = descriptor.platform().spec();
      assertThat(platform.serverless().subscription().enabled()).isFalse();
      assertThat(platform.serverless().subscription().channel()).isEqualTo("stable-1.35");
      assertThat(platform.serviceMesh().subscription()).isEqualTo(
          new SubscriptionOptions(true, "stable-2.6", "mirror", "catalogs", InstallPlanApproval.Manual));
      assertThat(platform.tls()).isEqualTo(new PlatformSpec.TlsOptions("certs", TlsSource.CertManager,
          new IssuerRef("Issuer", "internal-ca", "cert-manager.io")));
      assertThat(platform.argocd()).isEqualTo(new ArgoCdOptions("git@github.com:acme/gitops.git", "main",
          "clusters/acme", "argocd", new Destination("https://api.staging.example.com:6443", null)));
      assertThat(platform.argocd().repositoryPath("argocd/prod/apps")).isEqualTo("clusters/acme/argocd/prod/apps");
      assertThat(descriptor.environments().get(0).spec().argocd()).isEqualTo(new ArgoCdOptions(
          "git@github.com:acme/gitops.git", "production", "clusters/acme", "argocd", new Destination(null, "prod")));
    }

    @Test
    @DisplayName("argocd problems name the key and say what to write")
    void argocdProblems() {
      assertThat(problems(MESH + """
          argocd:
            repoURL: not a url
            targetRevision: two words
            path: /clusters
            namespace: Argo_CD
            destination: {server: "https://a.example.com:6443", name: a}
            project: x
          """)).containsExactly(
          "platform.yaml:9:14: Platform acme: spec.argocd.repoURL: 'not a url' is not a Git repository URL: write"
              + " e.g. https://github.com/acme/gitops.git or git@github.com:acme/gitops.git",
          "platform.yaml:10:21: Platform acme: spec.argocd.targetRevision: 'two words' is not a Git revision: write"
              + " a branch, tag or commit, e.g. main",
          "platform.yaml:11:11: Platform acme: spec.argocd.path: '/clusters' is absolute; write the folder that holds"
              + " the tree relative to the repository's root, e.g. clusters/acme, or leave path out when the tree is"
              + " the root",
          "platform.yaml:12:16: Platform acme: spec.argocd.namespace: 'Argo_CD' is not a valid namespace name"
              + " (RFC 1123 label), perhaps you should use 'argo-cd'",
          "platform.yaml:13:18: Platform acme: spec.argocd.destination: set server or name, not both (an environment"
              + " that names its cluster differently than the Platform empties the other key, e.g. destination:"
              + " {server: null, name: prod})",
          "platform.yaml:14:5: Platform acme: spec.argocd.project: unknown key 'project'; known keys: repoURL,"
              + " targetRevision, path, namespace, destination");
      assertThat(problems(MESH + "argocd: {path: a/../b, destination: {}}\n")).containsExactly(
          "platform.yaml:8:11: Platform acme: spec.argocd: missing required key 'repoURL' (the Git repository the"
              + " generated tree is committed to, e.g. https://github.com/acme/gitops.git)",
          "platform.yaml:8:18: Platform acme: spec.argocd.path: 'a/../b' has a '..' segment; write the folder that"
              + " holds the tree relative to the repository's root, e.g. clusters/acme, or leave path out when the"
              + " tree is the root",
          "platform.yaml:8:39: Platform acme: spec.argocd.destination: write server (the cluster's API URL, e.g."
              + " https://api.prod.example.com:6443) or name (the cluster's name in Argo CD)");
    }

    @Test
    @DisplayName("cert-manager needs an issuer of a kind it knows; subscriptions take OLM's approval modes")
    void tlsAndSubscriptionProblems() {
      assertThat(problems(MESH + "tls: {source: CertManager}\n")).containsExactly(
          "platform.yaml:8:17: Platform acme: spec.tls.source: cert-manager needs an issuer to sign the certificates:"
              + " add issuer: {kind: ClusterIssuer, name: <issuer>} (kind Issuer for one in the control-plane"
              + " namespace)");
      assertThat(problems(MESH + "tls: {source: CertManager, issuer: {kind: ClusterIsuer}}\n")).containsExactly(
          "platform.yaml:8:38: Platform acme: spec.tls.issuer: missing required key 'name' (the name of the issuer,"
              + " e.g. letsencrypt)",
          "platform.yaml:8:45: Platform acme: spec.tls.issuer.kind: 'ClusterIsuer' is not a cert-manager issuer"
              + " kind, did you mean 'ClusterIssuer'?; use ClusterIssuer or Issuer (or set group to the API group of"
              + " an external issuer)");
      assertThat(problems("serviceMesh: {version: \"2.6\", subscription: {installPlanApproval: Automatik,"
          + " channel: \"a b\"}}\n")).containsExactly(
          "platform.yaml:6:69: Platform acme: spec.serviceMesh.subscription.installPlanApproval: 'Automatik' is not"
              + " one of Automatic, Manual, did you mean 'Automatic'?",
          "platform.yaml:6:89: Platform acme: spec.serviceMesh.subscription.channel: 'a b' is not an OLM channel"
              + " name: use letters, digits, '.', '_' and '-', e.g. stable");
    }
  }

  @Nested
  @DisplayName("reporting")
  class Reporting {
    @Test
    @DisplayName("every problem of every file is reported at once, sorted by file, line and column")
    void allAtOnce() {
      write("z.yaml", tenant("team-a", "namespaces: [A]\n"));
      write("platform.yaml", platform("serviceMesh: {version: 2.6}\ningress: Kourier\n"));
      write("a.yaml", environment("Prod", "clusterDomain: Apps\n"));

      DescriptorException e = descriptorException(dir);

      assertThat(e.problems()).isSorted().extracting(p -> p.file() + ":" + p.line() + ":" + p.column()).containsExactly(
          "a.yaml:4:9", "a.yaml:6:18", "platform.yaml:6:26", "platform.yaml:7:12", "z.yaml:6:16");
      assertThat(e.getMessage()).startsWith("5 problems in the descriptor:\na.yaml:4:9: Environment Prod:"
          + " metadata.name: 'Prod' is not a valid name");
      assertThat(e.getMessage().lines()).hasSize(6);
    }

    @Test
    @DisplayName("a file that cannot be parsed does not cause errors about what it may define")
    void brokenFileHidesCrossDocumentChecks() {
      write("platform.yaml", "apiVersion: [");
      write("t.yaml", tenant("team-a", "namespaces: [a]\nenvironments: [prod]\n"));

      assertThat(problems()).singleElement().asString().startsWith("platform.yaml:1:14: YAML syntax error: ");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static String platform(String spec) {
    return document("Platform", "acme", spec);
  }

  private static String environment(String name, String spec) {
    return document("Environment", name, spec);
  }

  private static String tenant(String name, String spec) {
    return document("Tenant", name, spec);
  }

  /** The contract's default OLM subscription on {@code channel}. */
  private static SubscriptionOptions subscription(String channel) {
    return new SubscriptionOptions(true, channel, "redhat-operators", "openshift-marketplace",
        InstallPlanApproval.Automatic);
  }

  private static String document(String kind, String name, String spec) {
    return "apiVersion: meshserverless.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n"
        + spec.indent(2);
  }

  private void write(String file, String content) {
    write(dir, file, content);
  }

  private void write(Path directory, String file, String content) {
    try {
      Path path = directory.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void copyResource(String name) throws IOException, URISyntaxException {
    Path source = Path.of(DescriptorReaderTest.class.getResource("/descriptor/" + name).toURI());
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        write(source.relativize(file).toString(), Files.readString(file));
      }
    }
  }

  private List<String> problems() {
    return descriptorException(dir).problems().stream().map(Problem::toString).toList();
  }

  private static DescriptorException descriptorException(Path directory) {
    try {
      Descriptor descriptor = DescriptorReader.read(directory);
      return fail("expected a DescriptorException, read " + descriptor);
    } catch (DescriptorException e) {
      return e;
    } catch (IOException e) {
      return fail("expected a DescriptorException", e);
    }
  }
}
