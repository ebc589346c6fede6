#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another on one core, each until its edge coverage has not
# grown for PLATEAU minutes (default 20) or for at most SECONDS (default 600), and prints per
# target: executions, executions per second, coverage, when new coverage last came and why the
# run stopped.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]     PLATEAU=30 scripts/fuzz.sh 7200 extract_html
# (needs `cargo install cargo-fuzz` and the nightly toolchain)
# The corpus fuzz/corpus/<target>/ (not committed) starts from fuzz/seeds/<target>/, the
# fixtures and the minimized corpus of earlier runs (fuzz/kept/<target>.tar.xz, written by
# scripts/fuzz-keep.sh), and keeps what each run finds; a crash stops that target and is written to
# fuzz/artifacts/<target>/ (keep it in tests/crashers/ once fixed). Logs go to target/fuzz-logs/.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
plateau=${PLATEAU:-20}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract_auto extract_html extract_text warc server_json)
logs=$PWD/target/fuzz-logs
mkdir -p "$logs"
(cd fuzz && cargo +nightly fuzz build -O -s none) || exit 1
for t in "${targets[@]}"; do
  # The corpus starts from the fixtures, the committed seeds (inputs no fixture has) and the
  # kept corpus, and keeps what earlier runs on this machine found.
  mkdir -p "fuzz/corpus/$t"
  cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
  # Earlier runs' coverage, so a new checkout carries on where they stopped (files are named by
  # their content's hash, so nothing already there is overwritten).
  [ -f "fuzz/kept/$t.tar.xz" ] && tar -xJf "fuzz/kept/$t.tar.xz" -C "fuzz/corpus/$t" --skip-old-files
  case $t in
    extract_html) cp -n fixtures/html/rule-*.html fixtures/html/figure-caption-credit.html "fuzz/corpus/$t/" ;;
    extract_text) cp -n fixtures/text/*.txt "fuzz/corpus/$t/" ;;
    extract_auto) cp -n fixtures/html/rule-*.html fixtures/text/*.txt "fuzz/corpus/$t/" ;;
    warc) cp -n fixtures/warc/*.warc.gz "fuzz/corpus/$t/" ;;
  esac
  # Each target's dictionary (fuzz/dicts/): the tokens its parser and rules look for.
  case $t in
    extract_html) dicts=(html) ;;
    extract_text) dicts=(text) ;;
    extract_auto) dicts=(html text) ;;
    *) dicts=("$t") ;;
  esac
  dict=$logs/$t.dict
  (cd fuzz/dicts && cat "${dicts[@]/%/.dict}") > "$dict"
  # The watcher reads libFuzzer's log as it is written, notes the wall-clock time of each rise in
  # edge coverage ("cov"; the feature count "ft" keeps creeping up far longer) and interrupts the
  # fuzzer once none has come for the plateau; libFuzzer then prints its final statistics.
  python3 - "$t" "$logs/$t.log" "$secs" "$plateau" "$dict" <<'PY'
import os, re, signal, subprocess, sys, threading, time
target, path, secs, plateau, dict_ = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) * 60, sys.argv[5]
cmd = ["cargo", "+nightly", "fuzz", "run", "-O", "-s", "none", target, f"corpus/{target}", "--",
       f"-max_total_time={secs}", "-max_len=16384", "-timeout=10", "-rss_limit_mb=2048",
       "-print_final_stats=1", f"-dict={dict_}"]
start = time.monotonic()
proc = subprocess.Popen(cmd, cwd="fuzz", stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                        start_new_session=True, text=True, errors="replace")
state = {"cov": -1, "at": start, "inited": None, "stopped": ""}
def watch():
    while proc.poll() is None:
        time.sleep(5)
        now = time.monotonic()
        if state["inited"] is not None and now - state["at"] > plateau:
            state["stopped"] = f"plateau: no new coverage for {plateau / 60:g} min"
            os.killpg(proc.pid, signal.SIGINT)
            return
threading.Thread(target=watch, daemon=True).start()
execs = 0
with open(path, "w", encoding="utf-8") as log:
    for line in proc.stdout:
        log.write(line)
        m = re.match(r"#(\d+)\s+(\w+)\s+cov: (\d+)", line)
        if not m:
            continue
        execs, kind, cov = int(m[1]), m[2], int(m[3])
        if kind == "INITED":
            state["inited"] = time.monotonic()
        if cov > state["cov"]:
            state["cov"], state["at"] = cov, time.monotonic()
status = proc.wait()
text = open(path, encoding="utf-8", errors="replace").read()
stat = dict(re.findall(r"stat::(\w+):\s+(\d+)", text))
execs = int(stat.get("number_of_executed_units", execs))
wall = time.monotonic() - start
fuzzing = time.monotonic() - (state["inited"] or start)
crash = ("CRASH" if "panicked" in text or "deadly signal" in text else
         "timeout" if "ERROR: libFuzzer: timeout" in text else
         "out of memory" if "out-of-memory" in text else "")
# libFuzzer ends its own run at -max_total_time; a SIGINT from elsewhere (exit 72, "run
# interrupted") before that is someone stopping it by hand.
interrupted = "run interrupted" in text and wall < secs
why = crash or state["stopped"] or ("interrupt" if interrupted else "time limit")
print(f"{target:13} execs {execs:>10} exec/s {execs / max(fuzzing, 1):>7.0f} cov {state['cov']:>6} "
      f"last new coverage {(state['at'] - start) / 60:.1f} min into {wall / 60:.1f} min; "
      f"stopped by {why} (exit {status})", flush=True)
PY
done
