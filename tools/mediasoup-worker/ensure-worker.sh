#!/usr/bin/env bash
# Makes sure a mediasoup-worker binary for the installed mediasoup exists and
# prints its absolute path as the LAST line of stdout (everything else goes to
# stderr), so callers can do:
#
#   export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh)"
#
# Routes, in order (see README.md):
#   a) MEDIASOUP_WORKER_BIN already set: use it, build nothing.
#   b) a worker cached by an earlier run (prebuilt or built from source).
#   c) mediasoup's official prebuilt worker, downloaded with a short timeout.
#   d) build from the sources inside node_modules/mediasoup/worker against
#      Debian's libraries (shims + patches in this directory), cached under
#      ${EJ_CACHE_DIR:-$HOME/.cache/ejustice}/mediasoup-worker/<key>/.
# EJ_MEDIASOUP_BUILD=source skips the prebuilt download (c);
# EJ_MEDIASOUP_BUILD=prebuilt allows only (c) (and its cache).
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

MODE="${EJ_MEDIASOUP_BUILD:-auto}"
case "$MODE" in
  auto | source | prebuilt) ;;
  *) msw_die "EJ_MEDIASOUP_BUILD must be auto, source or prebuilt, not '$MODE'." ;;
esac
PREBUILT_TIMEOUT_S="${EJ_MEDIASOUP_PREBUILT_TIMEOUT_S:-5}"

emit() {
  # The contract: the path alone, on the last line of stdout.
  printf '%s\n' "$1"
  exit 0
}

# --- a) the caller's own worker ----------------------------------------------
if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
  [ -x "$MEDIASOUP_WORKER_BIN" ] ||
    msw_die "MEDIASOUP_WORKER_BIN is set to '$MEDIASOUP_WORKER_BIN', which is not an executable file; unset it to let this script provide a worker."
  msw_log "using MEDIASOUP_WORKER_BIN from the environment"
  emit "$(cd "$(dirname "$MEDIASOUP_WORKER_BIN")" && pwd)/$(basename "$MEDIASOUP_WORKER_BIN")"
fi

# --- prebuilt (mediasoup's GitHub releases) ----------------------------------
# Same name scheme as getWorkerPrebuildTarName() in mediasoup's npm-scripts.mjs:
# mediasoup-worker-<version>-<os.platform()>-<os.arch()>[-kernel<major>].tgz
prebuilt_tar_name() {
  local version="$1" platform arch
  platform="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch="$(uname -m)" ;;
  esac
  if [ "$platform" = linux ]; then
    printf 'mediasoup-worker-%s-%s-%s-kernel%s.tgz\n' "$version" "$platform" "$arch" "$(uname -r | cut -d. -f1)"
  else
    printf 'mediasoup-worker-%s-%s-%s.tgz\n' "$version" "$platform" "$arch"
  fi
}

prebuilt_dir() {
  local tar
  tar="$(prebuilt_tar_name "$1")"
  printf '%s/prebuilt/%s\n' "$MSW_CACHE_ROOT" "${tar%.tgz}"
}

try_prebuilt_download() {
  local version="$1" dir tar base url tmp
  dir="$(prebuilt_dir "$version")"
  tar="$(prebuilt_tar_name "$version")"
  # Same override mediasoup's installer honours, for mirrors of the releases.
  base="${MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL:-https://github.com/versatica/mediasoup/releases/download}"
  url="$base/$version/$tar"

  msw_lock 9 "$dir.lock"
  if msw_worker_runs "$dir/mediasoup-worker"; then
    return 0
  fi
  msw_log "trying the prebuilt worker $url (timeout ${PREBUILT_TIMEOUT_S}s)"
  tmp="$(mktemp -d "$MSW_CACHE_ROOT/prebuilt-download.XXXXXX")"
  # --connect-timeout fails fast without internet; --max-time bounds a slow one.
  if ! curl -fsSL --connect-timeout "$PREBUILT_TIMEOUT_S" --max-time 120 -o "$tmp/$tar" "$url" 2>"$tmp/curl.err"; then
    msw_log "no prebuilt worker: $(tail -n1 "$tmp/curl.err")"
    rm -rf "$tmp"
    return 1
  fi
  if ! tar -xzf "$tmp/$tar" -C "$tmp" mediasoup-worker 2>/dev/null || ! msw_worker_runs "$tmp/mediasoup-worker"; then
    msw_log "the prebuilt worker from $url does not run on this machine; ignoring it"
    rm -rf "$tmp"
    return 1
  fi
  mkdir -p "$dir"
  mv -f "$tmp/mediasoup-worker" "$dir/mediasoup-worker"
  rm -rf "$tmp"
  msw_log "cached the prebuilt worker in $dir"
}

