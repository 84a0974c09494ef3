#!/usr/bin/env bash
# `make espruino`: builds Espruino 2v29's interpreter for Linux into OUT_DIR (default .cache/espruino, git-ignored)
# once, with the harness's shim (shim.c: the telnet console on a port of its choice). The source is, in
# order: ../shared/espruino (a sibling folder holding build.sh and Espruino's source), else the tree in
# $ESPRUINO_SRC, else a shallow clone of github.com/espruino/Espruino at tag RELEASE_2V29. Needs gcc, make,
# python3 (and git for the clone).
# Exit status: 0 built (or already there), 1 the build failed, 3 no source could be had: then
# OUT_DIR/unavailable says why in one line, and the real-interpreter tests skip saying so.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-.cache/espruino}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out/unavailable"
shared=../shared/espruino/build.sh

build_tree() { # $1: an Espruino source tree to build in place
  mkdir -p "$1/bin"
  if ! (cd "$1" && RELEASE=1 make -j"$(nproc)" BOARD=LINUX >"$out/build.log" 2>&1); then
    tail -n 20 "$out/build.log" >&2
    echo "make espruino: the Espruino build failed (log: $out/build.log)" >&2
    exit 1
  fi
  cp "$1/bin/espruino" "$out/espruino"
}

if [ ! -x "$out/espruino" ]; then
  if [ -f "$shared" ]; then
    echo "make espruino: building Espruino's Linux interpreter from ../shared/espruino (about a minute, once)"
    bash "$shared" "$out" >/dev/null
  elif [ -n "${ESPRUINO_SRC:-}" ]; then
    echo "make espruino: building Espruino's Linux interpreter from ESPRUINO_SRC=$ESPRUINO_SRC"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cp -a "$ESPRUINO_SRC/." "$work/"
    build_tree "$work"
  else
    echo "make espruino: cloning espruino/Espruino at RELEASE_2V29 (shallow) to build its Linux interpreter"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    if ! git clone -q --depth 1 --branch RELEASE_2V29 https://github.com/espruino/Espruino "$work/Espruino" 2>"$out/clone.log"; then
      echo "no Espruino interpreter: ../shared/espruino is absent, ESPRUINO_SRC is not set, and cloning github.com/espruino/Espruino failed ($(tail -n 1 "$out/clone.log"))" | tee "$out/unavailable" >&2
      exit 3
    fi
    build_tree "$work/Espruino"
  fi
fi
if [ ! -f "$out/shim.so" ] || [ tools/interpreter/shim.c -nt "$out/shim.so" ]; then
  gcc -shared -fPIC -O2 -o "$out/shim.so" tools/interpreter/shim.c -ldl
  echo "make espruino: built $out/espruino and its test shim"
fi
