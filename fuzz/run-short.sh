#!/usr/bin/env bash
# Runs every fuzz target for a short time on a copy of its seed corpus; fails on any crash.
# Usage: fuzz/run-short.sh BUILD_DIR SECONDS
#   BUILD_DIR is a build configured with -DCMAKE_CXX_COMPILER=clang++-14 -DLIFELINE_FUZZ=ON
#   (e.g. the "fuzz" preset: build/fuzz).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build_dir=$1
seconds=$2
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
if [[ ! -d "$build_dir" ]]; then
  echo "fuzz: no build at $build_dir: run 'cmake --preset fuzz && cmake --build --preset fuzz' first" >&2
  exit 2
fi
targets=(fuzz_router fuzz_request fuzz_search_query fuzz_corpus_parsers fuzz_htcds_import
  fuzz_unodc_import fuzz_nrm_table_import fuzz_hotline_report fuzz_hotline_attachment fuzz_xlsx
  fuzz_criminal_justice_import
  fuzz_hotline_pdf)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
for target in "${targets[@]}"; do
  binary=$(find "$build_dir" -type f -name "$target" -perm -u+x | head -n 1)
  if [[ -z "$binary" ]]; then
    echo "fuzz: $target not found under $build_dir (configure with LIFELINE_FUZZ=ON)" >&2
    exit 2
  fi
  # Work on a copy: new inputs found during the run must not land in the repository.
  corpus="$work/$target"
  mkdir -p "$corpus"
  cp "$fuzz_dir/corpus/$target/"* "$corpus/"
  log="$work/$target.log"
  echo "fuzz: $target for ${seconds}s"
  if "$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$work/$target-" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
    echo "fuzz: $target ok: ${runs:-?} runs, ${coverage:-cov: ?}, corpus $(ls "$corpus" | wc -l) inputs"
  else
    failed=1
    echo "fuzz: $target FAILED; log tail:" >&2
    tail -n 60 "$log" >&2
    for artifact in "$work/$target-"*; do
      [[ -e "$artifact" ]] || continue
      kept="$build_dir/$(basename "$artifact")"
      cp "$artifact" "$kept"
      echo "fuzz: crashing input kept at $kept" >&2
    done
  fi
done
exit "$failed"
