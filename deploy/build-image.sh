#!/usr/bin/env bash
# Builds a function's image from the top-level Dockerfile without a Docker engine (buildah, chroot
# isolation), then checks the image itself: its user is not root, its entrypoint started from the
# unpacked root file system answers /health/readiness against the local database, and the AOT cache
# in it is accepted by the JVM in it.
#
#   deploy/build-image.sh [FUNCTION]        (default: catalog)
#
# Where a registry is reachable, the Dockerfile's FROM images are pulled as usual. Where it is not
# (these machines), PSI_OFFLINE_BASE=1 (the default when no registry answers) first makes stand-ins
# for eclipse-temurin:25-jdk and :25-jre locally: a Debian minbase root file system (debootstrap,
# from Debian's package mirror) plus the local Temurin 25 JDK at /opt/java/openjdk, where the real
# images keep it. The build stage then runs the Maven wrapper against a copy of the local Maven
# repository (bind-mounted beside the Dockerfile's cache mount), so it needs no network either.
#
# Needs root (chroot isolation), buildah and debootstrap (apt-get install buildah debootstrap).
# Takes a few minutes; CI runs it only with PSI_IMAGE_CHECK=1 (see README, "Container images").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
function=${1:-catalog}
state=${PSI_STATE_DIR:-$root/.local}
jdk=${PSI_BASE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
m2=${PSI_MAVEN_REPO:-${HOME}/.m2/repository}
port=${PSI_IMAGE_CHECK_PORT:-20380}
tag="localhost/psi/$function:check"
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot
store=(--root "$state/containers/storage" --runroot "$state/containers/run")
log() { printf '[image] %s\n' "$*"; }
b() { buildah "${store[@]}" "$@"; }

command -v buildah >/dev/null || { echo "buildah is missing: apt-get install buildah" >&2; exit 2; }

base_image() {  # name, root file system directory
  local c
  c=$(b from scratch)
  b copy "$c" "$2" / >/dev/null
  b config --env JAVA_HOME=/opt/java/openjdk --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$c"
  b commit -q --rm "$c" "$1" >/dev/null
}

if [ "${PSI_OFFLINE_BASE:-1}" = 1 ]; then
  rootfs="$state/containers/rootfs"
  if [ ! -x "$rootfs/bin/bash" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 2; }
    log "making a Debian minbase root file system in $rootfs (once)"
    rm -rf "$rootfs.tmp"
    debootstrap --variant=minbase --include=curl,ca-certificates bookworm "$rootfs.tmp" >"$state/debootstrap.log" 2>&1
    rm -rf "$rootfs.tmp/var/cache/apt/archives/"*.deb "$rootfs.tmp/var/lib/apt/lists/"*
    mv "$rootfs.tmp" "$rootfs"
  fi
  if ! b inspect docker.io/library/eclipse-temurin:25-jre >/dev/null 2>&1 \
      || [ "$(b inspect --format '{{index .ImageAnnotations "psi.jdk"}}' docker.io/library/eclipse-temurin:25-jre 2>/dev/null)" != "$("$jdk/bin/java" -version 2>&1 | head -1)" ]; then
    log "making local stand-ins for eclipse-temurin:25-jdk and :25-jre from $jdk"
    mkdir -p "$rootfs/opt/java"
    rm -rf "$rootfs/opt/java/openjdk"
    cp -a "$jdk" "$rootfs/opt/java/openjdk"
    c=$(b from scratch)
    b copy "$c" "$rootfs" / >/dev/null
    b config --env JAVA_HOME=/opt/java/openjdk \
      --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      --annotation "psi.jdk=$("$jdk/bin/java" -version 2>&1 | head -1)" "$c"
    b commit -q --rm "$c" docker.io/library/eclipse-temurin:25-jdk >/dev/null
    b tag docker.io/library/eclipse-temurin:25-jdk docker.io/library/eclipse-temurin:25-jre
    rm -rf "$rootfs/opt/java/openjdk"
  fi
  pull=(--pull-never)
else
  pull=()
fi

# The build stage's Maven repository. The container may not reach Maven Central where this machine does
# (a proxy it trusts), so this machine resolves what the module's build needs into a repository of its own
# (seeded from PSI_MAVEN_REPO, a:b for several), and the container builds offline from it.
cache="$state/containers/m2"
wrapper=${PSI_MAVEN_WRAPPER:-${HOME}/.m2/wrapper}   # the Maven distribution mvnw unpacked (it fetches none then)
if [ ! -d "$cache" ]; then
  mkdir -p "$cache.tmp"
  IFS=: read -ra repos <<<"$m2"
  for r in "${repos[@]}"; do
    [ -d "$r" ] && { log "seeding $cache from $r (once)"; cp -an "$r/." "$cache.tmp/"; }
  done
  mv "$cache.tmp" "$cache"
fi
if [ -d "functions/$function" ]; then module="functions/$function"; else module="$function"; fi
if [ "${PSI_IMAGE_CHECK_ONLY:-0}" = 1 ]; then
  log "PSI_IMAGE_CHECK_ONLY=1: checking the image built before"
else
log "resolving the dependencies of $module into $cache"
MAVEN_ARGS="" ./mvnw -B -q -Dmaven.repo.local="$cache" -pl "$module" -am package -DskipTests >"$state/image-resolve-$function.log" 2>&1 \
  || { tail -30 "$state/image-resolve-$function.log"; exit 1; }

log "building $tag (FUNCTION=$function)"
b bud "${pull[@]}" --format docker --layers --isolation chroot --network host \
  --build-arg FUNCTION="$function" --build-arg MAVEN_OPTS_EXTRA="-o -Dmaven.repo.local=/m2-offline" --build-arg TRAINING_PORT=$((port + 1)) \
  -v "$cache:/m2-offline" -v "$wrapper:/root/.m2/wrapper:ro" \
  -t "$tag" -f Dockerfile . >"$state/image-build-$function.log" 2>&1 \
  || { tail -40 "$state/image-build-$function.log"; exit 1; }
fi

# The checks run against the image's own files: mount it and read its configuration.
ctr=$(b from "${pull[@]}" "$tag")
trap 'b umount "$ctr" >/dev/null 2>&1; b rm "$ctr" >/dev/null 2>&1 || true' EXIT
mnt=$(b mount "$ctr")
config="$state/image-$function.json"
b inspect --type image "$tag" >"$config"
image() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); exec(sys.argv[2])' "$config" "$1"; }
user=$(image 'print(d["OCIv1"]["config"].get("User", ""))')
mapfile -t argv < <(image '[print(a) for a in d["OCIv1"]["config"].get("Entrypoint") or []]')
mapfile -t imgenv < <(image '[print(a) for a in d["OCIv1"]["config"].get("Env") or []]')
healthcheck=$(image 'print(json.dumps(d["Docker"]["config"].get("Healthcheck")))')
log "user=$user entrypoint=${argv[*]}"

