#!/usr/bin/env bash
# Seeds each target's corpus from samples/ (and ../shared/corpus when TEIMETA_SHARED
# points at it), then fuzzes every target in turn for SECONDS each (default 300).
# Corpora and crash artifacts stay out of git (fuzz/.gitignore).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse validate export_json export_csv export_jsonld export_bibtex export_csl export_ris export_crossref export_doaj tei_structured)
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" logs
  if [ "$t" != tei_structured ]; then
    find ../samples -type f -name '*.xml' -exec cp -n {} "corpus/$t/" \;
    if [ -n "${TEIMETA_SHARED:-}" ] && [ -d "$TEIMETA_SHARED/corpus" ]; then
      find "$TEIMETA_SHARED/corpus" -type f -name '*.xml' -size -200k -exec cp -n {} "corpus/$t/" \;
    fi
  fi
  echo "== $t for ${seconds}s"
  cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -dict=tei.dict -print_final_stats=1 2>&1 | tee "logs/$t.log" | grep -E "^(stat::|==|SUMMARY|Done)|panicked|crash-" || true
done
