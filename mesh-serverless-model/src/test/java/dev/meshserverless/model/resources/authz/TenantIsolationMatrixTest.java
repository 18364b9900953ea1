package dev.meshserverless.model.resources.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.resources.TenantIsolation;
import dev.meshserverless.model.resources.TenantIsolation.ChartRelease;
import dev.meshserverless.model.resources.authz.Request.Source;
import dev.meshserverless.model.resources.authz.Request.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** S16: what the tenant isolation policies let through, proved with {@link IstioAuthz} on every request kind. */
@DisplayName("Tenant isolation request matrix (S16)")
class TenantIsolationMatrixTest {
  private static final String CONTROL_PLANE = "istio-system";
  private static final Tenant ALPHA = new Tenant("team-alpha", List.of("team-alpha-1", "team-alpha-2"));
  private static final Tenant BRAVO = new Tenant("team-bravo", List.of("team-bravo-1", "team-bravo-2", "team-bravo-3"));
  private static final Tenant CHARLIE = new Tenant("team-charlie", List.of("team-charlie-1", "team-charlie-2"));

  private static final Workload ACTIVATOR = knative("knative-serving", "activator");
  private static final Workload AUTOSCALER = knative("knative-serving", "autoscaler");
  private static final Workload BROKER_INGRESS = knative("knative-eventing", "broker-ingress");
  private static final Workload IMC_DISPATCHER = knative("knative-eventing", "imc-dispatcher");
  private static final Workload KAFKA_BROKER_RECEIVER = knative("knative-eventing", "kafka-broker-receiver");
  private static final Workload JOB_SINK = knative("knative-eventing", "job-sink");

  private static final Source INGRESS_GATEWAY =
      Source.serviceAccount(CONTROL_PLANE, "istio-ingressgateway-service-account");
  private static final Source SERVING_CONTROLLER = Source.serviceAccount("knative-serving", "controller");
  private static final Source ACTIVATOR_SA = Source.serviceAccount("knative-serving", "activator");
  private static final Source SERVING_INGRESS = Source.serviceAccount("knative-serving-ingress", "net-kourier");
  private static final Source KUBELET = Source.UNAUTHENTICATED;

  record Tenant(String name, List<String> namespaces) {
    String ns(int i) {
      return namespaces.get(i - 1);
    }
  }

  /** One request and the expected outcome; the description names the cell in failures. */
  record Cell(String description, Request request, boolean allowed) {}

  /** A Knative data-plane deployment, labelled as the operators label them. */
  private static Workload knative(String namespace, String component) {
    return new Workload(namespace, Map.of("app", component, "app.kubernetes.io/component", component));
  }

  /** A Knative service's pod in {@code namespace}. */
  private static Workload pod(String namespace) {
    return new Workload(namespace, Map.of("app", "svc-00001", "serving.knative.dev/service", "svc"));
  }

  private static Source workloadIn(String namespace) {
    return Source.serviceAccount(namespace, "default");
  }

  private static Source eventing(String serviceAccount) {
    return Source.serviceAccount("knative-eventing", serviceAccount);
  }

  private static String serviceHost(String namespace) {
    return "svc." + namespace + ".svc.cluster.local";
  }

