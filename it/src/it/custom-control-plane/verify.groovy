// A control plane outside istio-system with per-namespace membership, plain-HTTP local gateway,
// unmanaged network policies and no eventing.
def checks = evaluate(new File(verifySupport))

def builds = checks.checkTree('target/gitops')
checks.compareTrees(checks.file('target/gitops-first'), checks.file('target/gitops'),
    'target/gitops-first (1st run)', 'target/gitops (2nd run)')
checks.checkEnvironmentAggregates(builds)
checks.checkOwnership(builds, ['shop': ['shop-frontend']])
if (checks.file('target/gitops-skipped').exists()) checks.problem('mesh-serverless.skip=true still wrote target/gitops-skipped')

def env = 'environments/edge-1'
String all = builds[env] ?: ''

// S3 with the custom name and namespace; manageNetworkPolicy false in the SMCP.
def smcp = checks.object(builds, env, 'ServiceMeshControlPlane', 'mesh-system', 'mesh')
checks.hasLine(smcp, /manageNetworkPolicy: false/, 'manageNetworkPolicy false')
if (all =~ /istio-system/) checks.problem("${env}: mentions istio-system although the control plane is mesh-system/mesh")

// S4 Member: one ServiceMeshMember per namespace, no member roll; the tenant's in its onboarding.
checks.noObject(builds, env, 'ServiceMeshMemberRoll')
def member = checks.object(builds, 'tenants/shop/onboarding/overlays/edge-1', 'ServiceMeshMember', 'shop-frontend', 'default')
checks.hasLine(member, /name: "?mesh"?/, 'member of the control plane named mesh')
checks.hasLine(member, /namespace: "?mesh-system"?/, 'member of the control plane in mesh-system')
checks.object(builds, env, 'ServiceMeshMember', 'knative-serving', 'default')
checks.noObject(builds, env, 'ServiceMeshMember', 'knative-eventing')

// S5 Http local gateway: port 8081 plain HTTP; the local gateway Service in the control-plane namespace.
def localGateway = checks.object(builds, env, 'Gateway', 'knative-serving', 'knative-local-gateway')
checks.hasLine(localGateway, /protocol: "?HTTP"?/, 'S5 plain-HTTP local gateway')
checks.hasNoLine(localGateway, /mode: "?ISTIO_MUTUAL"?/, 'S5 no ISTIO_MUTUAL with localGateway Http')
checks.object(builds, env, 'Service', 'mesh-system', 'knative-local-gateway')

// S6 gateway addresses in the custom namespace; S12 annotation because NetworkPolicy is not managed.
def serving = checks.object(builds, env, 'KnativeServing', 'knative-serving', 'knative-serving')
checks.hasLine(serving, /.*istio-ingressgateway\.mesh-system\.svc\.cluster\.local"?/, 'S6 ingress gateway address in mesh-system')
checks.hasLine(serving, /.*knative-local-gateway\.mesh-system\.svc\.cluster\.local"?/, 'S6 local gateway address in mesh-system')
checks.hasLine(serving, /serverless.openshift.io\/disable-istio-net-policies-generation: "true"/, 'S12 annotation')

// S7 off: nothing of eventing.
checks.noObject(builds, env, 'KnativeEventing')
checks.noObject(builds, env, 'KnativeKafka')
checks.objects(all).findAll { o -> o.namespace == 'knative-eventing' }.each { o ->
  checks.problem("${env}: ${checks.key(o)} although eventing is disabled")
}

return checks.finish()
