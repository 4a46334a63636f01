#!/usr/bin/env bash
# Builds PSI and runs the benchmarks (dev.psi.bench.Benchmarks), which write BENCHMARKS.md at the
# repository root. About 3-5 minutes on a 2-core machine for the closed-loop part, plus about 2 minutes per
# open-loop rate and partition count, plus the build.
#
#   bench/run.sh            build (Maven online) and run
#   bench/run.sh -o         build offline (everything already in ~/.m2)
#   bench/run.sh -o --scale 0.2 --out /tmp/quick.md    any other argument goes to the benchmark main
#   bench/run.sh -o --only chain-open-loop --partitions 1,3,6 --rates 100,200,400 --step-seconds 15
#                           only the open-loop sales chain and its bare floor (issue 12), a fresh system per
#                           partition count; replaces only the chain-open-loop block of BENCHMARKS.md
#                           (also --warmup-seconds 5 --drain-seconds 60 --max-rate 1600 --max-in-flight 512)
#
# The closed-loop benchmarks (hot, inventory, chain) regenerate BENCHMARKS.md up to its history comment and
# keep everything after it (the blocks other benchmarks write: cold start, reports, the open loop).
#
# Needs MariaDB/MySQL and Redis as the functions do (DATABASE_HOST/PORT/USER/PASSWORD, REDIS_HOST/PORT;
# default 127.0.0.1:3306 root without password, 127.0.0.1:6379). The run creates and drops its own
# database psi_bench_<timestamp>. Set BENCH_SKIP_BUILD=1 to reuse what the last build left.
#
# Levers, for a before/after of one setting (BENCHMARKS.md records each): PSI_JVM_FLAGS_FILE=<file> starts the
# functions with that file's options instead of deploy/jvm-flags (same format), PSI_GROUP_COMMIT_MAX=0 switches
# stock-adjust's group commit off, DATABASE_POOL_SIZE=<n> sets every function's connection pool (default 10),
# --closed-loop-partitions <n> gives the closed-loop benchmarks' broker n partitions per topic instead of LocalSystem's.
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
  echo "[bench] building: ./mvnw -B -q ${MAVEN_OFFLINE[*]} install -DskipTests"
  ./mvnw -B -q "${MAVEN_OFFLINE[@]}" install -DskipTests
fi

CLASSPATH_FILE="$ROOT/bench/target/runtime-classpath.txt"
./mvnw -B -q "${MAVEN_OFFLINE[@]}" -f bench/pom.xml dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CLASSPATH_FILE"

# The clients name their tenant in X-Tenant-Id and post events without the internal credential, as
# PSI_AUTH_MODE=local allows (docs/security.md); the per-client rate limit would cut a load test off.
export PSI_AUTH_MODE="${PSI_AUTH_MODE:-local}"
export PSI_RATE_LIMIT_PER_MINUTE="${PSI_RATE_LIMIT_PER_MINUTE:-0}"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx1g -cp "$ROOT/bench/target/classes:$(cat "$CLASSPATH_FILE")" \
  dev.psi.bench.Benchmarks --root "$ROOT" "${ARGS[@]+"${ARGS[@]}"}"
