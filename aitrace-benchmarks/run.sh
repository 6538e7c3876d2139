#!/usr/bin/env bash
# Builds the benchmark jar, runs every benchmark, and rewrites BENCHMARKS.md at the repository root.
# Needs Java 17+ and Maven. Under 10 minutes on 2 cores. Extra arguments go to JMH, for example
#   aitrace-benchmarks/run.sh SpanBenchmark        (one class)
#   aitrace-benchmarks/run.sh -f 2 -i 10           (more forks and iterations)
set -euo pipefail

module="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$module")"

cd "$root"
mvn -B -q -Pbenchmarks -pl aitrace-benchmarks -am package -DskipTests

cd "$module"
rm -f target/jmh-result.json target/jmh-output.txt target/exporter-*.properties
java -jar target/benchmarks.jar -prof gc -rf json -rff target/jmh-result.json "$@" 2>&1 \
  | tee target/jmh-output.txt
java -cp target/benchmarks.jar dev.aitrace.benchmarks.BenchmarkReport \
  target/jmh-result.json target/jmh-output.txt "$root/BENCHMARKS.md" "aitrace-benchmarks/run.sh${*:+ $*}"
