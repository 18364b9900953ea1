/*
 * Checks shared by the verify.groovy of every IT. The Invoker Plugin passes this file's path as the script
 * variable `verifySupport` (it/pom.xml); a verify script loads it with
 *
 *   def it = evaluate(new File(verifySupport))
 *
 * which runs this script in the caller's binding (basedir, sharedDir, ...) and returns an ItChecks. Each
 * check adds what it finds to a list instead of stopping at the first problem; `it.finish()` fails the IT
 * with all of them, one per line, and returns true otherwise.
 */

import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

class ItChecks {
  /** Written into the output root by the plugin: what it generated, so a later run can remove only that. */
  static final String INDEX = '.mesh-serverless-index'
  static final String KUSTOMIZATION = 'kustomization.yaml'
  /** CONTRACT.md: kustomizations never use the namespace transformer nor deprecated fields. */
  static final List<String> FORBIDDEN_KUSTOMIZATION_KEYS =
      ['namespace', 'bases', 'vars', 'patchesStrategicMerge', 'patchesJson6902']
  static final String SUMMARY = /(?m)^(\d+) documents, (\d+) valid, (\d+) invalid, (\d+) unknown-kind$/
  static final long PROCESS_TIMEOUT_SECONDS = 300

  final File basedir
  final File sharedDir
  final List<String> problems = []

  ItChecks(File basedir, String sharedDir) {
    this.basedir = basedir
    this.sharedDir = sharedDir ? new File(sharedDir).canonicalFile : null
  }

  File file(String relative) { new File(basedir, relative) }

  String buildLog() { file('build.log').getText('UTF-8') }

  void problem(String message) {
    problems << message
    println "PROBLEM: ${message}"
  }

  /** Fails the IT with every problem found, or returns true (what the Invoker Plugin expects). */
  boolean finish() {
    if (problems) {
      throw new AssertionError("${problems.size()} problem(s) in ${basedir.name}:\n  " + problems.join('\n  '))
    }
    println "verify: ${basedir.name} OK"
    return true
  }

  /** Every check on one generated tree: layout, index, hygiene, kustomize, validate-manifests, expected/. */
  Map<String, String> checkTree(String treePath, String expectedUnitsPath = 'expected-units.txt') {
    File tree = file(treePath)
    if (!tree.isDirectory()) {
      problem("${treePath} was not generated")
      return [:]
    }
    checkUnits(tree, file(expectedUnitsPath))
    checkIndex(tree)
    checkFiles(tree)
    Map<String, String> builds = kustomizeAll(tree, treePath)
    validateBuilds(builds, treePath)
    File expected = file('expected')
    if (expected.isDirectory()) {
      compareTrees(expected, tree, 'expected', treePath)
    }
    return builds
  }

  /** Relative paths (with '/') of every regular file below root, dotfiles included, sorted. */
  static SortedSet<String> filesBelow(File root) {
    SortedSet<String> result = new TreeSet<>()
    Path base = root.toPath()
    Files.walk(base).withCloseable { stream ->
      stream.filter { Files.isRegularFile(it) }.forEach { result << base.relativize(it).toString().replace(File.separatorChar, '/' as char) }
    }
    return result
  }

  /** Directories (relative to the tree) holding a kustomization.yaml. */
  static SortedSet<String> unitsBelow(File tree) {
    SortedSet<String> units = new TreeSet<>()
    filesBelow(tree).each { path ->
      if (path == KUSTOMIZATION) {
        units << '.'
      } else if (path.endsWith('/' + KUSTOMIZATION)) {
        units << path.substring(0, path.length() - KUSTOMIZATION.length() - 1)
      }
    }
    return units
  }

