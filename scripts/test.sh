#!/usr/bin/env bash
# The test pipeline behind `./ejustice test` (which has already done the set-up: Node 24, npm
# dependencies, the mediasoup worker in MEDIASOUP_WORKER_BIN, and the build). Stops at the first
# failing stage; ends with one line "N passed, N failed" over every test that ran.
#
#   scripts/test.sh [stage ...]   stages: lint typecheck unit worker-cpp integration e2e browser
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Jest needs this to require() the ESM-only NestJS 12 packages through its module registry.
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning ${NODE_OPTIONS:-}"
results="var/test-results"
rm -rf "$results"
mkdir -p "$results"

stages=("$@")
[ "${#stages[@]}" -eq 0 ] && stages=(lint typecheck unit worker-cpp integration e2e browser)

log() { printf '\n\033[1m[test] %s\033[0m\n' "$*" >&2; }

jest_stage() {
  local name="$1"
  shift
  npx jest --ci --selectProjects "$name" --json --outputFile="$results/$name.json" "$@"
}

# Called as `if ! run_stage ...`, where bash ignores `set -e`: so every branch chains its commands
# with && and the stage's status is taken from the case itself, never from the log line after it.
run_stage() {
  local stage="$1" started=$SECONDS rc=0
  log "$stage"
  case "$stage" in
    lint) npx eslint --max-warnings 0 . && npx prettier --check --log-level warn . ;;
    typecheck) npx tsc --noEmit -p tsconfig.json && npx tsc --noEmit -p apps/web/tsconfig.json ;;
    unit)
      # All three runs, even if one fails, so the summary counts every unit test. The media
      # policy's properties also run over 100,000 random hearings (the jest specs take 200 each).
      local web=0 policy=0
      jest_stage unit || rc=$?
      npx jest --ci --config apps/web/jest.config.js --json --outputFile="$results/web-unit.json" || web=$?
      node dist/scripts/policy-check.js --cases 100000 | tee "$results/policy-check.txt" || policy=$?
      [ "$rc" -eq 0 ] && [ "$web" -eq 0 ] && [ "$policy" -eq 0 ]
      ;;
    worker-cpp) tools/mediasoup-worker/test-cpp.sh | tee "$results/worker-cpp.txt" ;;
    integration) jest_stage integration --maxWorkers=2 ;;
    e2e) jest_stage e2e --maxWorkers=2 ;;
    browser) jest_stage browser --runInBand ;;
    *) echo "Unknown stage '$stage'" >&2; false ;;
  esac || rc=$?
  [ "$rc" -eq 0 ] || return "$rc"
  log "$stage passed in $((SECONDS - started)) s"
}

summary() {
  node -e '
    const fs = require("fs");
    const dir = process.argv[1];
    let passed = 0, failed = 0;
    for (const f of fs.readdirSync(dir)) {
      const p = `${dir}/${f}`;
      if (f.endsWith(".json")) {
        const r = JSON.parse(fs.readFileSync(p, "utf8"));
        passed += r.numPassedTests; failed += r.numFailedTests;
      } else if (f === "policy-check.txt") {
        // One check: the policy held over every generated hearing, or it did not.
        const m = /media policy: (\d+) cases checked, (\d+) failures/.exec(fs.readFileSync(p, "utf8"));
        if (m && Number(m[2]) === 0) passed += 1; else failed += 1;
      } else if (f === "worker-cpp.txt") {
        const m = /mediasoup-worker C\+\+ tests: (\d+) passed, (\d+) failed/.exec(fs.readFileSync(p, "utf8"));
        if (m) { passed += Number(m[1]); failed += Number(m[2]); }
      }
    }
    console.log(`${passed} passed, ${failed} failed`);
  ' "$results"
}

status=0
for stage in "${stages[@]}"; do
  if ! run_stage "$stage"; then
    log "$stage FAILED"
    status=1
    break
  fi
done
summary
exit "$status"
