#!/usr/bin/env bash
# Batch benchmark against the peers, on one generated corpus, in one run:
#   teimeta convert --to json, one thread and all cores;
#   xmllint --noout (libxml2's bare parse; Debian package libxml2-utils);
#   grobid_tei_xml (the Python peer, pip-installed into target/compare-venv);
#   the quick-xml floor (examples/floor.rs: a bare event loop, one thread).
# Each tool reads the same files; each run is a whole process (wall time by date(1), peak
# RSS by /usr/bin/time); the tools alternate, and the medians of RUNS runs are kept.
# Then peak RSS of teimeta on 10x the files (hard links, no extra disk), and the time of
# `teimeta validate` on one file from process start (hyperfine when installed).
#
# usage: benches/compare.sh [FILES] [RUNS]     (default 500 files, 5 runs)
# needs: cargo, python3 with venv, xmllint, /usr/bin/time; network only for pip.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-500}
runs=${2:-5}
root=$PWD

cargo build --release -q --bin teimeta --example gen_corpus --example floor
bin=$root/target/release/teimeta
floor=$root/target/release/examples/floor

for tool in xmllint /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing" >&2; exit 2; }
done

venv=$root/target/compare-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import grobid_tei_xml' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check grobid-tei-xml
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/target/release/examples/gen_corpus" "$work/c1" "$files" 2>/dev/null
# 10x the files for the memory check: hard links to the same bytes.
for ((i = 0; i < 10; i++)); do mkdir -p "$work/c10/$i"; ln "$work"/c1/*.xml "$work/c10/$i/"; done
bytes=$(du -sb --apparent-size "$work/c1" | cut -f1)

cat > "$work/grobid_driver.py" <<'EOF'
import sys, os, grobid_tei_xml
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if name.endswith(".xml"):
        with open(os.path.join(d, name), "rb") as f:
            grobid_tei_xml.parse_document_xml(f.read())
EOF

# One thread: --jobs 1 when the binary has it, else rayon's variable.
if "$bin" convert --help 2>/dev/null | grep -q -- '--jobs'; then
  one=(env "$bin" convert --jobs 1 --to json)
else
  one=(env RAYON_NUM_THREADS=1 "$bin" convert --to json)
fi

declare -A cmd
cmd[teimeta_1]="${one[*]} $work/c1"
cmd[teimeta_all]="$bin convert --to json $work/c1"
cmd[xmllint]="xmllint --noout $(echo "$work"/c1/*.xml)"
cmd[grobid_tei_xml]="$venv/bin/python $work/grobid_driver.py $work/c1"
cmd[floor]="$floor $work/c1"
order=(teimeta_1 teimeta_all xmllint grobid_tei_xml floor)

# Wall time from date(1) in nanoseconds (time's own is in 10 ms steps); peak RSS and CPU
# time (user + system) from time. Appends "wall kB user sys" to $work/NAME.
time_one() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$work/t" bash -c "exec $2" >/dev/null 2>"$work/err" || {
    echo "compare.sh: $1 failed:" >&2; tail -n 5 "$work/err" >&2; exit 2; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 ))e-6 $(cat "$work/t")" >> "$work/$1"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

for name in "${order[@]}"; do bash -c "${cmd[$name]}" >/dev/null 2>&1 || true; done # warm the page cache
for ((r = 0; r < runs; r++)); do
  for name in "${order[@]}"; do time_one "$name" "${cmd[$name]}"; done
done
for ((r = 0; r < 3; r++)); do
  time_one rss_1 "$bin convert --to json $work/c1"
  time_one rss_10 "$bin convert --to json $work/c10"
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(uname -sr)"
echo "corpus: $files generated GROBID-shaped files, $((bytes / 1000)) kB ($((bytes / files)) bytes each on average); medians of $runs alternating runs"
printf '%-16s %9s %10s %9s %9s %11s\n' tool 'wall s' files/s MB/s 'CPU s' 'peak RSS'
declare -A secs cpu
for name in "${order[@]}"; do
  s=$(cut -d' ' -f1 "$work/$name" | median)
  k=$(cut -d' ' -f2 "$work/$name" | median)
  c=$(awk '{ print $3 + $4 }' "$work/$name" | median)
  secs[$name]=$s
  cpu[$name]=$c
  awk -v n="$name" -v s="$s" -v k="$k" -v c="$c" -v f="$files" -v b="$bytes" \
    'BEGIN { if (s <= 0) s = 0.005; printf "%-16s %9.3f %10.0f %9.1f %9.2f %8.1f MB\n", n, s, f / s, b / s / 1e6, c, k / 1000 }'
done
rss1=$(cut -d' ' -f2 "$work/rss_1" | median)
rss10=$(cut -d' ' -f2 "$work/rss_10" | median)

# Validate of one file from process start.
c1_files=("$work"/c1/*.xml)
one_file=${c1_files[0]}
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 5 -r 50 --export-json "$work/hf.json" "$bin validate $one_file" >/dev/null 2>&1
  validate_ms=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'] * 1000)" "$work/hf.json")
  how="hyperfine, median of 50"
else
  for ((i = 0; i < 50; i++)); do
    s=$(date +%s%N); "$bin" validate "$one_file" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done > "$work/v"
  validate_ms=$(median < "$work/v" | awk '{ print $1 / 1000 }')
  how="median of 50 runs"
fi

t1=${secs[teimeta_1]}
echo
echo "ratios (target); one-thread ratios by wall time, and by CPU time in brackets (steadier on a busy machine):"
awk -v t1="$t1" -v ta="${secs[teimeta_all]}" -v x="${secs[xmllint]}" -v g="${secs[grobid_tei_xml]}" \
  -v fl="${secs[floor]}" -v c1="${cpu[teimeta_1]}" -v cx="${cpu[xmllint]}" -v cg="${cpu[grobid_tei_xml]}" \
  -v cf="${cpu[floor]}" -v r1="$rss1" -v r10="$rss10" -v v="$validate_ms" -v how="$how" 'BEGIN {
  if (c1 <= 0) c1 = 0.005
  printf "  teimeta 1 thread vs grobid_tei_xml:   %6.1fx  [%5.1fx]  (>= 30x)\n", g / t1, cg / c1
  printf "  teimeta 1 thread vs xmllint --noout:  %6.2fx  [%5.2fx]  (>= 2x)\n", x / t1, cx / c1
  printf "  teimeta 1 thread / quick-xml floor:   %6.2f   [%5.2f ]  (>= 0.6)\n", fl / t1, cf / c1
  printf "  teimeta all cores / one thread:       %6.2fx            (>= 1.6x on 2 cores; wall time)\n", t1 / ta
  printf "  peak RSS on 10x files / on 1x:        %6.2f             (<= 1.2; %.1f MB vs %.1f MB)\n", r10 / r1, r10 / 1000, r1 / 1000
  printf "  validate one file from process start: %6.2f ms          (<< 10 ms; %s)\n", v, how
}'
