#!/usr/bin/env bash
# Minimizes each target's corpus (fuzz/corpus/<target>/) to the inputs that still add coverage
# and writes it to fuzz/kept/<target>.tar.xz, the committed copy scripts/fuzz.sh starts from, so
# the coverage a run reached survives a fresh checkout. Prints files and bytes per target.
# Usage: scripts/fuzz-keep.sh [TARGET...]     (after scripts/fuzz.sh; needs cargo-fuzz and nightly)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract_auto extract_html extract_text warc server_json)
mkdir -p fuzz/kept target/fuzz-logs
for t in "${targets[@]}"; do
  [ -d "fuzz/corpus/$t" ] || { echo "$t: no corpus in fuzz/corpus/$t; run scripts/fuzz.sh first" >&2; exit 1; }
  # cmin keeps, in place, the smallest set of inputs with the corpus's whole coverage.
  (cd fuzz && cargo +nightly fuzz cmin -O -s none "$t" "corpus/$t" -- -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048) > "target/fuzz-logs/$t.cmin.log" 2>&1 \
    || { echo "$t: cmin failed, see target/fuzz-logs/$t.cmin.log" >&2; exit 1; }
  # The same corpus always gives the same bytes: sorted names, no times or owners.
  tar -C "fuzz/corpus/$t" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
    -cf - . | xz -9 -T1 > "fuzz/kept/$t.tar.xz"
  files=$(find "fuzz/corpus/$t" -type f | wc -l)
  bytes=$(find "fuzz/corpus/$t" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  printf '%-13s %6d files %9d bytes -> fuzz/kept/%s.tar.xz %8d bytes\n' "$t" "$files" "$bytes" \
    "$t" "$(stat -c %s "fuzz/kept/$t.tar.xz")"
done
