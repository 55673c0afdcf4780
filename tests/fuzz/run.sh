#!/usr/bin/env bash
# Runs every libFuzzer target built in BUILD_DIR for SECONDS each, starting from the seed corpus
# in tests/fuzz/corpus/<target>/ (new inputs go to a scratch copy, not into the repository).
# Fails if any target crashes; the crashing input is left in BUILD_DIR/fuzz-artifacts/.
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

failed=()
ran=0
for source in "$here"/fuzz_*.cpp; do
  target=$(basename "$source" .cpp)
  binary="$build/$target"
  if [ ! -x "$binary" ]; then
    echo "run.sh: $binary is not built (make fuzz builds it)" >&2
    failed+=("$target (not built)")
    continue
  fi
  work="$build/fuzz-corpus/$target"
  mkdir -p "$work"
  [ -d "$here/corpus/$target" ] && cp -n "$here/corpus/$target"/* "$work"/ 2>/dev/null
  echo "== $target for ${seconds}s"
  ran=$((ran + 1))
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "$binary" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
      >"$build/fuzz-$target.log" 2>&1; then
    echo "run.sh: $target FAILED; see $build/fuzz-$target.log and $artifacts/" >&2
    tail -40 "$build/fuzz-$target.log" >&2
    failed+=("$target")
  else
    grep -E "stat::number_of_executed_units|cov:" "$build/fuzz-$target.log" | tail -2
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "run.sh: failures: ${failed[*]}" >&2
  exit 1
fi
echo "run.sh: $ran targets ran ${seconds}s each without a crash"
