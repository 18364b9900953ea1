// validate reads, checks and renders in memory: run 1 passed and wrote nothing, run 2 failed naming every
// mistake as <file>:<line>:<column>:, run 3 skipped.
def checks = evaluate(new File(verifySupport))

checks.logMatches(/.*Descriptor .*good is valid: it generates \d+ files \(nothing written\).*/, 'the summary line of run 1')
checks.logMatches(/.*(^|[\s:])platform\.yaml:9:3: .*tenantIsolaton.*did you mean 'tenantIsolation'.*/,
    'platform.yaml:9:3: naming the misspelt key and the right one')
checks.logMatches(/.*(^|[\s:])tenants\.yaml:4:\d+: .*Team_Alpha.*/, 'tenants.yaml:4:<column>: naming the invalid tenant name')
checks.logMatches(/.*BUILD FAILURE.*/, 'the failed build of run 2')
checks.logMatches(/.*Skipping mesh-serverless:validate.*/, 'the skipped run 3')
// The invoker runs Maven with -e, which prints a stack trace for any failure; the failure itself has no cause.
if (checks.buildLog() =~ /(?m)^Caused by: (?!org\.apache\.maven\.plugin\.MojoFailureException)/) {
  checks.problem('the build failure has a cause other than the MojoFailureException of the problems')
}

// Nothing written: no output tree, no staging folder, nothing in target/ at all.
File target = checks.file('target')
if (target.exists()) {
  target.listFiles().findAll { f -> f.name != 'verify' }.each { f -> checks.problem("validate wrote target/${f.name}") }
}

return checks.finish()
