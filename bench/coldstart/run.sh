#!/usr/bin/env bash
# Cold-start benchmark: every function's runnable jar vs a JDK-only floor (Floor.java: httpserver + JDBC)
# and the framework's own floor (micronaut-floor/: Micronaut's netty server, one controller, the same query),
# interleaved, same JDK and flags. Needs the function jars and the schema's migrate jar built
# (./mvnw -B install -DskipTests) and MariaDB 127.0.0.1:3306 / Redis 6379 / Kafka ($KAFKA_BOOTSTRAP_SERVERS).
# The fresh database psi_cold_<ts> gets the schema first (the migration Job's jar), so that readiness
# (which queries the database) and any /api path meet the real tables.
#   bench/coldstart/run.sh [runs] [function ...]      (default 10 runs, all eight functions)
# Env: JAVA_HOME (default Temurin 25), COLDSTART_FLAGS (default deploy/jvm-flags if present),
#      COLDSTART_AOT=1 trains and uses a JDK 25 AOT cache per jar (target/coldstart/*.aot),
#      COLDSTART_MICRONAUT_FLOOR=0 leaves the micronaut-floor out.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUNS="${1:-10}"; shift || true
FUNCS=("$@"); [[ ${#FUNCS[@]} -gt 0 ]] || FUNCS=(catalog order-create order-workflow stock-adjust inventory-query replenish reports finance)
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
FLAGS="${COLDSTART_FLAGS:-$( [[ -f deploy/jvm-flags ]] && grep -v '^#' deploy/jvm-flags | tr '\n' ' ' || echo '-XX:+UseSerialGC -XX:TieredStopAtLevel=1')}"
OUT="$ROOT/bench/target/coldstart"; mkdir -p "$OUT/floor"
DB="psi_cold_$(date +%s)"
M2="${M2:-$HOME/.m2/repository}"; [[ -n "${MAVEN_ARGS:-}" ]] && M2="$(sed -n 's/.*-Dmaven.repo.local=\([^ ]*\).*/\1/p' <<<"$MAVEN_ARGS")"
CONNJ="$(ls "$M2"/com/mysql/mysql-connector-j/*/mysql-connector-j-*.jar | grep -v sources | sort -V | tail -1)"
mariadb -h127.0.0.1 -uroot -e "CREATE DATABASE IF NOT EXISTS $DB"
trap 'mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB"' EXIT
MIGRATE="$(ls functions/schema/target/psi-schema-*-migrate.jar | head -1)"
DATABASE_NAME="$DB" "$JAVA" -jar "$MIGRATE" >&2
"$JAVA_HOME/bin/javac" -d "$OUT/floor" bench/coldstart/Floor.java
"$JAVA_HOME/bin/jar" cf "$OUT/floor.jar" -C "$OUT/floor" .   # an AOT cache takes jars only, no directories
export DATABASE_NAME="$DB" FLOOR_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$DB?user=root"
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:19230}"

JDK_MAJOR="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
aot() { # name path cmd-after-flags files... -> prints the AOT flag; trains once per checksum of the files
  local name="$1" path="$2" rest="$3"; shift 3
  [[ "${COLDSTART_AOT:-1}" == 1 && "$JDK_MAJOR" -ge 25 ]] || return 0
  local sum; sum="$(cat "$@" | sha256sum | cut -c1-16)"
  local cache="$OUT/$name-$sum.aot"
  if [[ ! -f "$cache" ]]; then
    echo "[coldstart] training AOT cache for $name -> $cache" >&2
    "$JAVA" bench/coldstart/ColdStart.java train "$name=$JAVA $FLAGS -XX:AOTCacheOutput=$cache $rest|$path" >&2
  fi
  if [[ -f "$cache" ]]; then echo "-XX:AOTCache=$cache"; fi
}
# The first answer a function gives: readiness, which runs a query on the database (as the floor's / does);
# COLDSTART_PATH overrides it for every function (e.g. an /api path, with PSI_AUTH_MODE=local).
PATH_OF="${COLDSTART_PATH:-/health/readiness}"
ARGS=()
FLOORREST="-cp $OUT/floor.jar:$CONNJ Floor"
ARGS+=("floor=$JAVA $FLAGS $(aot floor / "$FLOORREST" bench/coldstart/Floor.java "$CONNJ") $FLOORREST|/")
# The least a Micronaut function can be (outside the reactor: built here when its sources are newer than its jar).
if [[ "${COLDSTART_MICRONAUT_FLOOR:-1}" == 1 ]]; then
  MFLOOR=bench/coldstart/micronaut-floor/target/micronaut-floor.jar
  if [[ ! -f $MFLOOR || -n "$(find bench/coldstart/micronaut-floor/pom.xml bench/coldstart/micronaut-floor/src -newer "$MFLOOR")" ]]; then
    ./mvnw -B -q -f bench/coldstart/micronaut-floor/pom.xml package >&2
  fi
  ARGS+=("micronaut-floor=$JAVA $FLAGS $(aot micronaut-floor / "-jar $MFLOOR" "$MFLOOR") -jar $MFLOOR|/")
fi
for f in "${FUNCS[@]}"; do
  JAR="functions/$f/target/$f.jar"
  [[ -f "$JAR" ]] || { echo "no $JAR: build it (./mvnw -B install -DskipTests)" >&2; exit 1; }
  ARGS+=("$f=$JAVA $FLAGS $(aot "$f" "$PATH_OF" "-jar $JAR" "$JAR") -jar $JAR|$PATH_OF")
done
echo "JDK: $("$JAVA" -version 2>&1 | head -1); flags: $FLAGS"
uptime
"$JAVA" bench/coldstart/ColdStart.java "$RUNS" "${ARGS[@]}"
uptime
