#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash cmake/setup.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
