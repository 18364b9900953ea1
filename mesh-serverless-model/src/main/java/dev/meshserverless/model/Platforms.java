package dev.meshserverless.model;

import dev.meshserverless.model.descriptor.Descriptor;
import dev.meshserverless.model.descriptor.DescriptorException;
import dev.meshserverless.model.descriptor.DescriptorReader;
import dev.meshserverless.model.descriptor.Environment;
import dev.meshserverless.model.descriptor.MeshFederation;
import dev.meshserverless.model.descriptor.PlatformSpec;
import dev.meshserverless.model.descriptor.PlatformSpec.Ingress;
import dev.meshserverless.model.descriptor.PlatformSpec.Membership;
import dev.meshserverless.model.descriptor.Tenant;
import dev.meshserverless.model.output.Layout;
import dev.meshserverless.model.output.RenderedTree;
import dev.meshserverless.model.resources.Certificates;
import dev.meshserverless.model.resources.Eventing;
import dev.meshserverless.model.resources.Federation;
import dev.meshserverless.model.resources.Kafka;
import dev.meshserverless.model.resources.Mesh;
import dev.meshserverless.model.resources.Operators;
import dev.meshserverless.model.resources.Serving;
import dev.meshserverless.model.resources.SyncWaves;
import dev.meshserverless.model.resources.Tenancy;
import dev.meshserverless.model.resources.TenantIsolation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Descriptor in, GitOps tree out: which resources each unit of the tree holds, per environment.
 * CONTRACT.md's ownership rule decides the unit: the platform overlay holds nothing per tenant but the
 * member roll's list; a tenant's onboarding holds everything that creates or fences it; its workloads only
 * its own Knative services.
 */
public final class Platforms {
  /** The Kubernetes cluster DNS domain of in-cluster service hosts ({@code <svc>.<ns>.svc.<domain>}). */
  static final String KUBERNETES_DNS_DOMAIN = "cluster.local";

  private Platforms() {}

  /** Reads the descriptor directory and renders the whole tree, without touching the disk. */
  public static RenderedTree render(Path descriptorDirectory) throws DescriptorException, IOException {
    return render(DescriptorReader.read(descriptorDirectory));
  }

  /** Renders the tree of a descriptor already read. */
  public static RenderedTree render(Descriptor descriptor) {
    Layout layout = new Layout();
    SortedMap<String, List<HasMetadata>> platform = new TreeMap<>();
    for (Environment env : descriptor.environments()) {
      platform.put(env.name(), SyncWaves.annotate(
          platform(env, descriptor.tenantsIn(env.name()), descriptor.federation(env.name()).orElse(null))));
    }
    layout.addUnit("platform", platform);

    Map<String, SortedMap<String, List<HasMetadata>>> onboardingByTenant = new TreeMap<>();
    Map<String, SortedMap<String, List<HasMetadata>>> workloadsByTenant = new TreeMap<>();
    for (Tenant tenant : descriptor.tenants()) {
      SortedMap<String, List<HasMetadata>> onboarding = new TreeMap<>();
      SortedMap<String, List<HasMetadata>> workloads = new TreeMap<>();
      for (Environment env : descriptor.environments()) {
        if (tenant.environments().contains(env.name())) {
          onboarding.put(env.name(), SyncWaves.annotate(onboarding(tenant, env)));
          workloads.put(env.name(), SyncWaves.annotate(workloads(tenant, env)));
        }
      }
      if (!onboarding.isEmpty()) {
        layout.addUnit(tenantUnit(tenant, "onboarding"), onboarding);
        layout.addUnit(tenantUnit(tenant, "workloads"), workloads);
      }
      onboardingByTenant.put(tenant.name(), onboarding);
      workloadsByTenant.put(tenant.name(), workloads);
    }

    for (Environment env : descriptor.environments()) {
      List<String> parts = new ArrayList<>();
      parts.add("../../platform/overlays/" + env.name());
      for (Tenant tenant : descriptor.tenantsIn(env.name())) {
        parts.add("../../" + tenantUnit(tenant, "onboarding") + "/overlays/" + env.name());
        parts.add("../../" + tenantUnit(tenant, "workloads") + "/overlays/" + env.name());
      }
      layout.addAggregate("environments/" + env.name(), parts);
    }
    ArgoCdTree.add(layout, descriptor, platform, onboardingByTenant, workloadsByTenant);
    return layout.tree();
  }

