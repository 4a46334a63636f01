#!/usr/bin/env bash
# Cold-start benchmark: every function's runnable jar vs a JDK-only floor (Floor.java: httpserver + JDBC),
# interleaved, same JDK and flags. Needs the function jars built (./mvnw -B install -DskipTests) and
# MariaDB 127.0.0.1:3306 / Redis 6379 / Kafka ($KAFKA_BOOTSTRAP_SERVERS).
#   bench/coldstart/run.sh [runs] [function ...]      (default 10 runs, all five functions)
# Env: JAVA_HOME (default Temurin 25), COLDSTART_FLAGS (default deploy/jvm-flags if present),
#      COLDSTART_AOT=1 trains and uses a JDK 25 AOT cache per jar (target/coldstart/*.aot).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUNS="${1:-10}"; shift || true
FUNCS=("$@"); [[ ${#FUNCS[@]} -gt 0 ]] || FUNCS=(catalog order-create order-workflow stock-adjust inventory-query)
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
# deploy/jvm-flags as a java @argfile (as in the Dockerfile and the local launcher); COLDSTART_FLAGS replaces it
# (to measure a lever: COLDSTART_FLAGS="@deploy/jvm-flags -Xmn16m" bench/coldstart/run.sh 10 catalog).
FLAGS="${COLDSTART_FLAGS:-@$ROOT/deploy/jvm-flags}"
FLAGS="${FLAGS//@deploy\//@$ROOT/deploy/}"
OUT="$ROOT/bench/target/coldstart"; mkdir -p "$OUT/floor"
DB="psi_cold_$(date +%s)"
M2="${M2:-$HOME/.m2/repository}"; [[ -n "${MAVEN_ARGS:-}" ]] && M2="$(sed -n 's/.*-Dmaven.repo.local=\([^ ]*\).*/\1/p' <<<"$MAVEN_ARGS")"
CONNJ="$(ls "$M2"/com/mysql/mysql-connector-j/*/mysql-connector-j-*.jar | grep -v sources | sort -V | tail -1)"
mariadb -h127.0.0.1 -uroot -e "CREATE DATABASE IF NOT EXISTS $DB"
trap 'mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB"' EXIT
# The schema, once, with the migration tool every deployment runs (Flyway; the functions never migrate).
DATABASE_NAME="$DB" "$JAVA" -jar "$(ls functions/schema/target/psi-schema-*-migrate.jar | head -1)" >&2
"$JAVA_HOME/bin/javac" -d "$OUT/floor" bench/coldstart/Floor.java
"$JAVA_HOME/bin/jar" cf "$OUT/floor.jar" -C "$OUT/floor" .   # an AOT cache takes jars only, no directories
export DATABASE_NAME="$DB" FLOOR_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$DB?user=root"
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:19230}"
# JWT auth as deployed (not PSI_AUTH_MODE=local): a secret for this run and an admin token of tenant demo.
# The rate limit is raised: 1,000 requests a run from one tenant is the bench, not abuse.
export PSI_AUTH_MODE=jwt PSI_JWT_SECRET="coldstart-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export PSI_RATE_LIMIT_PER_MINUTE=100000000
CATALOG_JAR=functions/catalog/target/catalog.jar
COLDSTART_TOKEN="$("$JAVA" -cp "$CATALOG_JAR" dev.psi.security.DevToken --tenant demo --roles admin --ttl PT4H)"
export COLDSTART_TOKEN
# Seed rows every probe reads or refers to, through the catalog's API: a warehouse, a supplier, 20 products.
seed() {
  local port=18987 pid i
  PORT=$port "$JAVA" -jar "$CATALOG_JAR" >"$OUT/seed.log" 2>&1 & pid=$!
  for i in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health/readiness" 2>/dev/null && break; sleep 0.25; done
  post() { curl -fsS -o /dev/null -H "Authorization: Bearer $COLDSTART_TOKEN" -H 'Content-Type: application/json' \
             -d "$2" "http://127.0.0.1:$port$1" || { echo "seed: POST $1 failed" >&2; kill $pid; exit 1; }; }
  post /api/warehouses '{"code":"WH-1","name":"Bench warehouse"}'
  post /api/suppliers '{"code":"SUP-1","name":"Bench supplier"}'
  for i in $(seq -w 1 20); do
    post /api/products "{\"sku\":\"SKU-$i\",\"name\":\"Bench product $i\",\"unit\":\"pcs\",\"purchasePrice\":1.50,\"salePrice\":2.50,\"preferredSupplierCode\":\"SUP-1\"}"
  done
  kill $pid; wait $pid 2>/dev/null || true
}
seed
echo '{"warehouseCode":"WH-1","sku":"SKU-01","quantity":1,"reason":"OPENING_BALANCE","unitCost":1.50}' >"$OUT/adjustment.json"
echo '{"supplierCode":"SUP-1","warehouseCode":"WH-1","lines":[{"sku":"SKU-01","quantity":2,"unitPrice":1.50}]}' >"$OUT/purchase-order.json"

JDK_MAJOR="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
aot() { # name path cmd-after-flags files... -> prints the AOT flag; trains once per checksum of the files
  local name="$1" path="$2" rest="$3"; shift 3
  [[ "${COLDSTART_AOT:-1}" == 1 && "$JDK_MAJOR" -ge 25 ]] || return 0
  local sum; sum="$( (cat "$@" deploy/jvm-flags; echo "$FLAGS $JAVA") | sha256sum | cut -c1-16)"
  local cache="$OUT/$name-$sum.aot"
  if [[ ! -f "$cache" ]]; then
    echo "[coldstart] training AOT cache for $name -> $cache" >&2
    "$JAVA" bench/coldstart/ColdStart.java train "$name=$JAVA $FLAGS -XX:AOTCacheOutput=$cache $rest|$path" >&2
  fi
  if [[ -f "$cache" ]]; then echo "-XX:AOTCache=$cache"; fi
}
# The probe of each target: a real endpoint that reads (or writes) the database, with the token.
declare -A PATHS=([floor]=/ [catalog]=/api/products [inventory-query]=/api/inventory [order-workflow]=/api/purchase-orders
                  [stock-adjust]="POST /api/stock/adjustments @$OUT/adjustment.json"
                  [order-create]="POST /api/purchase-orders @$OUT/purchase-order.json")
ARGS=()
FLOORREST="-cp $OUT/floor.jar:$CONNJ Floor"
ARGS+=("floor=$JAVA $FLAGS $(aot floor / "$FLOORREST" bench/coldstart/Floor.java "$CONNJ") $FLOORREST|/")
for f in "${FUNCS[@]}"; do
  JAR="$(ls functions/$f/target/*.jar | grep -v -e original -e sources -e tests | head -1)"
  ARGS+=("$f=$JAVA $FLAGS $(aot "$f" "${PATHS[$f]}" "-jar $JAR" "$JAR") -jar $JAR|${PATHS[$f]}")
done
echo "JDK: $("$JAVA" -version 2>&1 | head -1); flags: $FLAGS = $(sed 's/#.*//' deploy/jvm-flags | tr -s ' \n' ' ')"
uptime
"$JAVA" bench/coldstart/ColdStart.java "$RUNS" "${ARGS[@]}"
uptime
