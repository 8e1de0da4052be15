#!/usr/bin/env bash
# Formats every C++ file git tracks with the root .clang-format; with --check, changes nothing
# and fails when a file is not formatted (CTest runs it as format_check).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find . -name '*.cpp' -o -name '*.h' | grep -v '^./build')
if [[ "${1:-}" == "--check" ]]; then
  clang-format --dry-run --Werror "${files[@]}"
  echo "format_check: ${#files[@]} files formatted as .clang-format says"
else
  clang-format -i "${files[@]}"
fi
