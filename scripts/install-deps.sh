#!/usr/bin/env bash
# Installs the Debian packages kg needs, and only those that are missing.
# Usage: scripts/install-deps.sh [--bench] [--fuzz] [--browser] [--dask]
# Quiet when everything is already there; idempotent.
set -euo pipefail

packages=(cmake make g++ pkg-config libboost-graph-dev rapidjson-dev libcli11-dev doctest-dev
          graphviz wordnet-base iso-codes libedit-dev libre2-dev tmux python3 clang-format
          libhowardhinnant-date-dev tzdata libssl-dev)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(link-grammar hyperfine time) ;;  # node and npm come with the machine (nodesource)
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    --browser) packages+=(chromium) ;;  # the HTML export's test opens the page in headless Chromium
    --dask) packages+=(python3-distributed python3-dask) ;;  # scripts/kg-dask, extraction on a cluster
    *) echo "install-deps.sh: unknown option '$arg' (expected --bench, --fuzz, --browser or --dask)" >&2; exit 1 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg -s "$p" >/dev/null 2>&1; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps.sh: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
