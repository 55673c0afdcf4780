#!/usr/bin/env bash
# make test-dask: scripts/kg-dask gives kg build's graph. The BBC business folder (510 articles) is
# built with kg build, then with kg-dask on a local cluster of 2 workers, then on a scheduler and
# 2 workers started as README.md says, one of which is killed (SIGKILL) while it runs a batch:
# each time the CSV export is kg build's, byte for byte. Skips, saying why, without
# python3-distributed (scripts/install-deps.sh --dask) or without the data.
# Usage: tests/scripts/kg-dask-test.sh [KG_BINARY] [FOLDER]
set -euo pipefail
cd "$(dirname "$0")/../.."
kg=$(realpath "${1:-build/kg}")
data=${2:-../shared/data/news/bbc/business}

if ! /usr/bin/python3 -c 'import distributed' 2>/dev/null; then
  echo "test-dask: skipped: python3-distributed is not installed (bash scripts/install-deps.sh --dask)"
  exit 0
fi
if [ ! -d "$data" ]; then
  echo "test-dask: skipped: $data not found (the data is in ../shared)"
  exit 0
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# kg build's export, then each kg-dask graph's compared with it.
export_csv() { "$kg" export "$1" --format csv -o "$2" >/dev/null; }
same_as_kg_build() {
  export_csv "$work/$1.json" "$work/$1-csv"
  for f in nodes.csv relationships.csv; do
    if ! cmp "$work/direct-csv/$f" "$work/$1-csv/$f"; then
      echo "test-dask: FAILED: $1: $f differs from kg build's" >&2
      exit 1
    fi
  done
  cmp "$work/direct.json" "$work/$1.json"
  echo "test-dask: $1: the same graph as kg build ($(wc -l <"$work/$1-csv/nodes.csv") node lines, $(wc -l <"$work/$1-csv/relationships.csv") relationship lines)"
}

start=$(date +%s)
"$kg" build "$data" --graph "$work/direct.json" --threads 2 2>"$work/direct.err" ||
  { cat "$work/direct.err" >&2; exit 1; }
export_csv "$work/direct.json" "$work/direct-csv"

# 1. A local cluster of 2 workers, several batches each.
scripts/kg-dask build "$data" --graph "$work/local.json" --local-workers 2 --batch-words 40000 \
  --kg "$kg" 2>"$work/local.err" || { cat "$work/local.err" >&2; exit 1; }
same_as_kg_build local

# 2. A scheduler and two workers as on a cluster (one thread each, no nanny, so that killing the
# worker's process kills the worker); one is killed while its kg extract runs.
dask scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file "$work/scheduler.json" \
  >"$work/scheduler.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/scheduler.json" ] && break; sleep 0.2; done
address=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["address"])' \
  "$work/scheduler.json")
for w in 1 2; do
  dask worker "$address" --host 127.0.0.1 --nthreads 1 --no-nanny --no-dashboard \
    --local-directory "$work" >"$work/worker$w.log" 2>&1 &
  pids+=($!)
done
/usr/bin/python3 -c 'import sys; from distributed import Client
client = Client(sys.argv[1], timeout=30); client.wait_for_workers(2, timeout=60); client.close()' \
  "$address"
victim=${pids[1]}
scripts/kg-dask build "$data" --graph "$work/fault.json" --scheduler "$address" \
  --batch-words 20000 --kg "$kg" 2>"$work/fault.err" &
client=$!
# Wait for the worker to be busy: a kg process is its child.
for _ in $(seq 600); do pgrep -P "$victim" -x kg >/dev/null && break; sleep 0.1; done
pgrep -P "$victim" -x kg >/dev/null || { echo "test-dask: FAILED: worker never ran kg" >&2; exit 1; }
kill -KILL "$victim"
wait "$victim" 2>/dev/null || true  # reaped here, so that bash does not report it
echo "test-dask: killed worker $victim while it ran kg extract"
if ! wait "$client"; then
  cat "$work/fault.err" >&2
  echo "test-dask: FAILED: kg-dask did not survive the loss of a worker" >&2
  exit 1
fi
grep '^kg-dask:' "$work/fault.err"
same_as_kg_build fault
echo "test-dask: passed in $(($(date +%s) - start)) s"
