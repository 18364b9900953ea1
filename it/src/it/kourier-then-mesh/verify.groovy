// S13: Kourier kept as ingress, mesh added later: the member roll lists the projects only, each project
// admits the Serverless system namespaces, and no Istio ingress wiring is generated.
def checks = evaluate(new File(verifySupport))

def builds = checks.checkTree('target/gitops')
checks.compareTrees(checks.file('target/gitops-first'), checks.file('target/gitops'),
    'target/gitops-first (1st run)', 'target/gitops (2nd run)')
checks.checkEnvironmentAggregates(builds)
checks.checkOwnership(builds, ['team-alpha': ['team-alpha-1', 'team-alpha-2']])

def env = 'environments/prod'
def roll = checks.object(builds, env, 'ServiceMeshMemberRoll', 'istio-system', 'default')
checks.hasLine(roll, /- "?team-alpha-1"?/, 'S13 tenant project in the member roll')
checks.hasLine(roll, /- "?team-alpha-2"?/, 'S13 tenant project in the member roll')
checks.hasNoLine(roll, /knative-serving/, 'S13 knative-serving not a member')
checks.hasNoLine(roll, /knative-eventing/, 'S13 knative-eventing not a member')

['team-alpha-1', 'team-alpha-2'].each { ns ->
  def policy = checks.object(builds, 'tenants/team-alpha/onboarding/overlays/prod', 'NetworkPolicy', ns,
      'allow-from-serving-system-namespace')
  checks.hasLine(policy, /knative.openshift.io\/part-of: "?openshift-serverless"?/, 'S13 namespace selector')
  checks.hasLine(policy, /- "?Ingress"?/, 'S13 policyTypes Ingress')
}

checks.noObject(builds, env, 'Gateway')
checks.noObject(builds, env, 'AuthorizationPolicy')
def serving = checks.object(builds, env, 'KnativeServing', 'knative-serving', 'knative-serving')
checks.hasNoLine(serving, /istio/, 'S13 no Istio ingress in KnativeServing')
def service = checks.object(builds, 'tenants/team-alpha/workloads/overlays/prod', 'Service', 'team-alpha-1', 'test-webapp')
checks.hasLine(service, /serving.knative.openshift.io\/enablePassthrough: "true"/, 'S10 passthrough annotation')

return checks.finish()
