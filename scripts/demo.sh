#!/usr/bin/env bash
# The main job: install dependencies, build, and run the whole pipeline on the bundled demo site.
# Usage: scripts/demo.sh [STUDY_DIR]   (default: demo-study)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh release
study=${1:-demo-study}
rm -rf "$study"
./build/cli/framescope demo --study "$study"
