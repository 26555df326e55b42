#!/usr/bin/env bash
# Runs one benchmark from bench/ (built by `./ejustice bench`, which calls this after the set-up):
#   scripts/bench.sh <name> [args...]   runs dist/bench/<name>/run.js
# Benchmarks print figures; they are never part of the tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
name="${1:-}"
if [ -z "$name" ]; then
  echo "Usage: ./ejustice bench <name>   (one of: $(cd bench && ls -d */run.ts | cut -d/ -f1 | tr '\n' ' '))" >&2
  exit 2
fi
shift
runner="dist/bench/$name/run.js"
if [ ! -f "$runner" ]; then
  echo "No benchmark '$name': $runner does not exist (is there a bench/$name/run.ts?)." >&2
  exit 2
fi
exec node "$runner" "$@"