  /**
   * The platform of one environment: mesh, Serving, Eventing and the cluster-wide policies, and the mesh's
   * federation ({@code federation}, null for none: S19). Maistra allows one ExportedServiceSet and one
   * ImportedServiceSet per peer and control plane, so they gather every tenant's exports and imports here, as the
   * member roll gathers their namespaces.
   */
  static List<HasMetadata> platform(Environment env, List<Tenant> tenants, MeshFederation federation) {
    PlatformSpec spec = env.spec();
    String meshNamespace = spec.serviceMesh().controlPlaneNamespace();
    boolean istio = spec.ingress() == Ingress.Istio;
    boolean eventing = spec.eventing().enabled();
    List<HasMetadata> resources = new ArrayList<>();

    resources.add(Tenancy.namespace(meshNamespace));
    resources.add(Tenancy.namespace("knative-serving"));
    if (eventing) {
      resources.add(Tenancy.namespace("knative-eventing"));
    }
    if (spec.serverless().subscription().enabled()) {
      resources.addAll(Operators.serverless(spec.serverless()));
    }
    if (spec.serviceMesh().subscription().enabled()) {
      resources.add(Operators.serviceMeshSubscription(spec.serviceMesh()));
    }
    resources.addAll(Certificates.certificates(spec, env.clusterDomain()));
    GenericKubernetesResource controlPlane = Mesh.serviceMeshControlPlane(spec.serviceMesh());
    resources.add(federation == null ? controlPlane : Federation.serviceMeshControlPlane(controlPlane, federation));

    List<String> knativeMembers = !istio ? List.of()
        : eventing ? List.of("knative-serving", "knative-eventing") : List.of("knative-serving");
    if (spec.serviceMesh().membership() == Membership.MemberRoll) {
      List<String> members = new ArrayList<>(knativeMembers);
      tenants.forEach(t -> members.addAll(t.namespaces()));
      resources.add(Mesh.serviceMeshMemberRoll(spec.serviceMesh(), members));
    } else {
      knativeMembers.forEach(ns -> resources.add(Mesh.serviceMeshMember(spec.serviceMesh(), ns)));
    }

    resources.add(Serving.knativeServing(spec));
    if (istio) {
      resources.add(Mesh.knativeIngressGateway(spec));
      resources.add(Mesh.knativeLocalGateway(spec));
      resources.add(Mesh.knativeLocalGatewayService(spec.serviceMesh()));
      if (spec.serving().metrics()) {
        resources.add(Serving.allowFromOpenShiftMonitoring("knative-serving"));
      }
    }
    if (eventing) {
      resources.add(Eventing.knativeEventing(spec));
    }
    if (eventing && spec.kafka().enabled()) {
      resources.add(Kafka.knativeKafka(spec.kafka()));
      if (istio) {
        resources.add(Kafka.kafkaServiceEntry(spec.kafka().bootstrapServers()));
      }
    }
    if (istio && spec.tenantIsolation()) {
      resources.addAll(TenantIsolation.defaultPolicies(meshNamespace, eventing, spec.kafka().enabled()));
    }
    if (federation != null) {
      resources.addAll(Federation.resources(federation));
    }
    return resources;
  }

  /** What the tenant's existence needs in one environment: namespaces, membership and its fences. */
  static List<HasMetadata> onboarding(Tenant tenant, Environment env) {
    PlatformSpec spec = env.spec();
    boolean istio = spec.ingress() == Ingress.Istio;
    List<HasMetadata> resources = new ArrayList<>();
    for (String namespace : tenant.namespaces()) {
      resources.add(Tenancy.tenantNamespace(tenant, namespace));
      if (spec.serviceMesh().membership() == Membership.Member) {
        resources.add(Mesh.serviceMeshMember(spec.serviceMesh(), namespace));
      }
      if (!istio) {
        resources.add(Tenancy.allowFromServingSystemNamespace(namespace));
      }
    }
    if (istio && spec.tenantIsolation()) {
      resources.addAll(TenantIsolation.tenantPolicies(
          TenantIsolation.ChartRelease.forServerless(spec.serverless().version()),
          tenant.name(),
          tenant.namespaces(),
          spec.serviceMesh().controlPlaneNamespace(),
          KUBERNETES_DNS_DOMAIN,
          spec.eventing().enabled(),
          spec.kafka().enabled()));
    }
    return resources;
  }

  /** The tenant's own workloads in one environment: its Knative services. */
  static List<HasMetadata> workloads(Tenant tenant, Environment env) {
    List<HasMetadata> resources = new ArrayList<>();
    tenant.services(env.name()).forEach(service -> resources.add(Tenancy.knativeService(service)));
    return resources;
  }

  private static String tenantUnit(Tenant tenant, String part) {
    return "tenants/" + tenant.name() + "/" + part;
  }
}
