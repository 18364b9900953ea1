package dev.meshserverless.model.resources.authz;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as an Istio sidecar sees it: the peer's mTLS identity, the workload it arrives at, and the request.
 *
 * @param source who calls; {@link Source#UNAUTHENTICATED} for plain text (e.g. the kubelet)
 * @param target the workload that receives the request
 * @param headers request headers; names are case-insensitive
 */
public record Request(
    Source source, Workload target, String method, int port, String path, String host, Map<String, String> headers) {

  public Request {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = Collections.unmodifiableMap(caseInsensitive);
  }

  /** The peer identity of mTLS: namespace and principal {@code cluster.local/ns/<ns>/sa/<sa>}, or none. */
  public record Source(String namespace, String principal) {
    public static final Source UNAUTHENTICATED = new Source(null, null);

    public static Source serviceAccount(String namespace, String serviceAccount) {
      return new Source(namespace, "cluster.local/ns/" + namespace + "/sa/" + serviceAccount);
    }
  }

  /** A workload: its namespace and its pods' labels. */
  public record Workload(String namespace, Map<String, String> labels) {}

  /** {@code GET /} on port 8012 (the queue-proxy) with host {@code target}'s namespace, no headers. */
  public static Request of(Source source, Workload target) {
    String host = "unknown." + target.namespace() + ".svc.cluster.local";
    return new Request(source, target, "GET", 8012, "/", host, Map.of());
  }

  public Request withMethod(String method) {
    return new Request(source, target, method, port, path, host, headers);
  }

  public Request withPort(int port) {
    return new Request(source, target, method, port, path, host, headers);
  }

  public Request withPath(String path) {
    return new Request(source, target, method, port, path, host, headers);
  }

  public Request withHost(String host) {
    return new Request(source, target, method, port, path, host, headers);
  }

  public Request withHeader(String name, String value) {
    Map<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    more.putAll(headers);
    more.put(name, value);
    return new Request(source, target, method, port, path, host, more);
  }
}
