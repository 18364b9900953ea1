#!/usr/bin/env bash
# Runs the generate benchmark (issue 7) and prints the Markdown tables of benchmarks/RESULTS.md.
#
#   benchmarks/run.sh                     T = 10 100 1000 10000, 3 pairs each, profile at 1000, mvn end to end at 1000
#   benchmarks/run.sh 10 100 --xmx 2g     any Main options and tenant counts (see Main's Javadoc)
#
# Needs a JDK 17+, kubectl (built-in kustomize) on the PATH, and about 3 GB free under /tmp for T = 10000.
# Maven options for every Maven call (including the end-to-end point) go in MAVEN_ARGS, e.g.
# MAVEN_ARGS="-o" benchmarks/run.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# The plugin must be in the local repository for the end-to-end point; the benchmarks module is compiled too.
./mvnw -B -q install -DskipTests -Dinvoker.skip
./mvnw -B -q -pl benchmarks org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/classpath.txt

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--repeat 3 --profile 1000 --mvnw "$root/mvnw" --maven-tenants 1000 10 100 1000 10000)
fi
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.meshserverless.benchmarks.Main "${args[@]}"
