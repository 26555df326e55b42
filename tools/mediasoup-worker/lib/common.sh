# shellcheck shell=bash
# Shared by ensure-worker.sh and test-cpp.sh: cache key, downloads pinned by
# sha256, preparation of the patched source tree, locking. Sourced, not run.
# Everything here logs to stderr: stdout of ensure-worker.sh is reserved for
# the worker path.

MSW_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MSW_REPO_ROOT="$(cd "$MSW_DIR/../.." && pwd)"

# shellcheck source=../build.conf
source "$MSW_DIR/build.conf"

MSW_CACHE_ROOT="${EJ_CACHE_DIR:-$HOME/.cache/ejustice}/mediasoup-worker"
MSW_DOWNLOADS="$MSW_CACHE_ROOT/downloads"
MSW_PACKAGE_DIR="${EJ_MEDIASOUP_PACKAGE_DIR:-$MSW_REPO_ROOT/node_modules/mediasoup}"
MSW_DEBIAN_MIRROR="${EJ_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# How long to wait for another process building the same key before giving up.
MSW_LOCK_TIMEOUT_S="${EJ_MEDIASOUP_LOCK_TIMEOUT_S:-7200}"

msw_log() { printf 'mediasoup-worker: %s\n' "$*" >&2; }
msw_die() {
  printf 'mediasoup-worker: ERROR: %s\n' "$*" >&2
  exit 1
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# The version of the installed mediasoup npm package (empty if not installed).
msw_installed_version() {
  local pkg="$MSW_PACKAGE_DIR/package.json"
  [ -f "$pkg" ] || return 0
  # The first "version" key of package.json is the package's own.
  { grep -o '"version"[[:space:]]*:[[:space:]]*"[^"]*"' "$pkg" || true; } | head -n1 | sed 's/.*"\([^"]*\)"$/\1/'
}

msw_require_patched_version() {
  local installed
  installed="$(msw_installed_version)"
  [ -n "$installed" ] || msw_die "mediasoup is not installed at $MSW_PACKAGE_DIR; run npm ci first."
  if [ "$installed" != "$MS_PATCHED_VERSION" ]; then
    msw_die "node_modules/mediasoup is version $installed but the patches in tools/mediasoup-worker/patches were written for $MS_PATCHED_VERSION; pin mediasoup $MS_PATCHED_VERSION in package.json, or port the patches and shims to $installed and update MS_PATCHED_VERSION in tools/mediasoup-worker/build.conf (see tools/mediasoup-worker/README.md)."
  fi
}

msw_os_id() {
  # shellcheck disable=SC1091
  (. /etc/os-release 2>/dev/null && echo "${ID:-unknown}${VERSION_ID:-${VERSION_CODENAME:-unknown}}") || echo unknown
}

# Sets MSW_KEY (readable prefix + hash of every build input: mediasoup version,
# build.conf, patches, shims, platform, compiler) and MSW_KEYDIR.
msw_compute_key() {
  local cxx="${CXX:-c++}" hash
  command -v "$cxx" >/dev/null 2>&1 ||
    msw_die "no C++ compiler ($cxx) found; install the packages listed in tools/mediasoup-worker/debian-build-packages.txt."
  MSW_KEY_INPUTS="$(
    echo "mediasoup $MS_PATCHED_VERSION"
    echo "arch $(uname -m)"
    echo "os $(msw_os_id)"
    echo "compiler $("$cxx" --version | head -n1)"
    cd "$MSW_DIR"
    # Only the files that shape the build; the scripts' own text does not.
    find build.conf patches shims -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  )"
  hash="$(printf '%s\n' "$MSW_KEY_INPUTS" | sha256sum | cut -c1-16)"
  MSW_KEY="$MS_PATCHED_VERSION-$(uname -m)-$(msw_os_id)-$hash"
  MSW_KEYDIR="$MSW_CACHE_ROOT/$MSW_KEY"
}

# msw_lock <fd> <lockfile>: takes an exclusive lock on <lockfile> through file
# descriptor <fd> (8 or 9), so concurrent callers wait instead of doing the
# same work twice. Released by `exec <fd>>&-` or when the script exits.
msw_lock() {
  local fd="$1" lockfile="$2"
  mkdir -p "$(dirname "$lockfile")"
  case "$fd" in
    8) exec 8>"$lockfile" ;;
    9) exec 9>"$lockfile" ;;
    *) msw_die "msw_lock: unsupported file descriptor $fd" ;;
  esac
  if ! flock -n "$fd"; then
    msw_log "another process holds $lockfile (doing the same work); waiting up to ${MSW_LOCK_TIMEOUT_S}s"
    flock -w "$MSW_LOCK_TIMEOUT_S" "$fd" || msw_die "gave up waiting for the lock $lockfile after ${MSW_LOCK_TIMEOUT_S}s."
  fi
}

