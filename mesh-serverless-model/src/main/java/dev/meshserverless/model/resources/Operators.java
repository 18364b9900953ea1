package dev.meshserverless.model.resources;

import dev.meshserverless.model.descriptor.PlatformSpec.ServerlessOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.ServiceMeshOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.SubscriptionOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The operators the platform runs on, installed by OLM: OpenShift Serverless in its own namespace and OpenShift
 * Service Mesh 2.x in {@code openshift-operators}. Their CRDs (Maistra, Istio, the Knative operator's, Knative
 * Serving's) exist only once OLM has installed them.
 */
public final class Operators {
  /** The namespace the OpenShift Serverless operator is installed in. */
  public static final String SERVERLESS_NAMESPACE = "openshift-serverless";
  /** The namespace of OpenShift's cluster-wide operators; it has a global OperatorGroup already. */
  public static final String GLOBAL_OPERATORS_NAMESPACE = "openshift-operators";
  static final String SERVERLESS_PACKAGE = "serverless-operator";
  static final String SERVICE_MESH_PACKAGE = "servicemeshoperator";
  private static final String OLM_V1 = "operators.coreos.com/v1";
  private static final String OLM_V1ALPHA1 = "operators.coreos.com/v1alpha1";

  private Operators() {}

  /** The OpenShift Serverless operator: its namespace, an all-namespaces OperatorGroup and its Subscription. */
  public static List<HasMetadata> serverless(ServerlessOptions serverless) {
    return List.of(
        Tenancy.namespace(SERVERLESS_NAMESPACE),
        serverlessOperatorGroup(),
        subscription(SERVERLESS_NAMESPACE, SERVERLESS_PACKAGE, serverless.subscription()));
  }

  /**
   * The OperatorGroup of {@code openshift-serverless}: {@code spec: {}} selects every namespace (the Serverless
   * operator is installed for all namespaces). An empty {@code targetNamespaces} would mean the same, but OLM
   * rewrites it, so it is not written.
   */
  static GenericKubernetesResource serverlessOperatorGroup() {
    return CustomResources.named(OLM_V1, "OperatorGroup", SERVERLESS_NAMESPACE, "serverless-operators")
        .addToAdditionalProperties("spec", Map.of())
        .build();
  }

  /** The Service Mesh 2.x operator, subscribed in {@code openshift-operators}, whose OperatorGroup exists. */
  public static GenericKubernetesResource serviceMeshSubscription(ServiceMeshOptions serviceMesh) {
    return subscription(GLOBAL_OPERATORS_NAMESPACE, SERVICE_MESH_PACKAGE, serviceMesh.subscription());
  }

  /** An OLM Subscription named after the package it installs. */
  static GenericKubernetesResource subscription(String namespace, String packageName, SubscriptionOptions options) {
    return CustomResources.named(OLM_V1ALPHA1, "Subscription", namespace, packageName)
        .addToAdditionalProperties("spec", Map.of(
            "name", packageName,
            "channel", options.channel(),
            "source", options.source(),
            "sourceNamespace", options.sourceNamespace(),
            "installPlanApproval", options.installPlanApproval().name()))
        .build();
  }
}
