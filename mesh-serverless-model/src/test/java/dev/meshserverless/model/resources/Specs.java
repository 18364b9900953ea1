package dev.meshserverless.model.resources;

import dev.meshserverless.model.descriptor.PlatformSpec;
import dev.meshserverless.model.descriptor.PlatformSpec.EventingOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.Ingress;
import dev.meshserverless.model.descriptor.PlatformSpec.InstallPlanApproval;
import dev.meshserverless.model.descriptor.PlatformSpec.KafkaOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.LocalGateway;
import dev.meshserverless.model.descriptor.PlatformSpec.Membership;
import dev.meshserverless.model.descriptor.PlatformSpec.ServerlessOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.ServiceMeshOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.ServingOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.SubscriptionOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.TlsSource;
import java.util.List;

/** Platform specs for builder tests, starting from the contract's defaults. */
final class Specs {
  private Specs() {}

  static PlatformSpec defaults() {
    return new PlatformSpec(
        new ServerlessOptions("1.37", subscription("stable-1.37")),
        new ServiceMeshOptions("2.6", "basic", "istio-system", Membership.MemberRoll, true, "35s",
            subscription("stable")),
        Ingress.Istio,
        new TlsOptions("wildcard-certs", TlsSource.Existing, null),
        new ServingOptions(LocalGateway.IstioMutual, null, true, true),
        new EventingOptions(true),
        new KafkaOptions(false, List.of(), 10, 3),
        true,
        null);
  }

  /** The contract's default OLM subscription on {@code channel}. */
  static SubscriptionOptions subscription(String channel) {
    return new SubscriptionOptions(true, channel, "redhat-operators", "openshift-marketplace",
        InstallPlanApproval.Automatic);
  }

  static PlatformSpec withTls(TlsOptions tls) {
    PlatformSpec d = defaults();
    return new PlatformSpec(d.serverless(), d.serviceMesh(), d.ingress(), tls, d.serving(), d.eventing(), d.kafka(),
        d.tenantIsolation(), d.argocd());
  }

  static PlatformSpec withMesh(ServiceMeshOptions mesh) {
    PlatformSpec d = defaults();
    return new PlatformSpec(d.serverless(), mesh, d.ingress(), d.tls(), d.serving(), d.eventing(), d.kafka(), d.tenantIsolation(),
        d.argocd());
  }

  static PlatformSpec withServing(ServingOptions serving) {
    PlatformSpec d = defaults();
    return new PlatformSpec(d.serverless(), d.serviceMesh(), d.ingress(), d.tls(), serving, d.eventing(), d.kafka(), d.tenantIsolation(),
        d.argocd());
  }

  static PlatformSpec withServerless(String version) {
    PlatformSpec d = defaults();
    return new PlatformSpec(new ServerlessOptions(version, d.serverless().subscription()), d.serviceMesh(), d.ingress(), d.tls(),
        d.serving(), d.eventing(), d.kafka(), d.tenantIsolation(), d.argocd());
  }

  static PlatformSpec kourier() {
    PlatformSpec d = defaults();
    return new PlatformSpec(d.serverless(), d.serviceMesh(), Ingress.Kourier, d.tls(), d.serving(), d.eventing(), d.kafka(), false,
        d.argocd());
  }
}
