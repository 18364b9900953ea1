// S4: Serverless can be part of one mesh only and cannot be moved to another one (only uninstalled and
// reinstalled). Run 2 tried to move environment prod from istio-system to mesh-system: it failed, said why and
// how to override, and left run 1's tree exactly as it was; with allowMeshMove=true (run 5) the move is written.
def checks = evaluate(new File(verifySupport))

checks.logMatches(/.*S4: Serverless can be part of exactly one mesh, and cannot be moved to another one: the only way is to uninstall OpenShift Serverless and reinstall it on the new mesh\..*/,
    'the S4 rule and what to do instead')
checks.logMatches(/.*environment prod: the previous tree in .*gitops targets the control plane in namespace istio-system, and this descriptor targets namespace mesh-system.*/,
    'the environment and both namespaces')
checks.logMatches(/.*-Dmesh-serverless\.allowMeshMove=true.*/, 'how to allow the move')
checks.logMatches(/.*BUILD FAILURE.*/, 'the failed build of run 2')
checks.logMatches(/.*WARNING.*allowMeshMove=true, so going on with a move to another mesh.*/, 'the warning of run 5')

// Run 1's tree survived run 2 byte for byte (run 3 regenerated it elsewhere), and builds.
checks.checkTree('target/gitops')
checks.compareTrees(checks.file('target/gitops-reference'), checks.file('target/gitops'),
    'target/gitops-reference (istio-system again)', 'target/gitops (after the refused move)')
def builds = checks.checkTree('target/gitops-moved')
checks.compareTrees(checks.file('target/gitops-mesh-reference'), checks.file('target/gitops-moved'),
    'target/gitops-mesh-reference (mesh-system, clean)', 'target/gitops-moved (after the allowed move)')
checks.object(builds, 'environments/prod', 'ServiceMeshControlPlane', 'mesh-system', 'basic')
checks.noObject(builds, 'environments/prod', 'ServiceMeshControlPlane', 'istio-system')

return checks.finish()
