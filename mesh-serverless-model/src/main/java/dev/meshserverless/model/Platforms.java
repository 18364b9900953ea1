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
import dev.meshserverless.model.descriptor.Tenant.KnativeService;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

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

  /** How {@link #render(Descriptor, Rendering)} spreads the work; both give the same bytes. */
  public enum Rendering {
    /** Tenants one after the other, on the calling thread. */
    SEQUENTIAL,
    /** Tenants in parallel on the common fork-join pool, merged in tenant order. */
    PARALLEL
  }

  /** Renders the tree of a descriptor already read, tenants in parallel. */
  public static RenderedTree render(Descriptor descriptor) {
    return render(descriptor, Rendering.PARALLEL);
  }

  /** Renders the tree of a descriptor already read; {@code rendering} changes how long it takes, not the bytes. */
  public static RenderedTree render(Descriptor descriptor, Rendering rendering) {
    Layout layout = new Layout();
    SortedMap<String, List<HasMetadata>> platform = new TreeMap<>();
    for (Environment env : descriptor.environments()) {
      platform.put(env.name(), SyncWaves.annotate(
          platform(env, descriptor.tenantsIn(env.name()), descriptor.federation(env.name()).orElse(null))));
    }
    layout.addUnit("platform", platform);

    // Each tenant's units depend on the tenant and the environments alone: rendered apart, merged in order.
    Stream<Tenant> tenants = descriptor.tenants().stream();
    List<RenderedTenant> renderedTenants = (rendering == Rendering.PARALLEL ? tenants.parallel() : tenants)
        .map(tenant -> renderTenant(tenant, descriptor.environments()))
        .toList();
    Map<String, ArgoCdTree.TenantKinds> kindsByTenant = new TreeMap<>();
    for (RenderedTenant rendered : renderedTenants) {
      layout.addAll(rendered.units());
      kindsByTenant.put(rendered.name(), rendered.kinds());
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
    ArgoCdTree.add(layout, descriptor, platform, kindsByTenant);
    return layout.tree();
  }

  /** A tenant's two units, and the kinds Argo CD's projects must admit for it; its objects are not kept. */
  private record RenderedTenant(String name, Layout units, ArgoCdTree.TenantKinds kinds) {}

  private static RenderedTenant renderTenant(Tenant tenant, List<Environment> environments) {
    Layout units = new Layout();
    SortedMap<String, List<HasMetadata>> onboarding = new TreeMap<>();
    SortedMap<String, List<HasMetadata>> workloads = new TreeMap<>();
    // Environments with equal inputs share the same objects, which Layout then serializes once.
    Map<PlatformSpec, List<HasMetadata>> onboardingBySpec = new HashMap<>();
    Map<List<KnativeService>, List<HasMetadata>> workloadsByServices = new HashMap<>();
    for (Environment env : environments) {
      if (tenant.environments().contains(env.name())) {
        onboarding.put(env.name(), onboardingBySpec.computeIfAbsent(env.spec(),
            spec -> SyncWaves.annotate(onboarding(tenant, env))));
        workloads.put(env.name(), workloadsByServices.computeIfAbsent(tenant.services(env.name()),
            services -> SyncWaves.annotate(workloads(tenant, env))));
      }
    }
    if (!onboarding.isEmpty()) {
      units.addUnit(tenantUnit(tenant, "onboarding"), onboarding);
      units.addUnit(tenantUnit(tenant, "workloads"), workloads);
    }
    return new RenderedTenant(tenant.name(), units, ArgoCdTree.TenantKinds.of(onboarding, workloads));
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

  /** What the tenant's existence needs in one environment (from its spec alone): namespaces, membership, fences. */
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
