// Kafka and tenant isolation on, certificates from cert-manager, Argo CD delivery from the folder gitops/ of the
// repository: every unit of the tree and of argocd/ builds and validates; every Application points at a unit that
// builds (never environments/<env>); the ApplicationSet finds exactly the tenants' folders; the waves follow the
// platform's dependencies; operator-defined kinds may skip the dry run; tenant projects fence their tenant.
def checks = evaluate(new File(verifySupport))

def builds = checks.checkTree('target/gitops')
checks.checkEnvironmentAggregates(builds)
def tenants = ['team-alpha': ['team-alpha-1', 'team-alpha-2'], 'team-bravo': ['team-bravo-1']]
def tenantsIn = [dev: ['team-alpha'], prod: ['team-alpha', 'team-bravo']]
checks.checkOwnership(builds, tenants)
String prefix = 'gitops/'

// checkTree validates the contract's overlays and environments; validate argocd/ too.
File validator = checks.sharedDir ? new File(checks.sharedDir, 'validation/validate-manifests') : null
if (validator?.isFile()) {
  File dir = checks.file('target/verify/argocd')
  dir.mkdirs()
  builds.findAll { unit, yaml -> unit.startsWith('argocd/') }.each { unit, yaml ->
    File input = new File(dir, unit.replace('/', '__') + '.yaml')
    File report = new File(dir, unit.replace('/', '__') + '.validation')
    input.setText(yaml, 'UTF-8')
    int rc = checks.run([validator.path, '-'], input, report, report)
    String text = report.getText('UTF-8')
    if (rc != 0 || !(text =~ /(?m) 0 invalid, 0 unknown-kind$/)) checks.problem("validate-manifests ${unit} exited ${rc}:\n${text}")
    else println "verify: validate-manifests ${unit}: ${text.readLines().last()}"
  }
} else {
  println 'SKIP validate-manifests of argocd/: ../shared not present'
}

def apiGroup = { Map o ->
  def m = o.text =~ /(?m)^apiVersion:\s*"?([^"\s]+)"?\s*$/
  String apiVersion = m.find() ? m.group(1) : ''
  return apiVersion.contains('/') ? apiVersion.substring(0, apiVersion.indexOf('/')) : ''
}
def wave = { Map o ->
  def m = o.text =~ /(?m)^\s+argocd\.argoproj\.io\/sync-wave:\s*"?(-?\d+)"?\s*$/
  return m.find() ? Integer.valueOf(m.group(1)) : null
}
def syncOptions = { Map o ->
  def m = o.text =~ /(?m)^\s+argocd\.argoproj\.io\/sync-options:\s*"?([^"]*)"?\s*$/
  return m.find() ? m.group(1) : ''
}
/** spec.source.path of an Application, in the tree. */
def sourcePath = { Map application ->
  def m = application.text =~ /(?m)^    path:\s*"?([^"\s]+)"?\s*$/
  if (!m.find()) { checks.problem("${checks.key(application)} has no source path"); return null }
  String path = m.group(1)
  if (!path.startsWith(prefix)) { checks.problem("${checks.key(application)}: path ${path} is not below ${prefix}"); return null }
  return path.substring(prefix.length())
}
def order = { List objs, String unit, Closure before, Closure after, String what ->
  objs.findAll(before).each { a ->
    objs.findAll(after).findAll { !it.is(a) }.each { b ->
      if (wave(a) == null || wave(b) == null || wave(a) >= wave(b)) {
        checks.problem("${unit}: ${what}: ${checks.key(a)} (wave ${wave(a)}) must come before ${checks.key(b)} (wave ${wave(b)})")
      }
    }
  }
}

