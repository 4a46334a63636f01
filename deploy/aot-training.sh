#!/usr/bin/env bash
# The AOT training run of the Dockerfile: start the jar with -XX:AOTCacheOutput, make the requests
# every start makes (health, metrics, OpenAPI, a 404), stop it with SIGTERM; the JVM writes the cache
# as it exits. A jar that is not a server (the migration tool) exits by itself without a database;
# the classes it loaded until then are cached too.
#   aot-training.sh JAR CACHE [FLAGS]   (PORT: the port to train on; FLAGS: a java @argfile, deploy/jvm-flags,
#                                        the options the image runs with)
set -u
jar=$1 cache=$2 flags=${3:-} port=${PORT:-8080}
# No database, Redis or Kafka at build time: point them at a closed port, so that they fail at once.
export DATABASE_HOST=127.0.0.1 DATABASE_PORT=9 REDIS_HOST=127.0.0.1 REDIS_PORT=9 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9
java ${flags:+"@$flags"} -XX:AOTCacheOutput="$cache" -jar "$jar" >/tmp/aot-training.log 2>&1 &
pid=$!
served=""
for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/liveness" 2>/dev/null; then served=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
if [ -n "$served" ]; then
  # The database checks (readiness, /health) wait for a connection that cannot come: once each, briefly,
  # which still loads the classes they need (the driver, the pool); the rest a few times.
  for path in /health/readiness /health; do
    curl -s -m 3 -o /dev/null "http://127.0.0.1:$port$path" || true
  done
  for _ in $(seq 1 10); do
    for path in /health/liveness /prometheus /openapi/ /no-such-path; do
      curl -s -m 3 -o /dev/null "http://127.0.0.1:$port$path" || true
    done
  done
  kill -TERM "$pid"
fi
wait "$pid"
rc=$?
if [ ! -s "$cache" ]; then
  cat /tmp/aot-training.log >&2
  echo "AOT training wrote no cache (exit $rc)" >&2
  exit 1
fi
rm -f /tmp/aot-training.log
echo "AOT cache: $(du -h "$cache" | cut -f1) (training exit $rc, served HTTP: ${served:-no})"
