#!/usr/bin/env bash
# Peer benchmark: kg's engine vs a hand-written Boost.Graph traversal vs Kùzu, same graph, same
# queries, same parameters. Prints a Markdown table.
# Usage: bench/peers.sh BUILD_DIR [NODES EDGES QUERIES]   (defaults 1000000 5000000 200)
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: bench/peers.sh BUILD_DIR [NODES EDGES QUERIES]" >&2
  exit 2
fi
build=$1
nodes=${2:-1000000}
edges=${3:-5000000}
queries=${4:-200}
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -x $build/bench_peers ]]; then
  echo "peers.sh: $build/bench_peers is missing (make build first)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "peers.sh: node (v18+) is needed for the Kùzu side" >&2; exit 2; }
if [[ ! -d $here/kuzu/node_modules/kuzu ]]; then
  (cd "$here/kuzu" && npm install --no-audit --no-fund >&2)
fi
out=$(mktemp -d /tmp/kg-peers.XXXXXX)
trap 'rm -rf "$out"' EXIT

echo "## bench_peers $nodes nodes, $edges relationships, $queries anchors"
echo '```'
"$build/bench_peers" "$nodes" "$edges" "$queries" "$out"
node "$here/kuzu/bench_kuzu.mjs" "$out"
echo '```'
echo
source "$here/times_table.sh"
kg_times_table "$out"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), \
load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'), \
Kùzu $(node -p 'require(process.argv[1]).version' "$here/kuzu/node_modules/kuzu/package.json"), node $(node --version)"
