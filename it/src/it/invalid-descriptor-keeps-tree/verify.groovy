// Run 2 read a descriptor with two mistakes: the build failed (invoker.buildResult.2), every mistake is
// reported as <file>:<line>:<column>: relative to the descriptor directory, and run 1's tree survived.
def checks = evaluate(new File(verifySupport))

// The misspelt key, with a suggestion of the right one (STYLE.md section 6).
checks.logMatches(/.*(^|[\s:])platform\.yaml:9:3: .*tenantIsolaton.*/, 'platform.yaml:9:3: naming the unknown key tenantIsolaton')
checks.logMatches(/.*platform\.yaml:9:3: .*tenantIsolaton.*'?tenantIsolation'?.*/, 'the suggestion tenantIsolation for tenantIsolaton')
// The invalid name in the other file: all problems are reported, not just the first.
checks.logMatches(/.*(^|[\s:])tenants\.yaml:4:\d+: .*Team_Alpha.*/, 'tenants.yaml:4:<column>: naming the invalid tenant name Team_Alpha')
checks.logMatches(/.*BUILD FAILURE.*/, 'the failed build')

// The tree of run 1 is exactly what the good descriptor generates (run 3), after the failed run 2.
checks.checkTree('target/gitops')
checks.compareTrees(checks.file('target/gitops-reference'), checks.file('target/gitops'),
    'target/gitops-reference (good/ again)', 'target/gitops (after the failed run)')

// A failed run should not leave its half-written sibling behind either. (target/mesh-serverless holds the stamps
// of the successful runs 1 and 3, by which an unchanged rerun skips; run 2 must not have left one for target/gitops.)
checks.file('target').listFiles().findAll { f -> !(f.name in ['gitops', 'gitops-reference', 'verify', 'mesh-serverless']) }.each { f ->
  checks.problem("target/${f.name} is left over next to the output")
}

def stamps = checks.file('target/mesh-serverless').listFiles()?.findAll { f -> f.name.endsWith('.stamp') } ?: []
if (stamps.size() != 2) checks.problem("target/mesh-serverless holds ${stamps*.name}, not one stamp per output directory (gitops, gitops-reference)")
stamps.each { f ->
  if (f.text.contains('apiVersion') || f.text.contains('BEGIN')) checks.problem("${f.name} holds descriptor content")
}

return checks.finish()
