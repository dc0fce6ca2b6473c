#!/usr/bin/env bash
# Builds llama.cpp's `llama-server` from the llama.cpp source node-llama-cpp ships (a git bundle in
# node_modules/node-llama-cpp/llama/gitRelease.bundle), for the model-server tests. The binary is cached outside the
# clone, keyed by the llama.cpp commit, so it is built once per machine and release:
#
#   ${XDG_CACHE_HOME:-~/.cache}/med42-assist/llama-server/<commit>/bin/llama-server
#
# Prints the binary's path. Needs git, cmake and a C++ compiler (apt-get install git cmake g++); about 10-20 minutes
# on 2 cores. The tests find the binary there (or at MED42_LLAMA_SERVER_BIN).
#
#   bash scripts/build-llama-server.sh [--jobs N] [--configure-only]
set -euo pipefail
cd "$(dirname "$0")/.."

JOBS="$(nproc 2>/dev/null || echo 2)"
CONFIGURE_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --jobs) JOBS="$2"; shift 2 ;;
        --configure-only) CONFIGURE_ONLY=1; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-llama-server: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

BUNDLE="node_modules/node-llama-cpp/llama/gitRelease.bundle"
if [ ! -f "$BUNDLE" ]; then
    echo "build-llama-server: $BUNDLE is missing; run npm ci first." >&2
    exit 1
fi
for tool in git cmake c++; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "build-llama-server: $tool is not installed (Debian/Ubuntu: apt-get install git cmake g++)." >&2
        exit 1
    fi
done

COMMIT="$(git bundle list-heads "$BUNDLE" | awk '$2 == "HEAD" { print $1; exit }')"
if [ -z "$COMMIT" ]; then
    echo "build-llama-server: cannot read the llama.cpp commit from $BUNDLE." >&2
    exit 1
fi
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/med42-assist/llama-server/$COMMIT"
BIN="$CACHE/bin/llama-server"

if [ "$CONFIGURE_ONLY" = 0 ] && [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; then
    echo "$BIN"
    exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/med42-llama-server.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
echo "build-llama-server: building llama-server ${COMMIT:0:12} (once; takes a while) in $WORK" >&2
git -c advice.detachedHead=false clone -q "$BUNDLE" "$WORK/src"
git -C "$WORK/src" -c advice.detachedHead=false checkout -q "$COMMIT"
# Static (one self-contained binary to cache), no network features, no tests or examples; built for this CPU.
cmake -S "$WORK/src" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DGGML_CCACHE=OFF >"$WORK/cmake.log" 2>&1 \
    || { tail -30 "$WORK/cmake.log" >&2; exit 1; }
if [ "$CONFIGURE_ONLY" = 1 ]; then
    echo "build-llama-server: configured ${COMMIT:0:12} (not built: --configure-only)" >&2
    exit 0
fi
cmake --build "$WORK/build" -j "$JOBS" --target llama-server >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log" >&2; exit 1; }

# Install atomically: a half-copied binary must never look finished.
mkdir -p "$(dirname "$CACHE")"
STAGE="$CACHE.partial.$$"
rm -rf "$STAGE"
mkdir -p "$STAGE/bin"
cp "$WORK/build/bin/llama-server" "$STAGE/bin/"
# Shared libraries, if this llama.cpp builds some anyway.
find "$WORK/build/bin" -maxdepth 1 -name '*.so*' -exec cp -P {} "$STAGE/bin/" \;
"$STAGE/bin/llama-server" --version >/dev/null 2>&1 || { echo "build-llama-server: the built binary does not run." >&2; exit 1; }
rm -rf "$CACHE"
mv "$STAGE" "$CACHE"
echo "$BIN"
