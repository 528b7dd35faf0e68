#!/usr/bin/env bash
# Installs what ppb needs to build and test, from Debian 12's own packages.
set -euo pipefail
packages=(build-essential cmake pkg-config python3
          libboost1.81-dev libboost-json1.81-dev libboost-serialization1.81-dev
          libgmp-dev libsodium-dev libfmt-dev doctest-dev)
# --with-clang: the second compiler CI builds with; --with-chromium: Debian's Chromium, which renders
# the results page in a test (skipped without it).
for flag in "$@"; do
  case "$flag" in
    --with-clang) packages+=(clang libclang-rt-14-dev) ;;
    --with-chromium) packages+=(chromium) ;;
    *) echo "install-deps.sh: unknown option $flag (use --with-clang, --with-chromium)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
