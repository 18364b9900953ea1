// The CONTRACT.md example, generated twice in two JVMs (invoker.properties).
def checks = evaluate(new File(verifySupport))

def builds = checks.checkTree('target/gitops')
checks.compareTrees(checks.file('target/gitops-first'), checks.file('target/gitops'),
    'target/gitops-first (1st run)', 'target/gitops (2nd run)')
checks.checkEnvironmentAggregates(builds)
checks.checkOwnership(builds, ['team-alpha': ['team-alpha-1', 'team-alpha-2'], 'team-bravo': ['team-bravo-1', 'team-bravo-2']])

// Defaults: control plane basic in istio-system (S3), wildcard-certs on the ingress gateway (S1, S5).
['dev', 'prod'].each { env ->
  def unit = "environments/${env}".toString()
  def smcp = checks.object(builds, unit, 'ServiceMeshControlPlane', 'istio-system', 'basic')
  checks.hasLine(smcp, /terminationDrainDuration: "?35s"?/, 'S3 terminationDrainDuration default')
  def gateway = checks.object(builds, unit, 'Gateway', 'knative-serving', 'knative-ingress-gateway')
  checks.hasLine(gateway, /credentialName: "?wildcard-certs"?/, 'S1 default secret name')
  def other = env == 'dev' ? 'prod' : 'dev'
  // CONTRACT.md does not say where clusterDomain must appear (TLS secrets are referenced by name), so only
  // a leak of another environment's domain is an error.
  if (!builds[unit]?.contains("apps.${env}.example.com")) println "NOTE: ${unit}: clusterDomain apps.${env}.example.com is not used by any object"
  if (builds[unit]?.contains("apps.${other}.example.com")) checks.problem("${unit}: mentions the ${other} cluster domain")
}

// Tenants join the mesh per environment (S4): team-bravo only in prod.
def devRoll = checks.object(builds, 'environments/dev', 'ServiceMeshMemberRoll', 'istio-system', 'default')
def prodRoll = checks.object(builds, 'environments/prod', 'ServiceMeshMemberRoll', 'istio-system', 'default')
['knative-serving', 'knative-eventing', 'team-alpha-1', 'team-alpha-2'].each { ns ->
  checks.hasLine(devRoll, /- "?${ns}"?/, "dev member roll lacks ${ns}")
  checks.hasLine(prodRoll, /- "?${ns}"?/, "prod member roll lacks ${ns}")
}
['team-bravo-1', 'team-bravo-2'].each { ns ->
  checks.hasNoLine(devRoll, /- "?${ns}"?/, 'team-bravo is not deployed in dev')
  checks.hasLine(prodRoll, /- "?${ns}"?/, "prod member roll lacks ${ns}")
}
checks.objects(builds['environments/dev'] ?: '').findAll { o ->
  o.namespace?.startsWith('team-bravo') || o.name?.startsWith('team-bravo')
}.each { o -> checks.problem("environments/dev: ${checks.key(o)} although team-bravo is deployed in prod only") }

// S17: the tenant's labels go on each of its namespaces.
['dev', 'prod'].each { env ->
  ['team-alpha-1', 'team-alpha-2'].each { ns ->
    def namespace = checks.object(builds, "tenants/team-alpha/onboarding/overlays/${env}".toString(), 'Namespace', null, ns)
    checks.hasLine(namespace, /cost-center: "?cc-1234"?/, 'S17 tenant label')
  }
}

// S10, S18 and the per-environment service overrides.
def devApp = checks.object(builds, 'tenants/team-alpha/workloads/overlays/dev', 'Service', 'team-alpha-1', 'test-webapp')
def prodApp = checks.object(builds, 'tenants/team-alpha/workloads/overlays/prod', 'Service', 'team-alpha-1', 'test-webapp')
[devApp, prodApp].each { app ->
  checks.hasLine(app, /serving.knative.openshift.io\/enablePassthrough: "true"/, 'S10 passthrough annotation')
  checks.hasLine(app, /sidecar.istio.io\/inject: "true"/, 'S10 sidecar injection')
  checks.hasLine(app, /(- )?name: "?RESPONSE"?/, 'the env variable')
}
checks.hasLine(devApp, /image: "?docker.io\/openshift\/hello-openshift"?/, 'the image')
checks.hasLine(devApp, /nvidia.com\/gpu: "?1"?/, 'S18 one GPU')
checks.hasLine(prodApp, /image: "?quay.io\/acme\/hello:1.2.0"?/, 'the prod image override')
checks.hasLine(prodApp, /nvidia.com\/gpu: "?2"?/, 'S18 the prod gpus override')

// S11 metrics: on in dev (the default), off in prod (the environment's override).
checks.object(builds, 'environments/dev', 'NetworkPolicy', 'knative-serving', 'allow-from-openshift-monitoring-ns')
checks.objects(builds['environments/prod'] ?: '').findAll { o -> o.name == 'allow-from-openshift-monitoring-ns' }.each { o ->
  checks.problem("environments/prod: ${checks.key(o)} although prod sets serving.metrics false")
}
def devServing = checks.object(builds, 'environments/dev', 'KnativeServing', 'knative-serving', 'knative-serving')
def prodServing = checks.object(builds, 'environments/prod', 'KnativeServing', 'knative-serving', 'knative-serving')
checks.hasLine(devServing, /(metrics\.)?backend-destination: "?prometheus"?/, 'S11 metrics backend in dev')
checks.hasNoLine(prodServing, /(metrics\.)?backend-destination: "?prometheus"?/, 'S11 metrics are off in prod')

return checks.finish()
