package dev.meshserverless.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshserverless.model.output.Layout;
import dev.meshserverless.model.output.RenderedTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * S2 on a rendered tree, as the docs' pre-install checks read it: (a) only the Knative ingress gateway binds
 * {@code *}:443 in the mesh, and the local gateway stays on 8081 whatever its mode; (b) the
 * {@code istio-ingressgateway} Service is never {@code NodePort} or {@code LoadBalancer}: we generate no such
 * Service, and the control plane's default ingress gateway is not given another type.
 */
final class PreInstallChecks {
  private static final YAMLMapper YAML = new YAMLMapper();

  private PreInstallChecks() {}

  /** What breaks S2 in {@code tree}, one line per object; empty when nothing does. */
  static List<String> violations(RenderedTree tree) throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
      if (!file.getKey().endsWith(".yaml") || file.getKey().endsWith("/" + Layout.KUSTOMIZATION)) {
        continue;
      }
      JsonNode object = YAML.readTree(file.getValue());
      String kind = object.path("kind").asText();
      String namespace = object.path("metadata").path("namespace").asText();
      String name = object.path("metadata").path("name").asText();
      String where = file.getKey() + " (" + kind + " " + namespace + "/" + name + ")";
      if (kind.equals("Gateway")) {
        for (JsonNode server : object.path("spec").path("servers")) {
          boolean wildcard = false;
          for (JsonNode host : server.path("hosts")) {
            wildcard |= host.asText().equals("*") || host.asText().endsWith("/*");
          }
          int port = server.path("port").path("number").asInt();
          boolean ours = namespace.equals("knative-serving") && name.equals("knative-ingress-gateway");
          if (wildcard && port == 443 && !ours) {
            violations.add(where + ": binds *:443, which only knative-ingress-gateway may (S2)");
          }
          if (namespace.equals("knative-serving") && name.equals("knative-local-gateway") && port != 8081) {
            violations.add(where + ": the local gateway serves port " + port + ", not 8081 (S5)");
          }
        }
      }
      if (kind.equals("Service")) {
        String type = object.path("spec").path("type").asText("ClusterIP");
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
          violations.add(where + ": a Service of type " + type + " (S2: external traffic comes through Routes)");
        }
      }
      if (kind.equals("ServiceMeshControlPlane")) {
        String type = object.path("spec").path("gateways").path("ingress").path("service").path("type")
            .asText("ClusterIP");
        if (!type.equals("ClusterIP")) {
          violations.add(where + ": the istio-ingressgateway Service is made " + type + " (S2 needs ClusterIP)");
        }
      }
    }
    return violations;
  }
}
