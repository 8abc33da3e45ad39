#!/usr/bin/env bash
# Sets up (Debian packages), builds, and runs the main job: trace an example and show it.
# With a display the trace opens in the app; without one, the trace is written and its
# report printed.
set -euo pipefail
cd "$(dirname "$0")"
bash cmake/setup.sh
mkdir -p out
./build/app/rewind simplify '(x*4 + y) // 4 + (x*4 + y) % 4 - y' --var x=0..15 --var y=0..3 -o out/simplify.rwd
./build/app/rewind report out/simplify.rwd