  /** Requests of tenant {@code a}, and of another tenant {@code b}, towards {@code a}'s workloads. */
  static List<Cell> cells(Tenant a, Tenant b, ChartRelease release) {
    String a1 = a.ns(1);
    String a2 = a.ns(2);
    String b1 = b.ns(1);
    List<Cell> cells = new ArrayList<>();
    // Serving: same tenant, directly and through the activator
    cells.add(new Cell(a1 + " -> service in " + a2 + " directly",
        Request.of(workloadIn(a1), pod(a2)).withHost(serviceHost(a2)), true));
    cells.add(new Cell(a1 + " -> activator for " + a2 + "'s service",
        Request.of(workloadIn(a1), ACTIVATOR).withHost(serviceHost(a2)), true));
    cells.add(new Cell(a1 + " -> activator for " + a2 + "'s service, short host",
        Request.of(workloadIn(a1), ACTIVATOR).withHost("svc." + a2), true));
    cells.add(new Cell("activator -> pod in " + a2, Request.of(ACTIVATOR_SA, pod(a2)).withHost(serviceHost(a2)), true));
    // Serving: another tenant, directly and through the activator
    cells.add(new Cell(b1 + " -> service in " + a2 + " directly",
        Request.of(workloadIn(b1), pod(a2)).withHost(serviceHost(a2)), false));
    cells.add(new Cell(b1 + " -> activator for " + a2 + "'s service",
        Request.of(workloadIn(b1), ACTIVATOR).withHost(serviceHost(a2)), false));
    cells.add(new Cell(b1 + " -> activator for " + a2 + "'s service, short host",
        Request.of(workloadIn(b1), ACTIVATOR).withHost("SVC." + a2 + ".svc"), false));
    // Serving: external route, system components, wait-for-drain
    cells.add(new Cell("ingress gateway -> pod in " + a1,
        Request.of(INGRESS_GATEWAY, pod(a1)).withHost("svc-" + a1 + ".apps.example.com"), true));
    cells.add(new Cell("ingress gateway -> activator for " + a1 + "'s service",
        Request.of(INGRESS_GATEWAY, ACTIVATOR).withHost("svc-" + a1 + ".apps.example.com"), true));
    cells.add(new Cell("knative-serving controller -> pod in " + a1,
        Request.of(SERVING_CONTROLLER, pod(a1)).withPort(9091).withPath("/metrics"), true));
    cells.add(new Cell("knative-serving-ingress -> pod in " + a1, Request.of(SERVING_INGRESS, pod(a1)),
        release != ChartRelease.V1_31));
    cells.add(new Cell("kubelet -> wait-for-drain in " + a1, Request.of(KUBELET, pod(a1)).withPort(8022), true));
    cells.add(new Cell(b1 + " -> wait-for-drain in " + a1, Request.of(workloadIn(b1), pod(a1)).withPort(8022), true));
    cells.add(new Cell("kubelet -> queue-proxy in " + a1, Request.of(KUBELET, pod(a1)), false));
    cells.add(new Cell(a1 + " -> autoscaler", Request.of(workloadIn(a1), AUTOSCALER), false));
    cells.add(new Cell("knative-serving controller -> autoscaler", Request.of(SERVING_CONTROLLER, AUTOSCALER), true));
    // Eventing delivery into the tenant's services, directly and through the activator
    Request delivery = Request.of(eventing("imc-dispatcher"), pod(a2)).withMethod("POST").withHost(serviceHost(a2));
    cells.add(new Cell("imc-dispatcher for " + a1 + " -> pod in " + a2, delivery.withHeader("Kn-Namespace", a1), true));
    cells.add(new Cell("imc-dispatcher for " + b1 + " -> pod in " + a2,
        delivery.withHeader("Kn-Namespace", b1), false));
    cells.add(new Cell("imc-dispatcher without Kn-Namespace -> pod in " + a2, delivery, false));
    Request viaActivator =
        Request.of(eventing("imc-dispatcher"), ACTIVATOR).withMethod("POST").withHost(serviceHost(a2));
    cells.add(new Cell("imc-dispatcher for " + a1 + " -> activator for " + a2,
        viaActivator.withHeader("kn-namespace", a1), true));
    cells.add(new Cell("imc-dispatcher for " + b1 + " -> activator for " + a2,
        viaActivator.withHeader("Kn-Namespace", b1), false));
    cells.add(new Cell("eventing-webhook for " + a1 + " -> activator for " + a2,
        Request.of(eventing("eventing-webhook"), ACTIVATOR).withHost(serviceHost(a2)).withHeader("Kn-Namespace", a1),
        false));
    // Eventing receivers in knative-eventing, addressed as /<ns>/<broker or channel>
    Request toBroker = Request.of(workloadIn(a1), BROKER_INGRESS).withMethod("POST")
        .withHost("broker-ingress.knative-eventing.svc.cluster.local");
    cells.add(new Cell(a1 + " -> broker-ingress /" + a1 + "/default", toBroker.withPath("/" + a1 + "/default"), true));
    cells.add(new Cell(a1 + " -> broker-ingress /" + b1 + "/default", toBroker.withPath("/" + b1 + "/default"), false));
    cells.add(new Cell(b1 + " -> broker-ingress /" + a1 + "/default",
        Request.of(workloadIn(b1), BROKER_INGRESS).withMethod("POST").withPath("/" + a1 + "/default"), false));
    Request reply = Request.of(eventing("mt-broker-filter"), BROKER_INGRESS).withMethod("POST")
        .withPath("/" + a1 + "/default");
    cells.add(new Cell("mt-broker-filter reply for " + a1 + " -> broker-ingress /" + a1 + "/default",
        reply.withHeader("Kn-Namespace", a1), true));
    cells.add(new Cell("mt-broker-filter reply for " + b1 + " -> broker-ingress /" + a1 + "/default",
        reply.withHeader("Kn-Namespace", b1), false));
    Request toChannel =
        Request.of(workloadIn(a1), IMC_DISPATCHER).withMethod("POST").withPath("/" + a2 + "/my-channel");
    cells.add(new Cell(a1 + " -> imc-dispatcher /" + a2 + "/my-channel", toChannel, true));
    cells.add(new Cell(b1 + " -> imc-dispatcher /" + a2 + "/my-channel",
        Request.of(workloadIn(b1), IMC_DISPATCHER).withMethod("POST").withPath("/" + a2 + "/my-channel"), false));
    cells.add(new Cell("mt-broker-ingress POST -> imc-dispatcher",
        Request.of(eventing("mt-broker-ingress"), IMC_DISPATCHER).withMethod("POST").withPath("/" + a2 + "/ch"), true));
    cells.add(new Cell("mt-broker-ingress GET -> imc-dispatcher",
        Request.of(eventing("mt-broker-ingress"), IMC_DISPATCHER).withPath("/" + a2 + "/ch"), false));
    cells.add(new Cell("kafka broker data plane reply for " + a1 + " -> kafka-broker-receiver",
        Request.of(eventing("knative-kafka-broker-data-plane"), KAFKA_BROKER_RECEIVER).withMethod("POST")
            .withPath("/" + a1 + "/kafka-broker").withHeader("Kn-Namespace", a1), true));
    cells.add(new Cell("kafka-controller probe -> kafka-broker-receiver",
        Request.of(eventing("kafka-controller"), KAFKA_BROKER_RECEIVER), true));
    cells.add(new Cell(a1 + " -> job-sink /" + a1 + "/job",
        Request.of(workloadIn(a1), JOB_SINK).withMethod("POST").withPath("/" + a1 + "/job"),
        release == ChartRelease.V1_36));
    return cells;
  }

