# Shared by run.sh and peers.sh (sourced): the markdown table of kg, hand-written and Kùzu
# times. $1 = a folder holding kg_times.tsv (query kg_ms kg_cpu_ms hand_ms hand_cpu_ms runs)
# and kuzu_times.tsv (query kuzu_ms kuzu_cpu_ms runs disagree).
kg_times_table() {
  echo "Wall-clock ms per query (CPU ms in brackets), mean over runs:"
  echo
  echo "| query | runs | kg ms | hand-written ms | Kùzu ms | kg/hand | Kùzu/kg |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  awk -F '\t' 'FNR == 1 { next }
    NR == FNR { kuzu_ms[$1] = $2; kuzu_cpu[$1] = $3; next }
    { k = ($1 in kuzu_ms) ? kuzu_ms[$1] : "n/a"
      printf "| %s | %d | %.4f (%.4f) | %.4f (%.4f) | %s (%s) | %.2f | %s |\n", $1, $6, $2, $3, $4, $5,
             k, ($1 in kuzu_cpu) ? kuzu_cpu[$1] : "n/a", $2 / ($4 > 0 ? $4 : 1e-6),
             ($1 in kuzu_ms) ? sprintf("%.2f", k / ($2 > 0 ? $2 : 1e-6)) : "n/a" }' \
    "$1/kuzu_times.tsv" "$1/kg_times.tsv"
}
