#!/usr/bin/env bash
# Makes sure this machine has what the platform needs from Debian, and that PostgreSQL and Redis
# are running. On a machine of our kind (Debian 12, root, apt reaching Debian's mirror) it
# installs what is missing; elsewhere it says exactly what to install and stops.
#
#   scripts/system-deps.sh [--services]     --services also starts local PostgreSQL/Redis if stopped
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Debian packages, each with a file or command that proves it is installed.
# The mediasoup worker's build and runtime lists are owned by tools/mediasoup-worker.
declare -A probe=(
  [chromium]=/usr/bin/chromium
  [ffmpeg]=/usr/bin/ffmpeg
  # DejaVu carries Arabic glyphs, so the right-to-left UI renders in headless Chromium.
  [fonts-dejavu-core]=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  # pdfsig (and pdftotext) judge certified copies independently of our code; certutil gives
  # pdfsig an NSS store with the court CA in it.
  [poppler-utils]=/usr/bin/pdfsig
  [libnss3-tools]=/usr/bin/certutil
  # The seal's tests check the CMS and run a time-stamping authority with the openssl command.
  [openssl]=/usr/bin/openssl
  # Noto Naskh Arabic and Noto Sans: the faces certified copies are written with, Arabic shaped
  # (libs/platform/src/pdf/pdf-fonts.ts). Tests also read the copies back with pdftotext/pdftoppm.
  [fonts-noto-core]=/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf
  # kubectl renders deploy/kubernetes offline (`kubectl kustomize`) for the manifests' tests. Any
  # kubectl already on the machine will do (the kustomizations are written for kustomize v2 on).
  [kubernetes-client]=/usr/bin/kubectl
)
wanted=(chromium ffmpeg fonts-dejavu-core poppler-utils libnss3-tools openssl fonts-noto-core kubernetes-client)
for list in tools/mediasoup-worker/debian-build-packages.txt tools/mediasoup-worker/debian-runtime-packages.txt; do
  [ -f "$list" ] && while read -r pkg _; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    wanted+=("$pkg")
  done < "$list"
done

missing=()
for pkg in "${wanted[@]}"; do
  if [ -n "${probe[$pkg]:-}" ]; then
    [ -e "${probe[$pkg]}" ] || missing+=("$pkg")
  elif ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "system-deps: installing from Debian: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "system-deps: these Debian packages are missing: ${missing[*]}" >&2
    echo "system-deps: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if [ "${1:-}" = "--services" ]; then
  # Only the local default services: a DATABASE_URL or REDIS_URL of your own is yours to run.
  if [ -z "${DATABASE_URL:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      echo "system-deps: starting PostgreSQL" >&2
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start >&2
    else
      echo "system-deps: PostgreSQL is not reachable on 127.0.0.1:5432 and is not installed here; set DATABASE_URL to yours." >&2
    fi
  fi
  if [ -z "${REDIS_URL:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
    if command -v redis-server >/dev/null; then
      echo "system-deps: starting Redis" >&2
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >&2
    else
      echo "system-deps: Redis is not reachable on 127.0.0.1:6379 and is not installed here; set REDIS_URL to yours." >&2
    fi
  fi
  for _ in $(seq 1 30); do
    { [ -n "${DATABASE_URL:-}" ] || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; } &&
      { [ -n "${REDIS_URL:-}" ] || (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; } && break
    sleep 1
  done
fi
