package dev.meshserverless.model.resources.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshserverless.model.resources.authz.Request.Source;
import dev.meshserverless.model.resources.authz.Request.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("IstioAuthz applies Istio's AuthorizationPolicy semantics")
class IstioAuthzTest {
  private static final Workload WEB = new Workload("shop", Map.of("app", "web", "version", "v1"));
  private static final Workload DB = new Workload("shop", Map.of("app", "db"));
  private static final Workload ELSEWHERE = new Workload("other", Map.of("app", "web"));
  private static final Source FRONTEND = Source.serviceAccount("front", "frontend");
  private static final Source BATCH = Source.serviceAccount("batch", "runner");

  /** Policies written as YAML documents in namespace {@code shop}, like the manifests they stand for. */
  private static IstioAuthz policies(String... specs) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < specs.length; i++) {
      yaml.append("---\nmetadata: {name: p").append(i).append(", namespace: shop}\nspec:\n")
          .append(specs[i].indent(2));
    }
    try {
      List<Map<String, Object>> documents = new YAMLMapper()
          .readerFor(new TypeReference<Map<String, Object>>() {})
          .<Map<String, Object>>readValues(yaml.toString())
          .readAll();
      return new IstioAuthz(documents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Request from(Source source) {
    return Request.of(source, WEB);
  }

  @Nested
  @DisplayName("scope and actions")
  class Scope {
    @Test
    void withoutPoliciesEverythingIsAllowed() {
      assertThat(policies().allows(from(FRONTEND))).isTrue();
    }

    @Test
    void allowPolicyWithoutRulesDeniesEverythingInItsNamespaceOnly() {
      IstioAuthz authz = policies("{}");
      assertThat(authz.allows(from(FRONTEND))).isFalse();
      assertThat(authz.allows(Request.of(FRONTEND, DB))).isFalse();
      assertThat(authz.allows(Request.of(FRONTEND, ELSEWHERE))).isTrue();
    }

    @Test
    void ruleWithoutConditionsAllowsEverything() {
      assertThat(policies("rules: [{}]").allows(from(FRONTEND))).isTrue();
    }

    @Test
    void selectorAppliesToWorkloadsWhoseLabelsIncludeIt() {
      IstioAuthz authz = policies("selector: {matchLabels: {app: web}}\naction: ALLOW");
      assertThat(authz.allows(from(FRONTEND))).as("web v1 carries app=web").isFalse();
      assertThat(authz.allows(Request.of(FRONTEND, DB))).as("db is not selected").isTrue();
      assertThat(policies("selector: {matchLabels: {app: web, version: v2}}").allows(from(FRONTEND))).isTrue();
    }

    @Test
    void anyMatchingAllowPolicyAllows() {
      IstioAuthz authz = policies("{}", "rules: [{from: [{source: {namespaces: [front]}}]}]");
      assertThat(authz.allows(from(FRONTEND))).isTrue();
      assertThat(authz.allows(from(BATCH))).isFalse();
    }

    @Test
    void denyPoliciesComeFirst() {
      IstioAuthz authz = policies(
          "action: ALLOW\nrules: [{}]",
          "action: DENY\nrules: [{from: [{source: {namespaces: [batch]}}]}]");
      assertThat(authz.allows(from(FRONTEND))).isTrue();
      assertThat(authz.allows(from(BATCH))).isFalse();
      assertThat(authz.decide(from(BATCH)).reason()).isEqualTo("denied by shop/p1");
    }

    @Test
    void denyWithoutMatchingRuleLeavesRequestAllowedWhenNoAllowPolicySelects() {
      IstioAuthz authz = policies("action: DENY\nrules: [{to: [{operation: {methods: [DELETE]}}]}]");
      assertThat(authz.allows(from(FRONTEND))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withMethod("DELETE"))).isFalse();
    }

    @Test
    void unsupportedActionsAndFieldsFailLoudly() {
      assertThatThrownBy(() -> policies("action: CUSTOM").allows(from(FRONTEND)))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> policies("rules: [{from: [{source: {ipBlocks: [10.0.0.0/8]}}]}]").allows(from(FRONTEND)))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  @DisplayName("from")
  class From {
    @Test
    void sourcesAreAlternatives() {
      IstioAuthz authz = policies(
          "rules: [{from: [{source: {namespaces: [front]}},"
              + " {source: {principals: [cluster.local/ns/batch/sa/runner]}}]}]");
      assertThat(authz.allows(from(FRONTEND))).isTrue();
      assertThat(authz.allows(from(BATCH))).isTrue();
      assertThat(authz.allows(from(Source.serviceAccount("batch", "other")))).isFalse();
    }

    @Test
    void fieldsOfOneSourceMustAllMatch() {
      IstioAuthz authz = policies(
          "rules: [{from: [{source: {namespaces: [front], principals: [cluster.local/ns/front/sa/admin]}}]}]");
      assertThat(authz.allows(from(FRONTEND))).isFalse();
      assertThat(authz.allows(from(Source.serviceAccount("front", "admin")))).isTrue();
    }

    @Test
    void notNamespacesAndNotPrincipalsExclude() {
      IstioAuthz authz = policies(
          "rules: [{from: [{source: {notNamespaces: [batch], notPrincipals: [cluster.local/ns/front/sa/admin]}}]}]");
      assertThat(authz.allows(from(FRONTEND))).isTrue();
      assertThat(authz.allows(from(BATCH))).isFalse();
      assertThat(authz.allows(from(Source.serviceAccount("front", "admin")))).isFalse();
    }

    @Test
    void plainTextHasNoIdentity() {
      assertThat(policies("rules: [{from: [{source: {principals: ['*']}}]}]").allows(from(Source.UNAUTHENTICATED)))
          .isFalse();
      assertThat(policies("rules: [{from: [{source: {notNamespaces: [batch]}}]}]").allows(from(Source.UNAUTHENTICATED)))
          .isTrue();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "cluster.local/ns/front/sa/frontend, cluster.local/ns/front/sa/frontend, true",
        "cluster.local/ns/front/sa/frontend, cluster.local/ns/front/sa/frontend2, false",
        "cluster.local/ns/front/*, cluster.local/ns/front/sa/anything, true",
        "cluster.local/ns/front/*, cluster.local/ns/frontier/sa/x, false",
        "*/sa/frontend, cluster.local/ns/other/sa/frontend, true",
        "*/sa/frontend, cluster.local/ns/other/sa/backend, false",
        "*, cluster.local/ns/any/sa/any, true",
    })
    void principalsUseExactPrefixSuffixAndPresenceMatches(String pattern, String principal, boolean allowed) {
      String[] parts = principal.split("/");
      Source source = Source.serviceAccount(parts[2], parts[4]);
      assertThat(policies("rules: [{from: [{source: {principals: ['" + pattern + "']}}]}]").allows(from(source)))
          .isEqualTo(allowed);
    }
  }

  @Nested
  @DisplayName("to")
  class To {
    @Test
    void methodsPortsAndPathsMustAllMatch() {
      IstioAuthz authz = policies("rules: [{to: [{operation: {methods: [POST], ports: ['8080'], paths: [/api/*]}}]}]");
      Request post = from(FRONTEND).withMethod("POST").withPort(8080).withPath("/api/orders");
      assertThat(authz.allows(post)).isTrue();
      assertThat(authz.allows(post.withMethod("GET"))).isFalse();
      assertThat(authz.allows(post.withPort(8081))).isFalse();
      assertThat(authz.allows(post.withPath("/admin"))).isFalse();
    }

    @Test
    void operationsAreAlternatives() {
      IstioAuthz authz = policies("rules: [{to: [{operation: {paths: [/a/*]}}, {operation: {hosts: ['*.b']}}]}]");
      assertThat(authz.allows(from(FRONTEND).withPath("/a/x"))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withHost("svc.b"))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withPath("/c/x").withHost("svc.c"))).isFalse();
    }

    @Test
    void hostsMatchIgnoringCaseWithWildcards() {
      IstioAuthz authz = policies("rules: [{to: [{operation: {hosts: ['*.shop.svc.cluster.local', 'api.*']}}]}]");
      assertThat(authz.allows(from(FRONTEND).withHost("Web.SHOP.svc.cluster.local"))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withHost("API.example.com"))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withHost("web.shop2.svc.cluster.local"))).isFalse();
    }

    @Test
    void pathsAreCaseSensitiveWithSuffixMatch() {
      IstioAuthz authz = policies("rules: [{to: [{operation: {paths: ['*.json']}}]}]");
      assertThat(authz.allows(from(FRONTEND).withPath("/x/data.json"))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withPath("/x/data.JSON"))).isFalse();
    }

    @Test
    void notVariantsExclude() {
      IstioAuthz authz = policies(
          "rules: [{to: [{operation: {notMethods: [DELETE], notPorts: ['9090'],"
              + " notPaths: [/admin*], notHosts: [internal.*]}}]}]");
      assertThat(authz.allows(from(FRONTEND))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withMethod("DELETE"))).isFalse();
      assertThat(authz.allows(from(FRONTEND).withPort(9090))).isFalse();
      assertThat(authz.allows(from(FRONTEND).withPath("/admin/users"))).isFalse();
      assertThat(authz.allows(from(FRONTEND).withHost("INTERNAL.example.com"))).isFalse();
    }
  }

  @Nested
  @DisplayName("when")
  class When {
    @Test
    void headerNamesAreCaseInsensitive() {
      IstioAuthz authz =
          policies("rules: [{when: [{key: 'request.headers[Kn-Namespace]', values: [team-a, team-b]}]}]");
      assertThat(authz.allows(from(FRONTEND).withHeader("kn-namespace", "team-b"))).isTrue();
      assertThat(authz.allows(from(FRONTEND).withHeader("KN-NAMESPACE", "team-c"))).isFalse();
      assertThat(authz.allows(from(FRONTEND))).as("header absent").isFalse();
    }

    @Test
    void notValuesExcludeAndAllConditionsMustMatch() {
      IstioAuthz authz = policies("""
          rules:
          - when:
            - {key: source.namespace, notValues: [batch]}
            - {key: source.principal, values: ['*/sa/frontend', '*/sa/runner']}
            - {key: destination.port, values: ['8012']}
          """);
      assertThat(authz.allows(from(FRONTEND))).isTrue();
      assertThat(authz.allows(from(BATCH))).as("namespace excluded").isFalse();
      assertThat(authz.allows(from(Source.serviceAccount("front", "x")))).as("principal not listed").isFalse();
      assertThat(authz.allows(from(FRONTEND).withPort(9090))).as("port not listed").isFalse();
    }

    @Test
    void ruleNeedsFromToAndWhenTogether() {
      IstioAuthz authz = policies("""
          rules:
          - from: [{source: {namespaces: [front]}}]
            to: [{operation: {methods: [POST]}}]
            when: [{key: 'request.headers[X-Team]', values: [a]}]
          """);
      Request full = from(FRONTEND).withMethod("POST").withHeader("X-Team", "a");
      assertThat(authz.allows(full)).isTrue();
      assertThat(authz.allows(Request.of(BATCH, WEB).withMethod("POST").withHeader("X-Team", "a"))).isFalse();
      assertThat(authz.allows(full.withMethod("GET"))).isFalse();
      assertThat(authz.allows(full.withHeader("x-team", "b"))).isFalse();
    }
  }
}
