#!/usr/bin/env bash
# Runs the benchmarks and writes bench/RESULTS.md: the store at 1M and 5M relations (save, then a
# fresh-process load under /usr/bin/time -v for peak memory) and every other bench_* binary that
# runs without arguments. Generated graph files go to a temporary directory and are deleted.
# Usage: bench/run.sh BUILD_DIR   (about 5-10 minutes on 2 cores)
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
results="$here/RESULTS.md"
scratch=$(mktemp -d /tmp/kg_bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
timev=/usr/bin/time
[ -x "$timev" ] || { echo "run.sh: /usr/bin/time is missing (scripts/install-deps.sh --bench)" >&2; exit 1; }

{
  echo "# kg benchmark results"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"\
       "$(free -g | awk '/Mem:/ {print $2}') GB RAM"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: CPU time is"\
       "the steadier figure, wall time depends on the other jobs)"
  echo
} >"$results"

store_run() {
  local edges=$1 file="$scratch/store_$1.json"
  echo "## bench_store, $edges relations" >>"$results"
  echo >>"$results"
  echo '```' >>"$results"
  echo "\$ $build/bench_store $edges FILE" >>"$results"
  "$build/bench_store" "$edges" "$file" | tee -a "$results"
  echo "file size: $(du -m "$file" | cut -f1) MB" >>"$results"
  echo "\$ /usr/bin/time -v $build/bench_store --load FILE" >>"$results"
  "$timev" -v "$build/bench_store" --load "$file" >"$scratch/out" 2>"$scratch/time"
  cat "$scratch/out" | tee -a "$results"
  grep -E "Maximum resident|Elapsed|User time|System time" "$scratch/time" | sed 's/^\t//' \
    | tee -a "$results"
  echo '```' >>"$results"
  echo >>"$results"
  rm -f "$file"
}

store_run 1000000
store_run 5000000

for binary in "$build"/bench_*; do
  name=$(basename "$binary")
  [ "$name" = bench_store ] && continue
  [ -x "$binary" ] || continue
  echo "## $name" >>"$results"
  echo >>"$results"
  echo '```' >>"$results"
  echo "\$ /usr/bin/time -v $binary" >>"$results"
  if timeout 300 "$timev" -v "$binary" >"$scratch/out" 2>"$scratch/time"; then
    tail -30 "$scratch/out" | tee -a "$results"
  else
    echo "(exited with an error; it may need data or arguments)" | tee -a "$results"
    grep -v '^\s' "$scratch/time" | tail -5 >>"$results" || true
  fi
  grep -E "Maximum resident|Elapsed|User time|System time" "$scratch/time" | sed 's/^\t//' >>"$results" || true
  echo '```' >>"$results"
  echo >>"$results"
done
echo "run.sh: wrote $results"
