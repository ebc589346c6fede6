#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another, each for SECONDS (default 600) on one core, and
# prints per target: executions, executions per second, coverage, and when new coverage last came.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (needs `cargo install cargo-fuzz` and nightly)
# The corpus fuzz/corpus/<target>/ (not committed) starts from fuzz/seeds/<target>/ and keeps
# what each run finds; a crash stops that target and is written to
# fuzz/artifacts/<target>/ (keep it in tests/crashers/ once fixed). Logs go to target/fuzz-logs/.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract_auto extract_html extract_text warc server_json)
logs=$PWD/target/fuzz-logs
mkdir -p "$logs"
for t in "${targets[@]}"; do
  # The corpus starts from the fixtures and the committed seeds (inputs no fixture has), and
  # keeps what earlier runs found.
  mkdir -p "fuzz/corpus/$t"
  cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
  case $t in
    extract_html) cp -n fixtures/html/rule-*.html fixtures/html/figure-caption-credit.html "fuzz/corpus/$t/" ;;
    extract_text) cp -n fixtures/text/*.txt "fuzz/corpus/$t/" ;;
    extract_auto) cp -n fixtures/html/rule-*.html fixtures/text/*.txt "fuzz/corpus/$t/" ;;
    warc) cp -n fixtures/warc/*.warc.gz "fuzz/corpus/$t/" ;;
  esac
  (cd fuzz && cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- \
    -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) \
    > "$logs/$t.log" 2>&1
  status=$?
  python3 - "$t" "$logs/$t.log" "$status" <<'PY'
import re, sys
target, path, status = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8", errors="replace").read()
stat = dict(re.findall(r"stat::(\w+):\s+(\d+)", text))
execs, rate = int(stat.get("number_of_executed_units", 0)), int(stat.get("average_exec_per_sec", 0)) or 1
# When the edge coverage ("cov") last grew; "ft" (features) keeps growing longer.
last, cov = 0, "?"
for n, c in re.findall(r"^#(\d+)\s+(?:NEW|REDUCE|pulse)\s+cov: (\d+)", text, re.M):
    if c != cov:
        last, cov = int(n), c
crash = "CRASH" if "panicked" in text or "deadly signal" in text else ("timeout" if "ERROR: libFuzzer: timeout" in text else "")
print(f"{target:13} exit {status:3} execs {execs:>10} exec/s {rate:>6} cov {cov:>6} "
      f"last new coverage at exec {last} (~{last / rate:.0f} s of ~{execs / rate:.0f} s) {crash}")
PY
done