['dev', 'prod'].each { env ->
  String folder = "argocd/${env}"
  def bootstrap = checks.objects(builds[folder] ?: '')
  if (bootstrap.collect { it.kind }.sort() != ['AppProject', 'Application']) checks.problem("${folder}: expected the root Application and the platform's AppProject, found ${bootstrap.collect { checks.key(it) }}")
  def root = bootstrap.find { it.kind == 'Application' }
  if (root && sourcePath(root) != "${folder}/apps".toString()) checks.problem("${folder}: the root syncs ${sourcePath(root)}, not ${folder}/apps")

  def apps = checks.objects(builds["${folder}/apps"] ?: '')
  def applications = apps.findAll { it.kind == 'Application' }
  tenantsIn[env].each { t -> applications.addAll(checks.objects(builds["${folder}/tenants/${t}"] ?: '').findAll { it.kind == 'Application' }) }
  if (applications.size() != 1 + 2 * tenantsIn[env].size()) checks.problem("${folder}: ${applications.size()} Applications for ${tenantsIn[env].size()} tenants")
  applications.each { app ->
    String path = sourcePath(app)
    if (path == null) return
    if (path.startsWith('environments/')) checks.problem("${checks.key(app)} syncs ${path}, which grows quadratically (CONTRACT.md, Scale)")
    if (!builds.containsKey(path)) checks.problem("${checks.key(app)} syncs ${path}, which is not a unit that builds")
    if (app.text.contains('name: prod') != (env == 'prod') && !path.startsWith('argocd/')) checks.problem("${checks.key(app)}: destination is not the ${env} cluster")
  }

  // The ApplicationSet: one Application per folder argocd/<env>/tenants/<tenant>.
  def set = apps.find { it.kind == 'ApplicationSet' }
  def glob = set ? (set.text =~ /(?m)^\s+- path:\s*"?([^"\s]+)"?\s*$/) : null
  if (!glob?.find()) { checks.problem("${folder}/apps: no ApplicationSet with a git directories generator") }
  else {
    String pattern = glob.group(1)
    if (pattern != "${prefix}${folder}/tenants/*".toString()) checks.problem("${folder}: ApplicationSet scans ${pattern}")
    File tenantsDir = checks.file("target/gitops/${folder}/tenants")
    def found = (tenantsDir.listFiles()?.findAll { it.isDirectory() }*.name ?: []).sort()
    if (found != tenantsIn[env].sort()) checks.problem("${folder}/tenants holds ${found}, expected ${tenantsIn[env]}")
  }
  order(apps, "${folder}/apps", { it.kind == 'AppProject' }, { it.kind != 'AppProject' }, 'projects first')
  order(apps, "${folder}/apps", { it.kind == 'Application' }, { it.kind == 'ApplicationSet' }, 'platform before tenants')

  // Tenants: project, then onboarding (platform project), then workloads (tenant project, its namespaces only).
  tenantsIn[env].each { t ->
    String unit = "${folder}/tenants/${t}"
    def objs = checks.objects(builds[unit] ?: '')
    def project = objs.find { it.kind == 'AppProject' }
    def onboarding = objs.find { it.kind == 'Application' && it.text.contains('/onboarding/') }
    def workloads = objs.find { it.kind == 'Application' && it.text.contains('/workloads/') }
    order(objs, unit, { it.is(project) }, { !it.is(project) }, 'project first')
    order(objs, unit, { it.is(onboarding) }, { it.is(workloads) }, 'onboarding before workloads')
    if (!project) return
    def namespaces = (project.text =~ /(?m)^\s+(?:- )?namespace:\s*"?([^"\s]+)"?\s*$/).collect { it[1] }.findAll { it != 'openshift-gitops' && it != 'argocd' }.sort()
    if (namespaces != tenants[t].sort()) checks.problem("${unit}: the project's destinations are ${namespaces}, not ${t}'s namespaces ${tenants[t]}")
    checks.hasNoLine(project, /clusterResourceWhitelist:.*/, 'a tenant project admits no cluster-scoped kind')
    checks.hasLine(project, /- group: "?serving.knative.dev"?/, "the project admits ${t}'s Knative services")
    checks.hasLine(workloads, /project: "?acme\.${env}\.${t}"?/, "${t}'s workloads sync in ${t}'s project")
    checks.hasLine(onboarding, /project: "?acme\.${env}"?/, "${t}'s onboarding syncs in the platform's project")
  }

  // The platform: waves from operators to isolation, Kafka on, certificates from cert-manager.
  String platformUnit = "platform/overlays/${env}"
  def p = checks.objects(builds[platformUnit] ?: '')
  def kinds = { List<String> names -> { o -> o.kind in names } }
  order(p, platformUnit, kinds(['Namespace']), { it.kind != 'Namespace' }, 'namespaces first')
  order(p, platformUnit, kinds(['OperatorGroup']), kinds(['Subscription']), 'OperatorGroup before Subscription')
  order(p, platformUnit, kinds(['Subscription']), kinds(['ServiceMeshControlPlane', 'KnativeServing', 'KnativeEventing', 'KnativeKafka']), 'operators first')
  order(p, platformUnit, kinds(['ServiceMeshControlPlane']), kinds(['ServiceMeshMemberRoll']), 'control plane before membership')
  order(p, platformUnit, kinds(['ServiceMeshMemberRoll', 'Certificate']), kinds(['Gateway', 'ServiceEntry']), 'membership and certificates before gateways')
  order(p, platformUnit, kinds(['Gateway', 'ServiceEntry']), kinds(['KnativeServing', 'KnativeEventing']), 'gateways before Knative')
  order(p, platformUnit, kinds(['KnativeEventing']), kinds(['KnativeKafka']), 'Eventing before Kafka')
  order(p, platformUnit, kinds(['KnativeServing', 'KnativeEventing', 'KnativeKafka']), kinds(['AuthorizationPolicy']), 'isolation after Knative is healthy')
  checks.object(builds, platformUnit, 'KnativeKafka', 'knative-eventing', 'knative-kafka')
  checks.object(builds, platformUnit, 'ServiceEntry', 'knative-eventing', 'kafka-cluster')
  checks.object(builds, platformUnit, 'AuthorizationPolicy', 'knative-serving', 'deny-all-by-default')
  checks.object(builds, platformUnit, 'AuthorizationPolicy', 'knative-eventing', 'deny-all-by-default')
  checks.object(builds, platformUnit, 'Subscription', 'openshift-serverless', 'serverless-operator')
  checks.object(builds, platformUnit, 'Subscription', 'openshift-operators', 'servicemeshoperator')
  def certificate = checks.object(builds, platformUnit, 'Certificate', 'istio-system', 'wildcard-certs')
  checks.hasLine(certificate, /- ['"]?\*\.apps\.${env}\.example\.com['"]?/, 'S1 the ingress wildcard of the environment')
  checks.hasLine(certificate, /networking\.internal\.knative\.dev\/certificate-uid:.*/, 'S14 the certificate-uid label on the secret')

  // Health checks: argocd-cm keys for plain Argo CD, a merge patch for OpenShift GitOps outside any kustomization.
  def cm = checks.object(builds, "${folder}/health", 'ConfigMap', 'openshift-gitops', 'argocd-cm')
  ['maistra.io_ServiceMeshControlPlane', 'maistra.io_ServiceMeshMemberRoll', 'maistra.io_ServiceMeshMember',
   'federation.maistra.io_ServiceMeshPeer', 'operator.serverless.openshift.io_KnativeKafka', 'argoproj.io_Application'].each { k ->
    checks.hasLine(cm, /resource\.customizations\.health\.${java.util.regex.Pattern.quote(k)}: \|.*/, "health check ${k}")
  }
  if (!checks.file("target/gitops/${folder}/health/openshift-gitops/argocd-merge-patch.yaml").isFile()) checks.problem("${folder}/health: no OpenShift GitOps merge patch")
}

// Every object whose CRD an operator installs may skip the dry run; no Secret anywhere.
def operatorGroups = ['maistra.io', 'federation.maistra.io', 'networking.istio.io', 'security.istio.io', 'operator.knative.dev',
    'operator.serverless.openshift.io', 'serving.knative.dev', 'cert-manager.io']
int skipping = 0
builds.each { unit, yaml ->
  checks.objects(yaml).each { o ->
    if (o.kind == 'Secret') checks.problem("${unit}: ${checks.key(o)}: no Secret may be generated")
    if (apiGroup(o) in operatorGroups) {
      if (!syncOptions(o).split(',')*.trim().contains('SkipDryRunOnMissingResource=true')) checks.problem("${unit}: ${checks.key(o)} lacks SkipDryRunOnMissingResource=true")
      else skipping++
    }
  }
}
println "verify: ${skipping} operator-defined objects may skip the dry run"

return checks.finish()
