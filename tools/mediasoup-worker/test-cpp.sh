#!/usr/bin/env bash
# Builds and runs mediasoup's own C++ unit tests (the `mediasoup-worker-test`
# target shipped in node_modules/mediasoup/worker) against the same patched
# sources and Debian libraries as the worker ensure-worker.sh builds.
#
# The test build lives in the same cache key directory as the worker
# (<key>/build-test), separately from <key>/build: it compiles everything again
# with -DMS_TEST, and keeping it apart lets the worker alone stay quick.
# Catch2 3 is downloaded (pinned in build.conf) only when this script runs.
#
# Extra arguments are passed to the test binary (Catch2 test specs, e.g.
# "[rtp]" or a test case name).
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# Test cases that cannot pass for reasons outside our control, excluded by
# exact name. Every entry says why; anything not listed here must pass.
EXCLUDED_TEST_CASES=()

msw_require_patched_version
msw_check_build_tools
msw_compute_key
keydir="$MSW_KEYDIR"

mkdir -p "$keydir"
printf '%s\n' "$MSW_KEY_INPUTS" >"$keydir/key-inputs.txt"
msw_prepare_sources "$keydir"

# The worker build (ensure-worker.sh) locks build.lock; this one locks its own.
msw_lock 9 "$keydir/build-test.lock"

# Catch2 3 as the `catch2` subproject: upstream's own meson.build, used as is.
if [ ! -f "$keydir/src/subprojects/catch2/meson.build" ]; then
  tarball="$(msw_download "$CATCH2_ORIG_PATH" "$CATCH2_ORIG_SHA256")"
  rm -rf "$keydir/catch2.tmp"
  mkdir -p "$keydir/catch2.tmp"
  tar -xzf "$tarball" -C "$keydir/catch2.tmp"
  mv "$keydir/catch2.tmp/$CATCH2_ORIG_TOPDIR" "$keydir/src/subprojects/catch2"
  rm -rf "$keydir/catch2.tmp"
fi

start="$(date +%s)"
if [ ! -f "$keydir/build-test/build.ninja" ]; then
  rm -rf "$keydir/build-test"
  msw_log "meson setup $keydir/build-test (tests)"
  # catch2:tests=false: Catch2's own self-tests are not ours to build.
  meson setup "${MS_MESON_SETUP_ARGS[@]}" -Dms_build_tests=true -Dcatch2:tests=false \
    "$keydir/build-test" "$keydir/src" >&2 ||
    msw_die "meson setup failed for $keydir/build-test (output above)."
fi
msw_log "compiling mediasoup-worker-test (a long build the first time; progress below)"
ninja -C "$keydir/build-test" mediasoup-worker-test >&2 ||
  msw_die "compiling mediasoup-worker-test failed (output above); the next run resumes the build in $keydir/build-test."
msw_log "test build up to date after $(($(date +%s) - start))s"

# Release the lock: running the tests does not touch the cache.
exec 9>&-

# Catch2 test spec: "~name" excludes a test case; specs in separate arguments
# are AND-ed together. Names are quoted so that commas and brackets in them are
# taken literally.
spec=()
for name in "${EXCLUDED_TEST_CASES[@]}"; do
  spec+=("~\"$name\"")
done

output="$keydir/test-output.txt"
status=0
# Upstream runs the tests from the worker source root (meson.build: workdir).
(cd "$keydir/src" && "$keydir/build-test/mediasoup-worker-test" --colour-mode none "${spec[@]}" "$@") 2>&1 |
  tee "$output" >&2 || status=$?

# One summary line; scripts/test.sh parses "N passed, M failed" from it.
# Catch2's console reporter ends with either
#   "All tests passed (A assertions in N test cases)" or
#   "test cases: N | P passed | F failed" (plus "| S skipped" when any).
totals="$(grep -E '^(All tests passed|test cases:)' "$output" | tail -n1 || true)"
if [[ "$totals" =~ ^All\ tests\ passed\ \(([0-9]+)\ assertions?\ in\ ([0-9]+)\ test\ cases? ]]; then
  passed="${BASH_REMATCH[2]}" failed=0
elif [[ "$totals" =~ ^test\ cases:\ +([0-9]+)\ \|\ +([0-9]+)\ passed\ \|\ +([0-9]+)\ failed ]]; then
  passed="${BASH_REMATCH[2]}" failed="${BASH_REMATCH[3]}"
else
  passed=0 failed=1
  totals="no Catch2 totals line in the output"
fi

echo "mediasoup-worker C++ tests: $passed passed, $failed failed, ${#EXCLUDED_TEST_CASES[@]} excluded by name ($totals)"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  msw_die "mediasoup-worker-test failed (exit status $status); see the Catch2 output above and in $output."
fi
