#!/usr/bin/env bash
# Installs the Debian packages the build needs (skipped when all are present), then
# configures and builds Rewind (Release) in ./build. Used by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake g++ pkg-config ninja-build ccache lld
  qt6-base-dev libgraphviz-dev llvm-19-dev libzstd-dev libsqlite3-dev
  libgtest-dev libbenchmark-dev
  xvfb xauth sqlite3 fonts-dejavu-core
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# ccache keeps rebuilds of an unchanged tree at seconds instead of minutes.
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
