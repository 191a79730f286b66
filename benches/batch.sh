#!/usr/bin/env bash
# Batch benchmark: N copies of the readable corpus and the samples, converted by the
# release binary to each format, timed end to end (reading, parsing, writing).
# usage: benches/batch.sh [COPIES]   (default 250: about 11,000 files, 570 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-250}
shared=${TEIMETA_SHARED:-../shared}
cargo build --release -q
bin=target/release/teimeta
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=()
while IFS= read -r f; do src+=("$f"); done < <(
  { find samples -maxdepth 1 -name '*.xml'
    [ -d "$shared/corpus" ] && find "$shared/corpus" -name '*.xml' -not -path '*/expect/*' -not -path '*/negative-control/*'
  } | sort)
for ((i = 0; i < copies; i++)); do
  d="$work/in/$i"; mkdir -p "$d"
  for f in "${src[@]}"; do cp "$f" "$d/"; done
done
files=$(find "$work/in" -name '*.xml' | wc -l)
bytes=$(du -sb "$work/in" | cut -f1)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "input: $files files, $((bytes / 1000000)) MB ($copies copies of ${#src[@]} files)"
for to in json csv jsonld bibtex; do
  start=$(date +%s.%N)
  "$bin" convert --to "$to" -o "$work/out.$to" "$work/in" || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$files" -v b="$bytes" -v to="$to" \
    'BEGIN { t = e - s; printf "%-7s %6.2f s  %8.0f files/s  %6.1f MB/s\n", to, t, n / t, b / t / 1e6 }'
done
start=$(date +%s.%N)
"$bin" validate --format json "$work/in" > "$work/out.validate" || true
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$files" -v b="$bytes" \
  'BEGIN { t = e - s; printf "%-7s %6.2f s  %8.0f files/s  %6.1f MB/s\n", "validate", t, n / t, b / t / 1e6 }'
