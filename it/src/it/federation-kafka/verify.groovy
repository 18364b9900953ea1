// S19 federation with Kafka on (S8, S9): red, green and blue federated pairwise (red-green declared by red only,
// green-blue by green only, red-blue by both), partner-mesh outside the descriptor, team-alpha (red) exporting
// payments to green and partner-mesh and importing partner-mesh's catalog, team-bravo (green, blue) exporting
// orders to red. Generated twice in two JVMs (invoker.properties).
def checks = evaluate(new File(verifySupport))

def builds = checks.checkTree('target/gitops')
checks.compareTrees(checks.file('target/gitops-first'), checks.file('target/gitops'),
    'target/gitops-first (1st run)', 'target/gitops (2nd run)')
checks.checkEnvironmentAggregates(builds)
checks.checkOwnership(builds, ['team-alpha': ['team-alpha-1', 'team-alpha-2'], 'team-bravo': ['team-bravo-1']])

// What the descriptor says of each mesh; ingressDomain is where its gateways for the peers are published.
def meshes = [
    red  : [mesh: 'red-mesh', ns: 'red-mesh-system', trust: 'red-mesh.local',
            ingressDomain: 'red-mesh-system.apps.red.example.com'],
    green: [mesh: 'green-mesh', ns: 'green-mesh-system', trust: 'green-mesh.local',
            ingressDomain: 'federation.green.example.com'],
    blue : [mesh: 'blue-mesh', ns: 'istio-system', trust: 'blue-mesh.example.com',
            ingressDomain: 'istio-system.apps.blue.example.com'],
]
def q = { String s -> java.util.regex.Pattern.quote(s) }
def pemLines = { String mesh ->
  checks.file("src/main/mesh-serverless/certs/${mesh}.pem").readLines('UTF-8')*.trim().findAll { it }
}
def hasPem = { Map<String, String> configMap, String mesh ->
  if (configMap == null) return
  def text = configMap.text.readLines()*.trim()
  pemLines(mesh).each { line ->
    if (!text.contains(line)) checks.problem("${checks.key(configMap)}: lacks the line ${line} of certs/${mesh}.pem")
  }
}

int inDescriptorPeers = 0
meshes.each { a, A ->
  def unit = "environments/${a}".toString()
  def smcp = checks.object(builds, unit, 'ServiceMeshControlPlane', A.ns, 'basic')
  checks.hasLine(smcp, /domain: "?${q(A.trust)}"?/, "S19 ${a}'s trust domain")

  // Kafka on, in every environment (S8, S9).
  checks.object(builds, unit, 'KnativeKafka', 'knative-eventing', 'knative-kafka')
  def entry = checks.object(builds, unit, 'ServiceEntry', 'knative-eventing', 'kafka-cluster')
  checks.hasLine(entry, /- "?my-cluster-kafka-bootstrap\.kafka"?/, 'S9 bootstrap host')

  meshes.findAll { it.key != a }.each { b, B ->
    def peer = checks.object(builds, unit, 'ServiceMeshPeer', A.ns, B.mesh)
    inDescriptorPeers++
    // a dials b's ingress gateway for a; b's control plane has it.
    checks.hasLine(peer, /- "?${q("ingress-${A.mesh}.${B.ingressDomain}")}"?/, "${a} reaches ${b}'s ingress for it")
    def other = checks.object(builds, "environments/${b}".toString(), 'ServiceMeshControlPlane', B.ns, 'basic')
    checks.hasLine(other, /${q("ingress-${A.mesh}")}:/, "${b} has the ingress gateway ${a} dials")
    checks.hasLine(other, /${q("egress-${A.mesh}")}:/, "${b} has the egress gateway whose identity ${a} trusts")
    // a's own gateways for b.
    checks.hasLine(peer, /name: "?${q("ingress-${B.mesh}")}"?/, 'S19 gateways.ingress.name')
    checks.hasLine(peer, /name: "?${q("egress-${B.mesh}")}"?/, 'S19 gateways.egress.name')
    checks.hasLine(smcp, /${q("ingress-${B.mesh}")}:/, "${a} has its ingress gateway for ${b}")
    checks.hasLine(smcp, /${q("egress-${B.mesh}")}:/, "${a} has its egress gateway for ${b}")
    // b's identity and root certificate.
    checks.hasLine(peer, /trustDomain: "?${q(B.trust)}"?/, 'S19 the peer trust domain')
    checks.hasLine(peer, /clientID: "?${q("${B.trust}/ns/${B.ns}/sa/egress-${A.mesh}-service-account")}"?/,
        "S19 clientID names ${b}'s egress service account for ${a}")
    checks.hasLine(peer, /name: "?${q("${B.mesh}-ca-root-cert")}"?/, 'S19 certificateChain')
    def configMap = checks.object(builds, unit, 'ConfigMap', A.ns, "${B.mesh}-ca-root-cert".toString())
    checks.hasLine(configMap, /root-cert\.pem: \|-?/, 'S19 key root-cert.pem')
    hasPem(configMap, B.mesh)
  }
}
if (inDescriptorPeers != 6) checks.problem("expected 6 ServiceMeshPeers between the three meshes, checked ${inDescriptorPeers}")
['red': 3, 'green': 2, 'blue': 2].each { env, count ->
  def found = checks.objects(builds["environments/${env}".toString()] ?: '').count { it.kind == 'ServiceMeshPeer' }
  if (found != count) checks.problem("environments/${env}: ${found} ServiceMeshPeers, expected ${count}")
}

