#!/usr/bin/env bash
# Installs every build, test and demo dependency of Framescope from Debian 12's packages.
# Idempotent: packages already present are left alone; safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libxapian-dev xapian-tools
  libicu-dev libcurl4-openssl-dev libpugixml-dev libxml2-dev libcld2-dev
  libsqlite3-dev zlib1g-dev libdeflate-dev libjemalloc-dev libbrotli-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libexpected-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  pandoc citation-style-language-styles chromium poppler-utils wget fasttext xapian-omega time clang
  openssl  # test certificates for the crawler's HTTP/2-over-TLS test (tests/crawler/http2_test.cc)
)

# Node.js and npm run the interoperability tests (warcio). Machines that already have them (e.g.
# from NodeSource) keep theirs: Debian's npm package conflicts with NodeSource's nodejs.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