# msw_download <path relative to the Debian mirror> <sha256>: prints the local
# path of the verified file, downloading it once into the downloads cache.
msw_download() {
  local rel="$1" want="$2" file url got
  file="$MSW_DOWNLOADS/$(basename "$rel")"
  url="$MSW_DEBIAN_MIRROR/$rel"
  mkdir -p "$MSW_DOWNLOADS"
  if [ -f "$file" ] && [ "$(sha256_of "$file")" = "$want" ]; then
    printf '%s\n' "$file"
    return 0
  fi
  msw_log "downloading $url"
  curl -fsSL --connect-timeout 20 --max-time 600 --retry 2 -o "$file.part.$$" "$url" ||
    msw_die "could not download $url; if it has left Debian's pool, set EJ_DEBIAN_MIRROR to a mirror or snapshot.debian.org URL that still has it, or put the file (sha256 $want) at $file yourself."
  got="$(sha256_of "$file.part.$$")"
  if [ "$got" != "$want" ]; then
    rm -f "$file.part.$$"
    msw_die "$url has sha256 $got but build.conf pins $want; refusing to use it."
  fi
  mv -f "$file.part.$$" "$file"
  printf '%s\n' "$file"
}

msw_check_build_tools() {
  local missing=() tool
  for tool in meson ninja pkg-config flatc curl dpkg-deb patch flock "${CXX:-c++}"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  local mod
  for mod in openssl libsrtp2 libuv absl_strings absl_optional flatbuffers; do
    pkg-config --exists "$mod" 2>/dev/null || missing+=("pkg-config:$mod")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    msw_die "cannot build the worker, missing: ${missing[*]}. Install the packages in tools/mediasoup-worker/debian-build-packages.txt (apt-get install \$(cat tools/mediasoup-worker/debian-build-packages.txt))."
  fi
}

# A worker binary is usable when it starts and exits with status 41, its
# "MEDIASOUP_VERSION env is missing" code (the check mediasoup's own installer
# applies to prebuilt binaries): that proves the dynamic loader found every
# library and the binary runs on this CPU/libc.
msw_worker_runs() {
  local bin="$1" status=0
  [ -x "$bin" ] || return 1
  env -i "$bin" >/dev/null 2>&1 || status=$?
  [ "$status" -eq 41 ]
}

msw_explain_broken_worker() {
  local bin="$1" missing
  missing="$(ldd "$bin" 2>/dev/null | grep 'not found' | awk '{print $1}' | tr '\n' ' ' || true)"
  if [ -n "$missing" ]; then
    msw_die "$bin cannot start, missing shared libraries: $missing; install the packages in tools/mediasoup-worker/debian-runtime-packages.txt."
  fi
  msw_die "$bin does not run on this machine (expected exit status 41 when started without MEDIASOUP_VERSION)."
}

# Prepares "$1/src": a copy of the package's worker sources with the upstream
# wraps replaced by our shims, our patches applied and the unordered_dense
# header in place. Built in a temporary directory and renamed at the end, so an
# interrupted run never leaves a half-patched tree behind. Uses lock fd 8; the
# worker and test builds then lock their own build directories (fd 9), so a
# long test build never blocks the worker build.
msw_prepare_sources() {
  local keydir="$1" tmp patch deb
  if [ -f "$keydir/src/.ej-prepared" ]; then
    return 0
  fi
  msw_lock 8 "$keydir.src.lock"
  if [ -f "$keydir/src/.ej-prepared" ]; then
    exec 8>&-
    return 0
  fi
  msw_require_patched_version
  [ -d "$MSW_PACKAGE_DIR/worker/src" ] || msw_die "$MSW_PACKAGE_DIR/worker has no sources; the npm package looks incomplete, reinstall it."

  deb="$(msw_download "$UNORDERED_DENSE_DEB_PATH" "$UNORDERED_DENSE_DEB_SHA256")"

  tmp="$keydir/src.tmp"
  rm -rf "$tmp" "$keydir/src"
  mkdir -p "$keydir"
  msw_log "copying $MSW_PACKAGE_DIR/worker to $keydir/src"
  cp -a "$MSW_PACKAGE_DIR/worker" "$tmp"
  # Leftovers of a build mediasoup's own installer might have made elsewhere.
  rm -rf "$tmp/out" "$tmp/prebuild" "$tmp/pip_invoke"

  # Every upstream wrap downloads from the internet: replace them all.
  rm -rf "$tmp/subprojects/"*.wrap "$tmp/subprojects/packagefiles"
  cp -a "$MSW_DIR/shims/subprojects/." "$tmp/subprojects/"

  mkdir -p "$tmp/subprojects/unordered-dense/include/ankerl"
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "$UNORDERED_DENSE_DEB_MEMBER" \
    >"$tmp/subprojects/unordered-dense/include/ankerl/unordered_dense.h"
  [ "$(sha256_of "$tmp/subprojects/unordered-dense/include/ankerl/unordered_dense.h")" = "$UNORDERED_DENSE_HEADER_SHA256" ] ||
    msw_die "unordered_dense.h extracted from $deb does not have the sha256 pinned in build.conf."

  for patch in "$MSW_DIR"/patches/*.patch; do
    msw_log "applying patches/$(basename "$patch")"
    patch -d "$tmp" -p1 --forward --batch --quiet <"$patch" >&2 ||
      msw_die "patches/$(basename "$patch") does not apply to mediasoup $(msw_installed_version)'s worker sources."
  done

  touch "$tmp/.ej-prepared"
  mv "$tmp" "$keydir/src"
  exec 8>&-
}
