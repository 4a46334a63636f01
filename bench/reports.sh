#!/usr/bin/env bash
# The report benchmark (issue 14): about 1 million generated ledger rows, every report timed with and without
# the report indexes; writes the "Reports" block of BENCHMARKS.md (dev.psi.bench.ReportTimes).
#
#   bench/reports.sh [-o] [--products 3000] [--orders 52000] [--runs 5] [--keep-database]
#
# Needs MariaDB/MySQL (DATABASE_HOST/PORT/USER/PASSWORD, default 127.0.0.1:3306 root) and the reports jar
# (built here unless BENCH_SKIP_BUILD=1). Creates and drops its own database psi_bench_reports_<timestamp>.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
MAVEN_OFFLINE=()
ARGS=()
for arg in "$@"; do
  case "$arg" in
    -o|--offline) MAVEN_OFFLINE=(-o) ;;
    *) ARGS+=("$arg") ;;
  esac
done
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -B -q "${MAVEN_OFFLINE[@]}" install -DskipTests -pl bench,functions/reports -am
fi
CLASSPATH_FILE="$ROOT/bench/target/runtime-classpath.txt"
./mvnw -B -q "${MAVEN_OFFLINE[@]}" -f bench/pom.xml dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CLASSPATH_FILE"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx512m -cp "$ROOT/bench/target/classes:$(cat "$CLASSPATH_FILE")" \
  dev.psi.bench.ReportTimes --root "$ROOT" "${ARGS[@]+"${ARGS[@]}"}"