# --- d) build from source ----------------------------------------------------
build_from_source() {
  local keydir="$1" bin="$1/bin/mediasoup-worker" start
  msw_check_build_tools
  msw_lock 9 "$keydir/build.lock"
  # Someone else may have finished the build while we waited for the lock.
  if msw_worker_runs "$bin"; then
    return 0
  fi
  start="$(date +%s)"
  mkdir -p "$keydir"
  printf '%s\n' "$MSW_KEY_INPUTS" >"$keydir/key-inputs.txt"
  msw_prepare_sources "$keydir"

  if [ ! -f "$keydir/build/build.ninja" ]; then
    rm -rf "$keydir/build"
    msw_log "meson setup $keydir/build"
    meson setup "${MS_MESON_SETUP_ARGS[@]}" "$keydir/build" "$keydir/src" >&2 ||
      msw_die "meson setup failed for $keydir/build (output above)."
  fi
  msw_log "compiling the worker (8 to 16 minutes on 2 cores the first time; progress below)"
  ninja -C "$keydir/build" mediasoup-worker >&2 ||
    msw_die "compiling mediasoup-worker failed (output above); the next run resumes the build in $keydir/build."

  mkdir -p "$keydir/bin"
  cp -f "$keydir/build/mediasoup-worker" "$bin.tmp"
  msw_worker_runs "$bin.tmp" || msw_explain_broken_worker "$bin.tmp"
  mv -f "$bin.tmp" "$bin"
  msw_log "built $bin in $(($(date +%s) - start))s"
}

installed="$(msw_installed_version)"
[ -n "$installed" ] || msw_die "mediasoup is not installed at $MSW_PACKAGE_DIR; run npm ci first."

# --- b) caches ---------------------------------------------------------------
if [ "$MODE" != source ] && msw_worker_runs "$(prebuilt_dir "$installed")/mediasoup-worker"; then
  msw_log "using the cached prebuilt worker"
  emit "$(prebuilt_dir "$installed")/mediasoup-worker"
fi
if [ "$MODE" != prebuilt ] && [ "$installed" = "$MS_PATCHED_VERSION" ]; then
  msw_compute_key
  if [ -e "$MSW_KEYDIR/bin/mediasoup-worker" ]; then
    msw_worker_runs "$MSW_KEYDIR/bin/mediasoup-worker" || msw_explain_broken_worker "$MSW_KEYDIR/bin/mediasoup-worker"
    msw_log "using the worker built from source (cache key $MSW_KEY)"
    emit "$MSW_KEYDIR/bin/mediasoup-worker"
  fi
fi

# --- c) prebuilt download ----------------------------------------------------
if [ "$MODE" != source ]; then
  if try_prebuilt_download "$installed"; then
    emit "$(prebuilt_dir "$installed")/mediasoup-worker"
  fi
  [ "$MODE" = prebuilt ] && msw_die "EJ_MEDIASOUP_BUILD=prebuilt but no prebuilt worker for mediasoup $installed could be downloaded and run here."
  msw_log "building the worker from source instead"
fi

# Fails with a clear sentence when the patches do not match the installed version.
msw_require_patched_version
msw_compute_key
build_from_source "$MSW_KEYDIR"
emit "$MSW_KEYDIR/bin/mediasoup-worker"
