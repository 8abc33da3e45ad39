#!/usr/bin/env bash
# Sets up (Debian packages), builds, and runs the main job: compile and run an example
# program with every step traced, then open the trace in the app. Without a display the
# trace is written and its report printed instead.
set -euo pipefail
cd "$(dirname "$0")"
bash cmake/setup.sh
mkdir -p out
./build/app/rewind run resources/examples/softmax.tg -o out/softmax.rwd
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/app/rewind view out/softmax.rwd
fi
./build/app/rewind report out/softmax.rwd