fail() { echo "IMAGE CHECK FAILED: $*" >&2; exit 1; }
case "$user" in ''|root|0|0:*|root:*) fail "the image runs as root (User='$user')";; esac
uid=${user%%:*}
if ! [[ "$uid" =~ ^[0-9]+$ ]]; then uid=$(awk -F: -v u="$uid" '$1==u {print $3}' "$mnt/etc/passwd"); fi
[ -n "$uid" ] && [ "$uid" != 0 ] || fail "user $user has uid 0 or is unknown in /etc/passwd"
# (buildah leaves the build's bind-mount points as empty directories in every stage: only content counts)
[ ! -e "$mnt/src/mvnw" ] && [ -z "$(find "$mnt/root/.m2" "$mnt/m2-offline" -type f 2>/dev/null | head -1)" ] \
  || fail "the runtime stage holds the build's sources or Maven files"
[ "$healthcheck" != null ] || fail "no HEALTHCHECK"
[ -f "$mnt/app/app.aot" ] || fail "no AOT cache at /app/app.aot"

# Run the entrypoint inside the unpacked root file system as the image's user, with the image's environment,
# against the local database, and wait for /health/readiness. -XX:AOTMode=on makes the JVM refuse to start
# unless it can use the AOT cache (a cache of another JVM, class path or option set is refused).
jdk_opts=""
for e in "${imgenv[@]}"; do case "$e" in JDK_JAVA_OPTIONS=*) jdk_opts=${e#JDK_JAVA_OPTIONS=};; esac; done
db=${DATABASE_NAME:-psi_image_check}
mariadb -h "${DATABASE_HOST:-127.0.0.1}" -P "${DATABASE_PORT:-3306}" -u "${DATABASE_USER:-root}" \
  -e "CREATE DATABASE IF NOT EXISTS $db" 2>/dev/null || true
rm -f "$mnt/tmp/aot.log"
# What a container runtime gives a process: /proc (the dynamic loader finds the JVM's libraries through
# /proc/self/exe) and /dev.
mkdir -p "$mnt/proc" "$mnt/dev"
mount -t proc proc "$mnt/proc"
mount --rbind /dev "$mnt/dev"
trap 'umount -l "$mnt/dev" "$mnt/proc" 2>/dev/null; b umount "$ctr" >/dev/null 2>&1; b rm "$ctr" >/dev/null 2>&1 || true' EXIT
log "starting ${argv[*]} in the image root as uid $uid on port $port"
env -i "${imgenv[@]}" PORT="$port" DATABASE_HOST="${DATABASE_HOST:-127.0.0.1}" \
  DATABASE_PORT="${DATABASE_PORT:-3306}" DATABASE_NAME="$db" DATABASE_USER="${DATABASE_USER:-root}" \
  DATABASE_PASSWORD="${DATABASE_PASSWORD:-}" \
  JDK_JAVA_OPTIONS="$jdk_opts -XX:AOTMode=on -Xlog:aot=info:file=/tmp/aot.log" \
  chroot --userspec="$uid:$uid" "$mnt" "${argv[@]}" >"$state/image-run-$function.log" 2>&1 &
pid=$!
ready=""
started=$(date +%s.%N)
for _ in $(seq 1 600); do
  if code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/readiness") && [ "$code" = 200 ]; then
    ready=yes; break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
elapsed=$(python3 -c "import time,sys; print(round(time.time()-float(sys.argv[1]),2))" "$started")
body=$(curl -s "http://127.0.0.1:$port/health/readiness" || true)
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
[ -n "$ready" ] || { tail -30 "$state/image-run-$function.log"; fail "/health/readiness did not answer 200 (last: $body)"; }
log "/health/readiness after ${elapsed}s: $body"
# The JVM logs whether it mapped the cache; a cache made by another JVM (or for another class path or
# options) is refused with a reason, and with AOTMode=on the JVM would not have started at all.
if grep -qE '\[error|Unable to map|mismatch' "$mnt/tmp/aot.log"; then
  cat "$mnt/tmp/aot.log" >&2; fail "the JVM in the image refused the AOT cache in the image"
fi
grep -q 'Opened AOT cache' "$mnt/tmp/aot.log" || fail "the JVM did not open the AOT cache"
log "the AOT cache matches the JVM in the image ($(grep -c 'Mapped static' "$mnt/tmp/aot.log") regions mapped)"
log "healthcheck=$healthcheck"
log "OK: $tag"
