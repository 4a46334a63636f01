#!/usr/bin/env bash
# Single-node Kafka (KRaft) for CI and local work, run from Maven Central jars: no Kafka install, no Docker.
#
#   infra/kafka-broker/kafka.sh start  [port] [LocalKafka options...]   e.g. start 19092 --topics a,b --partitions 3
#   infra/kafka-broker/kafka.sh stop   [port]
#   infra/kafka-broker/kafka.sh status [port]
#
# port defaults to 19092 (controller on port+1). The pid file and log are
# ${PSI_STATE_DIR:-<repo>/.local}/kafka-<port>.{pid,log}. Data lives in a temp dir deleted on stop,
# unless --data-dir DIR is given.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cmd="${1:-}"
port="${2:-19092}"
state="${PSI_STATE_DIR:-$repo/.local}"
pidfile="$state/kafka-$port.pid"
log="$state/kafka-$port.log"
classes="$here/target/classes"
cpfile="$classes/dev/psi/kafka/broker.classpath"
start_timeout=120
[[ $port =~ ^[0-9]+$ ]] || { echo "kafka.sh: port must be a number, got '$port'" >&2; exit 2; }

die() { echo "kafka.sh: $*" >&2; exit 1; }

running_pid() {
  local pid
  [[ -f $pidfile ]] || return 1
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

ensure_built() {
  local mvn=mvn
  [[ -f $cpfile ]] && return 0
  echo "kafka.sh: building infra/kafka-broker first" >&2
  [[ -x $repo/mvnw ]] && mvn=./mvnw
  (cd "$repo" && "$mvn" -B -q -pl infra/kafka-broker -am install -DskipTests) >&2 || die "build failed"
  [[ -f $cpfile ]] || die "build did not produce $cpfile"
}

start() {
  local pid java waited=0
  if pid="$(running_pid)"; then
    echo "kafka already running on 127.0.0.1:$port (pid $pid)"
    return 0
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use by another process"
  fi
  mkdir -p "$state"
  ensure_built
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  : >"$log"
  nohup "$java" -XX:TieredStopAtLevel=1 -Xmx512m -cp "$classes:$(cat "$cpfile")" \
    dev.psi.kafka.LocalKafka --port "$port" "${@:3}" >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"
  # 0.5 s steps
  while ! grep -q '^KAFKA READY ' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || (( waited >= start_timeout * 2 )); then
      kill "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      echo "kafka.sh: broker on port $port did not become ready; last lines of $log:" >&2
      tail -n 50 "$log" >&2
      exit 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  echo "$(grep -m1 '^KAFKA READY ' "$log") (pid $pid, log $log)"
}

stop() {
  local pid i
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile"
    echo "kafka not running on port $port"
    return 0
  fi
  kill "$pid"
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "kafka stopped on port $port (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "kafka running on 127.0.0.1:$port (pid $pid)"
  else
    echo "kafka not running on port $port"
    return 1
  fi
}

case "$cmd" in
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status [port] [LocalKafka options...]" >&2; exit 2 ;;
esac