// The mesh outside the descriptor, with its own ports.
def partner = checks.object(builds, 'environments/red', 'ServiceMeshPeer', 'red-mesh-system', 'partner-mesh')
checks.hasLine(partner, /- "?federation\.partner\.example\.net"?/, 'the partner address')
checks.hasLine(partner, /discoveryPort: 30188/, 'the partner discovery port')
checks.hasLine(partner, /servicePort: 30443/, 'the partner service port')
checks.hasLine(partner, /clientID: "?partner-mesh\.local\/ns\/partner-system\/sa\/egress-red-mesh-service-account"?/, 'the partner clientID')
hasPem(checks.object(builds, 'environments/red', 'ConfigMap', 'red-mesh-system', 'partner-mesh-ca-root-cert'), 'partner-mesh')

// An export produces both sides inside the descriptor; partner-mesh imports what it wants itself.
def rule = { Map<String, String> set, String ns, String name ->
  checks.hasLine(set, /namespace: "?${q(ns)}"?/, "rule for ${ns}/${name}")
  checks.hasLine(set, /name: "?${q(name)}"?/, "rule for ${ns}/${name}")
}
rule(checks.object(builds, 'environments/red', 'ExportedServiceSet', 'red-mesh-system', 'green-mesh'), 'team-alpha-1', 'payments')
rule(checks.object(builds, 'environments/green', 'ImportedServiceSet', 'green-mesh-system', 'red-mesh'), 'team-alpha-1', 'payments')
rule(checks.object(builds, 'environments/red', 'ExportedServiceSet', 'red-mesh-system', 'partner-mesh'), 'team-alpha-1', 'payments')
rule(checks.object(builds, 'environments/red', 'ImportedServiceSet', 'red-mesh-system', 'partner-mesh'), 'shop', 'catalog')
rule(checks.object(builds, 'environments/green', 'ExportedServiceSet', 'green-mesh-system', 'red-mesh'), 'team-bravo-1', 'orders')
rule(checks.object(builds, 'environments/blue', 'ExportedServiceSet', 'istio-system', 'red-mesh'), 'team-bravo-1', 'orders')
rule(checks.object(builds, 'environments/red', 'ImportedServiceSet', 'red-mesh-system', 'green-mesh'), 'team-bravo-1', 'orders')
rule(checks.object(builds, 'environments/red', 'ImportedServiceSet', 'red-mesh-system', 'blue-mesh'), 'team-bravo-1', 'orders')
checks.noObject(builds, 'environments/blue', 'ImportedServiceSet')

// Federation belongs to the platform: no tenant unit holds any of it.
builds.findAll { unit, yaml -> unit.startsWith('tenants/') }.each { unit, yaml ->
  checks.objects(yaml).findAll { it.kind in ['ServiceMeshPeer', 'ExportedServiceSet', 'ImportedServiceSet', 'ConfigMap'] }.each {
    checks.problem("${unit}: ${checks.key(it)} belongs to the platform")
  }
}

return checks.finish()
