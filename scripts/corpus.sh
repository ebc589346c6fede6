#!/usr/bin/env bash
# Corpus run: extracts every page of ../shared/corpora/aeb in each form (html, region, text)
# with a release build and scores the bodies with ../shared/eval/score.py.
# Usage: scripts/corpus.sh [FORM...]   (default: region text html)
# Output JSONL goes to target/corpus/<form>.jsonl; pass WORST=N to list the N worst pages.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
aeb=$shared/corpora/aeb
forms=("$@")
[ ${#forms[@]} -gt 0 ] || forms=(region text html)
cargo build --release --quiet -p copydesk-cli
mkdir -p target/corpus
for form in "${forms[@]}"; do
  out=target/corpus/$form.jsonl
  start=$(date +%s.%N)
  target/release/copydesk extract --format jsonl "$aeb/$form" > "$out"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  printf '%-7s %s  (%.2f s)\n' "$form" "$(python3 "$shared/eval/score.py" "$aeb/ground-truth.json" "$out" ${WORST:+--worst "$WORST"} | head -n $((1 + ${WORST:-0})))" "$secs"
done
