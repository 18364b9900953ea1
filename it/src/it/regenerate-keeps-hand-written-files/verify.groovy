// CONTRACT.md: a file that the previous run generated and this run does not is removed; files that the
// plugin did not generate are never touched. gitops/ after runs 1 and 2 must be exactly run 3's clean
// tree plus the hand-written files (copies in hand-written/), byte for byte.
def checks = evaluate(new File(verifySupport))

File gitops = checks.file('gitops')
File reference = checks.file('target/gitops-reference')
File handWritten = checks.file('hand-written')

checks.checkTree('target/gitops-reference')
checks.checkUnits(gitops, checks.file('expected-units.txt'))

def generated = checks.filesBelow(reference)
def kept = checks.filesBelow(handWritten)
def actual = checks.filesBelow(gitops)
(generated + kept - actual).each { p -> checks.problem("gitops/${p} is missing") }
(actual - generated - kept).each { p -> checks.problem("gitops/${p} should not be there (left from run 1?)") }
generated.intersect(actual).each { p ->
  if (!Arrays.equals(new File(reference, p).bytes, new File(gitops, p).bytes)) {
    checks.problem("gitops/${p} differs from a clean generation: ${checks.firstDifference(new File(reference, p).bytes, new File(gitops, p).bytes)}")
  }
}
kept.intersect(actual).each { p ->
  if (!Arrays.equals(new File(handWritten, p).bytes, new File(gitops, p).bytes)) checks.problem("hand-written gitops/${p} was changed")
}
if (checks.filesBelow(gitops).any { p -> p.contains('team-bravo') && !(p in kept) }) checks.problem('something of team-bravo is still generated')

// Run 2 saw another descriptor and rendered; run 4 saw run 2's inputs and an intact tree, and skipped.
checks.logMatches(/\[INFO\] Rendering: the descriptor or the plugin changed since the last run$/, 'run 2 rendering again')
checks.logMatches(/\[INFO\] Skipped rendering: the descriptor and the plugin are unchanged since the last run, and its \d+ files in .*gitops are intact/, 'run 4 skipping')

return checks.finish()
