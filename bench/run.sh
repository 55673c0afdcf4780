#!/usr/bin/env bash
# Runs every benchmark of issue 8 in one go and writes bench/RESULTS.md: parsing against
# link-grammar's link-parser, kg build on all BBC articles with 1 and 2 threads, six queries on
# three graphs against Kùzu and a hand-written Boost.Graph traversal, and the store's load and
# save at 1M and 5M relationships. A section whose peer or data is missing says "skipped: why".
# Scratch files (graphs, CSV, Kùzu databases) go to a temporary directory that is deleted.
# Usage: bench/run.sh BUILD_DIR       (make bench; about 8 minutes on the 2-core machine at
# load 7, less idle; RESULTS.md gives the time of each section)
# Environment: KG_BBC_DIR (default ../shared/data/news/bbc), KG_BENCH_STRIDE (parse sample: every
# Nth BBC file, default 90: about 500 sentences, which take link-parser ~20 s of CPU),
# KG_BENCH_QUERIES (anchors per query, default 200), KG_BENCH_START (epoch seconds when make
# bench started, for the total).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/.." && pwd)
results="$here/RESULTS.md"
bbc=${KG_BBC_DIR:-$source_dir/../shared/data/news/bbc}
stride=${KG_BENCH_STRIDE:-90}
queries=${KG_BENCH_QUERIES:-200}
started=${KG_BENCH_START:-$(date +%s)}
scratch=$(mktemp -d /tmp/kg_bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
sections="$scratch/sections"
mkdir -p "$sections"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
kg=$build/kg

log() { echo "run.sh: $*" >&2; }
# "wall user sys maxrss_kb" of a command run under /usr/bin/time; its output goes to $2.
timed() {
  local out=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$scratch/time" "$@" >"$out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
have_bbc() { [ -d "$bbc" ] && [ -n "$(find "$bbc" -name '*.txt' -print -quit)" ]; }
# Starts section file $1 with heading $2; when the BBC articles are missing, says so there and
# fails, so the caller returns.
start_bbc_section() {
  printf '## %s\n\n' "$2" >"$1"
  have_bbc && return 0
  printf 'skipped: no BBC articles at %s (set KG_BBC_DIR)\n\n' "$bbc" >>"$1"
  return 1
}
have_kuzu() {
  command -v node >/dev/null || return 1
  if [ ! -d "$here/kuzu/node_modules/kuzu" ]; then
    (cd "$here/kuzu" && npm ci --no-audit --no-fund >&2) || return 1
  fi
  (cd "$here/kuzu" && node -e 'import("kuzu").then(() => process.exit(0), () => process.exit(1))')
}

for tool in /usr/bin/time "$kg" "$build/bench_parse_sample" "$build/bench_graph_queries" \
            "$build/bench_store" "$build/bench_peers"; do
  [ -x "$tool" ] || { echo "run.sh: $tool is missing (make build; scripts/install-deps.sh --bench)" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------
# Parsing: the same sentences through kg (tokenize+tag+parse) and link-parser.
parse_section() {
  local md=$sections/1_parse.md
  start_bbc_section "$md" "Parsing: kg vs link-grammar on the same BBC sentences" || return 0
  log "parsing: kg"
  local sample=$scratch/sample.txt
  if ! "$build/bench_parse_sample" "$bbc" "$stride" "$sample" >"$scratch/parse.out" 2>"$scratch/parse.err"; then
    echo "skipped: bench_parse_sample failed: $(tail -1 "$scratch/parse.err")" >>"$md"
    return
  fi
  get() { awk -v k="$1" '$1 == k { print $2 }' "$scratch/parse.out"; }
  local lines words kg_wall kg_cpu
  lines=$(get sample_lines) words=$(get sample_words) kg_wall=$(get sample_wall) kg_cpu=$(get sample_cpu)
  all_words=$(get all_words)
  all_cpu=$(get all_cpu)
  all_wall=$(get all_wall)
  {
    echo "Sample: every ${stride}th of the BBC files in sorted order, split into sentences by kg's"
    echo "tokenizer and written one sentence per line; both parsers read that file. Words are kg's"
    echo "tokens of those lines (the same count divides both times). kg: one thread, models loaded"
    echo "before the clock starts. link-parser: \`link-parser en -graphics=0 -morphology=0 < sample.txt\`"
    echo "(default limits: up to 100 linkages per sentence, null links and panic mode on, no timeout);"
    echo "its time includes loading its dictionary (about a second)."
    echo
    echo '```'
    sed '/^[a-z_]* [0-9.]*$/d' "$scratch/parse.out"
  } >>"$md"
  local lp_line="| link-parser | skipped: link-parser is missing (scripts/install-deps.sh --bench) | | | | |"
  if command -v link-parser >/dev/null; then
    log "parsing: link-parser on $lines sentences"
    local version
    version=$(link-parser --version 2>&1 | grep -m1 -o 'link-grammar-[0-9.]*' || echo unknown)
    timed "$scratch/lp.out" link-parser en -graphics=0 -morphology=0 <"$sample" 2>"$scratch/lp.err" || true
    read -r lp_wall lp_user lp_sys _ <"$scratch/time"
    local parsed lp_cpu
    parsed=$(grep -c '^Found [0-9]* linkage' "$scratch/lp.out" || true)
    lp_cpu=$(awk -v u="$lp_user" -v s="$lp_sys" 'BEGIN { print u + s }')
    echo "link-parser ($version): $parsed of $lines lines parsed (\"Found N linkages\"), $lp_wall s wall, $lp_cpu s CPU" >>"$md"
    if [ "$parsed" != "$lines" ]; then
      lp_line="| link-parser | parsed $parsed of $lines sentences: not comparable | | | | |"
    else
      lp_line="| link-parser $version | $lines | $words | $lp_wall ($lp_cpu) | $(rate "$words" "$lp_wall") ($(rate "$words" "$lp_cpu")) | $(ratio "$lp_wall" "$kg_wall") ($(ratio "$lp_cpu" "$kg_cpu")) |"
    fi
  fi
  {
    echo '```'
    echo
    echo "| parser | sentences | words | seconds wall (CPU) | words/s wall (CPU) | time / kg's time |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| kg tokenize+tag+parse | $lines | $words | $kg_wall ($kg_cpu) | $(rate "$words" "$kg_wall") ($(rate "$words" "$kg_cpu")) | 1 |"
    echo "$lp_line"
    echo
    echo "kg over all BBC articles (whole documents, one thread): $all_words words in $all_wall s wall"
    echo "($all_cpu s CPU): **$(rate "$all_words" "$all_wall") words/s** wall, $(rate "$all_words" "$all_cpu") words/s CPU."
    echo
  } >>"$md"
}

# ---------------------------------------------------------------------------------------------
# Building: kg build over all BBC articles with 1 and 2 threads; the two graphs must match.
build_section() {
  local md=$sections/2_build.md
  start_bbc_section "$md" "Building: kg build on all BBC articles" || return 0
  local words=${all_words:-}
  if [ -z "$words" ]; then  # the parsing section failed: count whitespace-separated words instead
    words=$(find "$bbc" -name '*.txt' -exec cat {} + | wc -w)
  fi
  local t wall=() cpu=() rss=()
  for t in 1 2; do
    log "building the BBC graph, $t thread(s)"
    rm -f "$scratch/bbc$t.json"
    if ! timed "$scratch/build$t.out" "$kg" build "$bbc" --graph "$scratch/bbc$t.json" --threads "$t" 2>"$scratch/build$t.err"; then
      echo "skipped: kg build --threads $t failed: $(tail -1 "$scratch/build$t.err")" >>"$md"
      rm -f "$scratch/bbc1.json" "$scratch/bbc2.json"
      return
    fi
    local w u s m
    read -r w u s m <"$scratch/time"
    wall[$t]=$w cpu[$t]=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') rss[$t]=$((m / 1024))
  done
  # kg build's own word count ("extracted F facts from D documents (W words in S s)").
  local counted
  counted=$(tr '\r' '\n' <"$scratch/build1.err" | sed -n 's/.* documents (\([0-9]*\) words in .*/\1/p' | tail -1)
  if [ -n "$counted" ]; then words=$counted; fi
  local same="differ: the 2-thread graph is NOT the 1-thread graph"
  if cmp -s "$scratch/bbc1.json" "$scratch/bbc2.json"; then same="identical (byte for byte)"; fi
  {
    echo "\`kg build $bbc --graph G.json --threads N\`, a fresh graph each time, under /usr/bin/time;"
    echo "words as kg build counts them ($words). No peer builds a knowledge graph from text,"
    echo "so the ratio column compares 2 threads with 1. The two graph files are $same."
    echo
    echo "| threads | seconds wall | CPU s | peak RSS MB | words/s wall | speed-up |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for t in 1 2; do
      echo "| $t | ${wall[$t]} | ${cpu[$t]} | ${rss[$t]} | $(rate "$words" "${wall[$t]}") | $(ratio "${wall[1]}" "${wall[$t]}") |"
    done
    echo
    echo '```'
    tr '\r' '\n' <"$scratch/build1.err" | grep -v -e '^\[' -e '^$' | tail -n 3 || true
    "$kg" stats "$scratch/bbc1.json" >"$scratch/stats.out" 2>&1 || true
    head -12 "$scratch/stats.out"
    echo '```'
    echo
  } >>"$md"
  rm -f "$scratch/bbc2.json"
}

# ---------------------------------------------------------------------------------------------
# Queries: kg vs hand-written vs Kùzu. $1 = title, $2 = section file, $3 = graph file.
source "$here/times_table.sh"

graph_queries() {
  local title=$1 md=$2 graph=$3 dir
  dir=$(mktemp -d "$scratch/queries.XXXXXX")
  echo "### $title" >>"$md"
  echo >>"$md"
  echo '```' >>"$md"
  local status=0
  "$build/bench_graph_queries" "$graph" "$queries" "$dir" >>"$md" 2>&1 || status=$?
  if [ "$status" -eq 0 ] && [ "$kuzu_ok" = yes ]; then
    node "$here/kuzu/bench_kuzu.mjs" "$dir" >>"$md" 2>&1 || status=$?
  fi
  echo '```' >>"$md"
  echo >>"$md"
  if [ "$status" -ne 0 ]; then
    echo "**Results disagree or a side failed (exit $status): these times do not count.**" >>"$md"
  else
    if [ "$kuzu_ok" = yes ]; then
      echo "All three agree on every run (kg = hand-written = Kùzu)." >>"$md"
    else
      printf 'kg agrees with the hand-written traversal. Kùzu skipped: %s\n' "$kuzu_why" >>"$md"
      printf 'query\tkuzu_ms\tkuzu_cpu_ms\truns\tdisagree\n' >"$dir/kuzu_times.tsv"
    fi
    echo >>"$md"
    kg_times_table "$dir" >>"$md"
  fi
  echo >>"$md"
  rm -rf "$dir"
}

query_section() {
  local md=$sections/3_queries.md
  {
    echo "## Queries: kg vs Kùzu vs a hand-written Boost.Graph traversal"
    echo
    echo "Six queries (texts in bench/PEERS.md; the typed path's three relationship types are the"
    echo "busiest triple of each text-built graph) with the same parameters on three sides: kg's"
    echo "engine in process, a hand-written Boost.Graph traversal of the same store (the floor), and"
    echo "Kùzu (npm \`kuzu\`, via Node, prepared statements) loaded with \`COPY FROM\` from kg's CSV"
    echo "export (text-built graphs, with hundreds of relation types, as one relationship table"
    echo "with the type as a property, so Kùzu's typed path and count by type filter and group on"
    echo "\`r.type\`; the generated graph as one table per type: see bench/PEERS.md)."
    echo "Every kg result is checked against the hand-written one and every Kùzu result"
    echo "against kg's before the times are printed. Anchored queries run $queries times, shortest"
    echo "path a tenth as often (its target is reached by a 1-6 step walk from its source on the"
    echo "text-built graphs, random on the generated one)."
    echo
  } >"$md"
  kuzu_ok=yes kuzu_why=""
  if ! have_kuzu; then kuzu_ok=no kuzu_why="node or the npm package kuzu is missing (npm ci in bench/kuzu)"; fi

  log "queries: the sample graph"
  if "$kg" build "$source_dir"/samples/*.txt --graph "$scratch/samples.json" >/dev/null 2>&1; then
    graph_queries "(a) the sample graph (kg build samples/*.txt)" "$md" "$scratch/samples.json"
  else
    printf '### (a) the sample graph\n\nskipped: kg build samples/*.txt failed\n\n' >>"$md"
  fi
  log "queries: the BBC graph"
  if [ -f "$scratch/bbc1.json" ]; then
    graph_queries "(b) the BBC graph (kg build on all 2,225 articles, 1 thread)" "$md" "$scratch/bbc1.json"
  else
    printf '### (b) the BBC graph\n\nskipped: no BBC graph (see Building)\n\n' >>"$md"
  fi
  log "queries: the generated graph (1M nodes, 5M relationships)"
  echo "### (c) a generated graph of 1M nodes and 5M relationships" >>"$md"
  echo >>"$md"
  if [ "$kuzu_ok" = yes ]; then
    local status=0
    bash "$here/peers.sh" "$build" 1000000 5000000 "$queries" >"$scratch/peers.out" 2>&1 || status=$?
    sed '1d' "$scratch/peers.out" >>"$md"
    if [ "$status" -ne 0 ]; then
      echo "**bench/peers.sh failed (exit $status): results disagree or a side failed; these times do not count.**" >>"$md"
    else
      echo "All three agree on every run (bench_peers exits 1 on any kg/hand-written difference, bench_kuzu.mjs on any Kùzu/kg one)." >>"$md"
    fi
  else
    local dir status=0
    dir=$(mktemp -d "$scratch/peers.XXXXXX")
    echo '```' >>"$md"
    "$build/bench_peers" 1000000 5000000 "$queries" "$dir" >>"$md" 2>&1 || status=$?
    echo '```' >>"$md"
    echo "Kùzu skipped: $kuzu_why (exit status of bench_peers: $status)" >>"$md"
    rm -rf "$dir"
  fi
  echo >>"$md"
}

# ---------------------------------------------------------------------------------------------
# Store: save (in the process that built the graph) and load (a fresh process) at 1M and 5M.
store_section() {
  local md=$sections/4_store.md rows=""
  {
    echo "## Store: save and load at 1M and 5M relationships"
    echo
    echo "\`bench_store EDGES FILE\` builds a graph of EDGES relationships between EDGES/4 entities,"
    echo "each with one evidence sentence, and saves it (kg's JSON graph file);"
    echo "\`bench_store --load FILE\` loads it in a fresh process. Both run under \`/usr/bin/time -v\`,"
    echo "whose maximum resident set size is the peak memory. No peer stores kg's graph format;"
    echo "for scale, Kùzu's \`COPY FROM\` of the 5M-relationship generated graph (no evidence text) is"
    echo "in the queries section (c)."
    echo
    echo '```'
  } >"$md"
  local edges
  for edges in 1000000 5000000; do
    log "store: $edges relationships"
    local file=$scratch/store_$edges.json
    if ! /usr/bin/time -v "$build/bench_store" "$edges" "$file" >"$scratch/save.out" 2>"$scratch/save.time" ||
       ! /usr/bin/time -v "$build/bench_store" --load "$file" >"$scratch/load.out" 2>"$scratch/load.time"; then
      echo "skipped $edges: bench_store failed: $(grep -v '^\s' "$scratch"/*.time | tail -1)" >>"$md"
      rm -f "$file"
      continue
    fi
    local size save_s load_s save_rss load_rss
    size=$(du -m "$file" | cut -f1)
    save_s=$(sed -n 's/^save: \([0-9.]*\) s wall.*/\1/p' "$scratch/save.out")
    load_s=$(sed -n 's/^load: \([0-9.]*\) s wall.*/\1/p' "$scratch/load.out")
    save_rss=$(awk '/Maximum resident/ { printf "%d", $NF / 1024 }' "$scratch/save.time")
    load_rss=$(awk '/Maximum resident/ { printf "%d", $NF / 1024 }' "$scratch/load.time")
    {
      echo "\$ /usr/bin/time -v bench_store $edges FILE"
      cat "$scratch/save.out"
      grep -E "Maximum resident|Elapsed" "$scratch/save.time" | sed 's/^\t//'
      echo "\$ /usr/bin/time -v bench_store --load FILE   ($size MB)"
      cat "$scratch/load.out"
      grep -E "Maximum resident|Elapsed" "$scratch/load.time" | sed 's/^\t//'
    } >>"$md"
    rows+="| $edges | $size | $save_s | $save_rss | $load_s | $load_rss |"$'\n'
    rm -f "$file"
  done
  {
    echo '```'
    echo
    echo "| relationships | file MB | save s | peak RSS MB (build + save) | load s | peak RSS MB (load) |"
    echo "|---:|---:|---:|---:|---:|---:|"
    printf '%s' "$rows"
    echo
  } >>"$md"
}

# RESULTS.md is rewritten after every section, so a run cut short keeps what it measured.
write_results() {
  local finished
  finished=$(date +%s)
  {
  echo "# kg benchmark results"
  echo
  echo "Written by \`make bench\` (bench/run.sh). Each figure is kg's time, the peer's time and their"
  echo "ratio, measured in this one run."
  echo
  echo "- date: $(date -u -d "@$started" '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git -C "$source_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"\
       "$(free -g | awk '/Mem:/ {print $2}') GB RAM, $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"),"\
       "Linux $(uname -r)"
  echo "- compiler: $(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" | head -1)" \
       "($("$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" | head -1)" --version 2>/dev/null | head -1)),"\
       "build type $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")"
  echo "- load average (1, 5, 15 min): $load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."\
       "On a loaded machine wall times grow; CPU times are the steadier figure."
  if [ "$1" = done ]; then
    echo "- **total time of \`make bench\`: $((finished - started)) s** ($(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s)"
  else
    echo "- **incomplete: the run stopped or is still running after $((finished - started)) s; sections below are those finished**"
  fi
  echo "- time per section (wall): $section_times; the rest is building the binaries and setup"
  echo
  cat "$sections"/*.md
  } >"$results"
  log "wrote $results after $((finished - started)) s"
}

# Runs one section and notes its wall time for the header of RESULTS.md.
section_times=""
timed_section() {
  local name=$1 begin
  begin=$(date +%s)
  "$2"
  section_times+="${section_times:+, }$name $(( $(date +%s) - begin )) s"
  log "$name took $(( $(date +%s) - begin )) s"
}

all_words=""
timed_section parsing parse_section
write_results partial
timed_section building build_section
write_results partial
timed_section queries query_section
write_results partial
timed_section store store_section
write_results done