  /** The outcome of every cell, in order: {@code description: allowed|denied}. */
  private static List<String> evaluate(IstioAuthz authz, List<Cell> cells) {
    return cells.stream()
        .map(cell -> cell.description() + ": " + (authz.allows(cell.request()) ? "allowed" : "denied"))
        .toList();
  }

  /** Cells whose outcome differs from the expected one, with the evaluator's reason. */
  private static List<String> wrong(IstioAuthz authz, List<Cell> cells) {
    return cells.stream()
        .filter(cell -> authz.allows(cell.request()) != cell.allowed())
        .map(cell -> cell.description() + ": expected " + (cell.allowed() ? "allowed" : "denied")
            + ", but " + authz.decide(cell.request()).reason())
        .toList();
  }

  private static List<Map<String, Object>> ourPolicies(ChartRelease release, List<Tenant> tenants) {
    List<Map<String, Object>> policies = new ArrayList<>(
        Policies.toMaps(TenantIsolation.defaultPolicies(CONTROL_PLANE, true, true)));
    for (Tenant tenant : tenants) {
      policies.addAll(Policies.toMaps(TenantIsolation.tenantPolicies(
          release, tenant.name(), tenant.namespaces(), CONTROL_PLANE, "cluster.local", true, true)));
    }
    return policies;
  }

  /** Every ordered pair of distinct tenants: the first owns the targets, the second is the other tenant. */
  private static List<Cell> matrix(List<Tenant> tenants, ChartRelease release) {
    List<Cell> cells = new ArrayList<>();
    for (Tenant a : tenants) {
      for (Tenant b : tenants) {
        if (a != b) {
          cells.addAll(cells(a, b, release));
        }
      }
    }
    return cells;
  }

  @ParameterizedTest(name = "chart generation {0}")
  @EnumSource(ChartRelease.class)
  void ourPoliciesIsolateThreeTenants(ChartRelease release) {
    List<Tenant> tenants = List.of(ALPHA, BRAVO, CHARLIE);
    List<Cell> cells = matrix(tenants, release);
    assertThat(cells).hasSizeGreaterThan(6 * 30);
    assertThat(wrong(new IstioAuthz(ourPolicies(release, tenants)), cells)).isEmpty();
  }

  @ParameterizedTest(name = "chart {0}")
  @ValueSource(strings = {"1.31.0", "1.37.0"})
  void theChartsOwnRenderGivesTheSameMatrix(String chartVersion) {
    Path reference = Policies.requireReference();
    Tenant alpha = new Tenant("team-alpha", List.of("team-alpha-1", "team-alpha-2"));
    Tenant bravo = new Tenant("team-bravo", List.of("team-bravo-1", "team-bravo-2"));
    ChartRelease release = ChartRelease.forServerless(chartVersion);
    List<Cell> cells = matrix(List.of(alpha, bravo), release);

    List<Map<String, Object>> chart = new ArrayList<>(
        Policies.readYaml(reference.resolve("seed-examples/10-authorizationpolicies.yaml")));
    for (Tenant tenant : List.of(alpha, bravo)) {
      chart.addAll(Policies.readYaml(reference.resolve("authz-chart/" + chartVersion + "/" + tenant.name() + ".yaml")));
    }
    IstioAuthz chartAuthz = new IstioAuthz(chart);
    IstioAuthz ourAuthz = new IstioAuthz(ourPolicies(release, List.of(alpha, bravo)));

    assertThat(wrong(chartAuthz, cells)).as("chart render").isEmpty();
    assertThat(evaluate(ourAuthz, cells)).isEqualTo(evaluate(chartAuthz, cells));
  }
}
