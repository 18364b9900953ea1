package dev.meshserverless.model.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshserverless.model.descriptor.PlatformSpec.InstallPlanApproval;
import dev.meshserverless.model.descriptor.PlatformSpec.ServerlessOptions;
import dev.meshserverless.model.descriptor.PlatformSpec.SubscriptionOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OperatorsTest {
  @Test
  @DisplayName("OpenShift Serverless: its namespace, an all-namespaces OperatorGroup and its Subscription")
  void serverless() {
    List<HasMetadata> objects = Operators.serverless(Specs.defaults().serverless());

    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Namespace", "OperatorGroup", "Subscription");
    assertThat(objects.get(0).getMetadata().getName()).isEqualTo("openshift-serverless");
    GenericKubernetesResource group = (GenericKubernetesResource) objects.get(1);
    assertThat(group.getApiVersion()).isEqualTo("operators.coreos.com/v1");
    assertThat(group.getMetadata().getNamespace()).isEqualTo("openshift-serverless");
    assertThat(group.<Map<String, Object>>get("spec")).isEmpty(); // every namespace; no targetNamespaces for OLM to rewrite
    GenericKubernetesResource subscription = (GenericKubernetesResource) objects.get(2);
    assertThat(subscription.getApiVersion()).isEqualTo("operators.coreos.com/v1alpha1");
    assertThat(subscription.getMetadata().getNamespace()).isEqualTo("openshift-serverless");
    assertThat(subscription.<Map<String, Object>>get("spec")).isEqualTo(Map.of(
        "name", "serverless-operator",
        "channel", "stable-1.37",
        "source", "redhat-operators",
        "sourceNamespace", "openshift-marketplace",
        "installPlanApproval", "Automatic"));
  }

  @Test
  @DisplayName("Service Mesh 2.x: a Subscription in openshift-operators, whose global OperatorGroup exists already")
  void serviceMesh() {
    GenericKubernetesResource subscription = Operators.serviceMeshSubscription(Specs.defaults().serviceMesh());

    assertThat(subscription.getMetadata().getName()).isEqualTo("servicemeshoperator");
    assertThat(subscription.getMetadata().getNamespace()).isEqualTo("openshift-operators");
    assertThat(subscription.<String>get("spec", "name")).isEqualTo("servicemeshoperator");
    assertThat(subscription.<String>get("spec", "channel")).isEqualTo("stable");
  }

  @Test
  @DisplayName("the descriptor's channel, source and approval are written as given")
  void options() {
    var serverless = new ServerlessOptions("1.35", new SubscriptionOptions(true, "stable", "mirror", "catalogs",
        InstallPlanApproval.Manual));

    GenericKubernetesResource subscription = (GenericKubernetesResource) Operators.serverless(serverless).get(2);

    assertThat(subscription.<Map<String, Object>>get("spec")).containsEntry("channel", "stable")
        .containsEntry("source", "mirror").containsEntry("sourceNamespace", "catalogs")
        .containsEntry("installPlanApproval", "Manual");
  }
}