  /** (a) exactly the kustomization directories that expected-units.txt lists: none missing, none extra. */
  void checkUnits(File tree, File expectedUnits) {
    if (!expectedUnits.isFile()) {
      problem("${expectedUnits.name} is missing from the IT")
      return
    }
    SortedSet<String> expected = new TreeSet<>(expectedUnits.readLines('UTF-8')
        .collect { it.replaceAll(/#.*/, '').trim() }.findAll { it })
    SortedSet<String> actual = unitsBelow(tree)
    (expected - actual).each { problem("${tree.name}: expected a kustomization in ${it}/, there is none") }
    (actual - expected).each { problem("${tree.name}: unexpected kustomization ${it}/${KUSTOMIZATION}") }
    println "verify: ${tree.name} has ${actual.size()} kustomization directories, ${expected.size()} expected"
  }

  /** The output root holds the plugin's index, and it names every file the run wrote. */
  void checkIndex(File tree) {
    File index = new File(tree, INDEX)
    if (!index.isFile()) {
      problem("${tree.name}: no ${INDEX} in the output root")
      return
    }
    Set<String> tokens = index.getText('UTF-8').split(/[\s,"'\[\]{}]+/).findAll { it } as Set
    filesBelow(tree).findAll { it != INDEX }.each { path ->
      if (!tokens.contains(path) && !tokens.contains('/' + path) && !tokens.contains('./' + path)) {
        problem("${tree.name}/${INDEX} does not list ${path}")
      }
    }
  }

  /**
   * Hygiene of every file: UTF-8, '\n' line ends, one final newline, no absolute path of this machine; one
   * object per manifest file, named after its kind; kustomizations without the namespace transformer or
   * deprecated fields, with sorted entries.
   */
  void checkFiles(File tree) {
    // The project's folder is where an absolute descriptor or output path would show.
    List<String> localPaths = [basedir.absolutePath, basedir.canonicalPath].unique()
    filesBelow(tree).each { path ->
      byte[] bytes = new File(tree, path).bytes
      String text
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString()
      } catch (CharacterCodingException e) {
        problem("${path}: not UTF-8")
        return
      }
      if (text.contains('\r')) problem("${path}: has '\\r' line ends")
      if (!text.endsWith('\n')) problem("${path}: does not end with a newline")
      else if (text.endsWith('\n\n')) problem("${path}: ends with more than one newline")
      localPaths.each { if (text.contains(it)) problem("${path}: contains the local path ${it}") }
      if (path == INDEX) return
      if (path.endsWith('/' + KUSTOMIZATION) || path == KUSTOMIZATION) {
        checkKustomization(path, text)
      } else if (path.endsWith('.yaml') || path.endsWith('.yml')) {
        checkManifest(path, text)
      }
    }
  }

  void checkKustomization(String path, String text) {
    List<String> lines = text.readLines()
    lines.findAll { it ==~ /^[A-Za-z][A-Za-z0-9]*:.*/ }.collect { it.substring(0, it.indexOf(':')) }.each { key ->
      if (key in FORBIDDEN_KUSTOMIZATION_KEYS) problem("${path}: uses '${key}:' (CONTRACT.md forbids it)")
    }
    ['resources', 'components'].each { key ->
      List<String> entries = listUnder(lines, key)
      List<String> sorted = new ArrayList<>(entries).sort(false)
      if (entries != sorted) problem("${path}: ${key} not sorted: ${entries}")
      if (entries.size() != new HashSet<>(entries).size()) problem("${path}: ${key} has duplicates: ${entries}")
    }
  }

  /** The scalar items of a top-level block list `key:` (plain or quoted), as written. */
  static List<String> listUnder(List<String> lines, String key) {
    List<String> items = []
    boolean inside = false
    for (String line : lines) {
      if (line ==~ /^${key}:\s*$/) { inside = true; continue }
      if (!inside) continue
      def m = line =~ /^\s*- (.*)$/
      if (m.matches()) { items << m.group(1).trim().replaceAll(/^["']|["']$/, ''); continue }
      if (line ==~ /^\S.*/) break
    }
    return items
  }

  void checkManifest(String path, String text) {
    List<String> lines = text.readLines()
    if (lines.any { it ==~ /^---(\s.*)?$/ || it ==~ /^\.\.\.\s*$/ }) problem("${path}: more than one YAML document")
    String kind = lines.find { it ==~ /^kind:\s*\S+\s*$/ }?.replaceFirst(/^kind:\s*/, '')?.trim()?.replaceAll(/^["']|["']$/, '')
    if (!kind) { problem("${path}: no top-level kind"); return }
    if (!lines.any { it ==~ /^apiVersion:\s*\S+.*$/ }) problem("${path}: no top-level apiVersion")
    String fileName = path.substring(path.lastIndexOf('/') + 1)
    if (!fileName.startsWith(kind.toLowerCase(Locale.ROOT) + '-')) {
      problem("${path}: file name does not start with its kind '${kind.toLowerCase(Locale.ROOT)}-'")
    }
  }

  /** (b) `kubectl kustomize` on every kustomization directory; returns directory to output. */
  Map<String, String> kustomizeAll(File tree, String treePath) {
    Map<String, String> builds = new TreeMap<>()
    File buildDir = file("target/verify/${treePath.replace('/', '_')}")
    buildDir.mkdirs()
    unitsBelow(tree).each { unit ->
      File out = new File(buildDir, unit.replace('/', '__') + '.yaml')
      File err = new File(buildDir, unit.replace('/', '__') + '.stderr')
      int rc = run(['kubectl', 'kustomize', new File(tree, unit).path], null, out, err)
      if (rc != 0) {
        problem("kubectl kustomize ${treePath}/${unit} exited ${rc}: ${err.getText('UTF-8').trim()}")
      } else {
        builds[unit] = out.getText('UTF-8')
      }
    }
    println "verify: kubectl kustomize built ${builds.size()} of ${unitsBelow(tree).size()} units of ${treePath}"
    return builds
  }

  /**
   * (c) Each environment and each overlay, built, through `validate-manifests -`: exit 0 and a summary with
   * 0 invalid and 0 unknown-kind. Skipped, and said so, when ../shared is not there.
   */
  void validateBuilds(Map<String, String> builds, String treePath) {
    File validator = sharedDir ? new File(sharedDir, 'validation/validate-manifests') : null
    if (validator == null || !validator.isFile()) {
      println 'SKIP validate-manifests: ../shared not present'
      return
    }
    File buildDir = file("target/verify/${treePath.replace('/', '_')}")
    int validated = 0
    builds.each { unit, yaml ->
      if (!(unit.startsWith('environments/') || unit.contains('/overlays/') || unit.startsWith('overlays/'))) return
      if (!yaml.trim()) {
        println "verify: ${treePath}/${unit} builds to no object; nothing to validate"
        return
      }
      File input = new File(buildDir, unit.replace('/', '__') + '.yaml')
      File out = new File(buildDir, unit.replace('/', '__') + '.validation')
      int rc = run([validator.path, '-'], input, out, out)
      String report = out.getText('UTF-8')
      def summary = report =~ SUMMARY
      if (!summary.find()) {
        problem("validate-manifests ${treePath}/${unit} exited ${rc} without a summary line: ${report.trim()}")
      } else if (rc != 0 || summary.group(3) != '0' || summary.group(4) != '0') {
        problem("validate-manifests ${treePath}/${unit} exited ${rc}:\n    " + report.trim().readLines().join('\n    '))
      } else {
        validated++
        String warnings = report.readLines().findAll { !(it ==~ SUMMARY) && it.trim() }.join('\n    ')
        println "verify: validate-manifests ${treePath}/${unit}: ${summary.group(0)}" + (warnings ? "\n    ${warnings}" : '')
      }
    }
    println "verify: validate-manifests passed ${validated} builds of ${treePath}"
  }

  /** (d, e) Same relative paths in both directions, then the same bytes. */
  void compareTrees(File expected, File actual, String expectedLabel, String actualLabel) {
    SortedSet<String> expectedFiles = filesBelow(expected)
    SortedSet<String> actualFiles = filesBelow(actual)
    (expectedFiles - actualFiles).each { problem("${actualLabel}: missing ${it} (present in ${expectedLabel})") }
    (actualFiles - expectedFiles).each { problem("${actualLabel}: unexpected ${it} (absent from ${expectedLabel})") }
    int same = 0
    expectedFiles.intersect(actualFiles).each { path ->
      byte[] a = new File(expected, path).bytes
      byte[] b = new File(actual, path).bytes
      if (Arrays.equals(a, b)) {
        same++
      } else {
        problem("${actualLabel}/${path} differs from ${expectedLabel}/${path}: ${firstDifference(a, b)}")
      }
    }
    println "verify: ${actualLabel} vs ${expectedLabel}: ${same} identical files of ${expectedFiles.size()} / ${actualFiles.size()}"
  }

  static String firstDifference(byte[] a, byte[] b) {
    List<String> left = new String(a, StandardCharsets.UTF_8).split('\n', -1) as List
    List<String> right = new String(b, StandardCharsets.UTF_8).split('\n', -1) as List
    for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
      String l = i < left.size() ? left[i] : '<end of file>'
      String r = i < right.size() ? right[i] : '<end of file>'
      if (l != r) return "line ${i + 1}: expected [${l}] but was [${r}]"
    }
    return "same lines, different bytes (${a.length} vs ${b.length})"
  }

  /**
   * The objects of a `kubectl kustomize` output, as maps with kind, namespace (null when absent), name and
   * the document's text. kustomize writes plain block YAML with `metadata:` keys two spaces in, which is all
   * this reads; enough to reason about which objects are where, not a YAML parser.
   */
  static List<Map<String, String>> objects(String yaml) {
    List<Map<String, String>> result = []
    (yaml.split(/(?m)^---\s*$/) as List).findAll { it.trim() }.each { doc ->
      List<String> lines = doc.readLines()
      String kind = null, name = null, namespace = null
      boolean inMetadata = false
      for (String line : lines) {
        if (line ==~ /^\S.*/) {
          inMetadata = line ==~ /^metadata:\s*$/
          def k = line =~ /^kind:\s*(\S+)\s*$/
          if (k.matches()) kind = unquote(k.group(1))
          continue
        }
        if (!inMetadata) continue
        def n = line =~ /^  name:\s*(\S+)\s*$/
        if (n.matches()) name = unquote(n.group(1))
        def ns = line =~ /^  namespace:\s*(\S+)\s*$/
        if (ns.matches()) namespace = unquote(ns.group(1))
      }
      result << [kind: kind, namespace: namespace, name: name, text: doc]
    }
    return result
  }

  static String unquote(String s) { s.replaceAll(/^["']|["']$/, '') }

  static String key(Map<String, String> o) { "${o.kind} ${o.namespace ?: '-'}/${o.name}".toString() }

  /** The one object of that kind, namespace and name in a build, or null (and a problem). */
  Map<String, String> object(Map<String, String> builds, String unit, String kind, String namespace, String name) {
    def found = objects(builds[unit] ?: '').findAll { it.kind == kind && it.namespace == namespace && it.name == name }
    if (found.size() != 1) {
      problem("${unit}: expected one ${kind} ${namespace ?: '-'}/${name}, found ${found.size()}")
      return null
    }
    return found[0]
  }

  /** No object of that kind (in that namespace, when given) in a build. */
  void noObject(Map<String, String> builds, String unit, String kind, String namespace = null) {
    objects(builds[unit] ?: '').findAll { it.kind == kind && (namespace == null || it.namespace == namespace) }.each {
      problem("${unit}: unexpected ${key(it)}")
    }
  }

  /** The text of an object holds a line matching the regular expression (whole line, leading spaces ignored). */
  void hasLine(Map<String, String> object, String regex, String what) {
    if (object != null && !object.text.readLines().any { it.trim() ==~ regex }) {
      problem("${key(object)}: ${what} (no line matching /${regex}/ in:\n${object.text})")
    }
  }

  void hasNoLine(Map<String, String> object, String regex, String what) {
    if (object != null && object.text.readLines().any { it.trim() ==~ regex }) {
      problem("${key(object)}: ${what} (a line matches /${regex}/ in:\n${object.text})")
    }
  }

  /**
   * CONTRACT.md: `environments/<env>` builds to exactly the objects of `platform/overlays/<env>` and of
   * every tenant's onboarding and workloads overlays for `<env>`.
   */
  void checkEnvironmentAggregates(Map<String, String> builds) {
    builds.keySet().findAll { it ==~ /environments\/[^\/]+/ }.each { unit ->
      String env = unit.substring('environments/'.length())
      List<String> parts = builds.keySet().findAll {
        it == "platform/overlays/${env}".toString() || it ==~ /tenants\/[^\/]+\/(onboarding|workloads)\/overlays\/${env}/
      } as List
      List<String> union = parts.collectMany { objects(builds[it]).collect { o -> key(o) } }
      List<String> aggregate = objects(builds[unit]).collect { key(it) }
      (union.toSet() - aggregate.toSet()).each { problem("${unit}: lacks ${it}, which ${parts} build") }
      (aggregate.toSet() - union.toSet()).each { problem("${unit}: has ${it}, which none of ${parts} builds") }
      if (union.size() != union.toSet().size()) problem("${unit}: its parts ${parts} build some object twice")
      println "verify: ${unit} = ${parts.size()} units, ${aggregate.size()} objects"
    }
  }

  /**
   * CONTRACT.md ownership: a tenant's workloads hold only objects in its own namespaces; its Namespaces are in
   * its onboarding; nothing in a tenant namespace lives in the platform's units.
   *
   * @param tenants tenant name to its namespaces
   */
  void checkOwnership(Map<String, String> builds, Map<String, List<String>> tenants) {
    Set<String> allTenantNamespaces = tenants.values().flatten() as Set
    builds.each { unit, yaml ->
      List<Map<String, String>> objs = objects(yaml)
      def workloads = unit =~ /^tenants\/([^\/]+)\/workloads\//
      def onboarding = unit =~ /^tenants\/([^\/]+)\/onboarding\/overlays\//
      if (workloads.find()) {
        List<String> own = tenants[workloads.group(1)] ?: []
        objs.findAll { !(it.namespace in own) || it.kind == 'Namespace' }.each {
          problem("${unit}: ${key(it)} is not a workload in the tenant's namespaces ${own}")
        }
      } else if (onboarding.find()) {
        List<String> own = tenants[onboarding.group(1)] ?: []
        own.each { ns -> object(builds, unit, 'Namespace', null, ns) }
        objs.findAll { it.namespace in (allTenantNamespaces - own) || (it.kind == 'Namespace' && it.name in (allTenantNamespaces - own)) }.each {
          problem("${unit}: ${key(it)} belongs to another tenant")
        }
      } else if (unit.startsWith('platform/')) {
        objs.findAll { it.namespace in allTenantNamespaces || (it.kind == 'Namespace' && it.name in allTenantNamespaces) }.each {
          problem("${unit}: ${key(it)} is per tenant, so it belongs in the tenant's onboarding")
        }
      }
    }
  }

  /** Checks that build.log matches a regular expression (multiline), reporting what it is about. */
  void logMatches(String regex, String what) {
    if (!(buildLog() =~ /(?m)${regex}/).find()) problem("build.log does not show ${what} (/${regex}/)")
  }

  /** Runs a command with stdin/stdout/stderr redirected to files (no pipe can fill up); returns the exit code. */
  int run(List<String> command, File stdin, File stdout, File stderr) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(basedir)
    if (stdin != null) pb.redirectInput(stdin)
    pb.redirectOutput(stdout)
    if (stderr == stdout) pb.redirectErrorStream(true) else pb.redirectError(stderr)
    Process process
    try {
      process = pb.start()
    } catch (IOException e) {
      throw new AssertionError("cannot run ${command[0]} (is it installed? .ci/run installs what the ITs need): ${e.message}", e)
    }
    if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly()
      throw new AssertionError("${command.join(' ')} did not finish within ${PROCESS_TIMEOUT_SECONDS} s")
    }
    return process.exitValue()
  }
}

return new ItChecks(basedir as File, binding.hasVariable('sharedDir') ? sharedDir as String : null)
