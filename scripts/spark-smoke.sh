#!/usr/bin/env bash
# Spark smoke test: pipes HTML pages through `copydesk extract --input jsonl -` as an
# `RDD.pipe` step of a local-mode Spark job (local[2]) and checks what comes back.
#
# Pages: the 181 of ../shared/corpora/aeb/html (or COPYDESK_SPARK_PAGES=DIR), else the
# bundled fixtures/html/*.html.gz, so a fresh clone without ../shared runs it too.
# Needs: python3 with venv, Java 17+ (installed from Debian's default-jre-headless when
# missing and running as root), and PyPI for pyspark, installed once into a cached venv
# (COPYDESK_SPARK_VENV, default ~/.cache/copydesk/spark-venv-$PYSPARK_VERSION).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

PYSPARK_VERSION=4.0.1
VENV=${COPYDESK_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk/spark-venv-$PYSPARK_VERSION}

if ! java -version >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "spark-smoke: no java; installing default-jre-headless" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "spark-smoke: Java is needed (install a JRE 17 or later)" >&2
    exit 1
  fi
fi

if ! "$VENV/bin/python" -c "import pyspark" >/dev/null 2>&1; then
  echo "spark-smoke: installing pyspark $PYSPARK_VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi

cargo build --release --locked --quiet -p copydesk-cli
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/copydesk"

PAGES=${COPYDESK_SPARK_PAGES:-../shared/corpora/aeb/html}
if ! compgen -G "$PAGES/*.html.gz" >/dev/null; then
  PAGES=fixtures/html
fi
PAGES=$(cd "$PAGES" && pwd)

export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
export SPARK_LOCAL_IP=127.0.0.1
"$VENV/bin/python" - "$BIN" "$PAGES" <<'PY'
"""Reads the pages as (path, bytes) pairs, makes one JSON line each, pipes the lines
through copydesk in every partition and checks the articles that come back."""
import glob
import gzip
import json
import os
import sys

from pyspark import SparkConf, SparkContext

binary, pages = sys.argv[1], sys.argv[2]
expected = sorted(os.path.basename(p) for p in glob.glob(os.path.join(pages, "*.html.gz")))

conf = (
    SparkConf()
    .setMaster("local[2]")
    .setAppName("copydesk-spark-smoke")
    .set("spark.ui.enabled", "false")
    .set("spark.ui.showConsoleProgress", "false")
)
sc = SparkContext(conf=conf)
sc.setLogLevel("ERROR")


def to_line(item):
    path, data = item
    html = gzip.decompress(data).decode("utf-8", errors="replace")
    return json.dumps({"id": os.path.basename(path), "html": html})


# binaryFiles packs small files into one split: spread them over four partitions, so four
# copydesk processes run, two at a time.
pages_rdd = sc.binaryFiles(f"file://{pages}/*.html.gz").repartition(4)
lines = pages_rdd.map(to_line)
# Spark runs one task per core already: one copydesk thread per task. checkCode makes a
# copydesk that reports a failed document (exit status 1) fail the job.
out = lines.pipe(f"{binary} extract -j 1 --input jsonl -", checkCode=True).collect()
partitions = lines.getNumPartitions()
sc.stop()

articles = [json.loads(line) for line in out]
ids = sorted(a["source"].get("id", "") for a in articles)
titled = sum(1 for a in articles if (a.get("title") or "").strip())
bodies = sum(1 for a in articles if a.get("text"))
problems = []
if len(articles) != len(expected):
    problems.append(f"{len(articles)} articles for {len(expected)} pages")
if ids != expected:
    problems.append("source.id does not round-trip: " + str(sorted(set(ids) ^ set(expected))[:5]))
if any(a["source"]["format"] != "html" for a in articles):
    problems.append("some article was not read as HTML")
if titled < 0.9 * len(expected):
    problems.append(f"only {titled} of {len(expected)} articles have a title")
if bodies < 0.9 * len(expected):
    problems.append(f"only {bodies} of {len(expected)} articles have a body")
print(
    f"spark-smoke: {len(expected)} pages from {pages} in {partitions} partitions: "
    f"{len(articles)} articles, {titled} with a title, {bodies} with a body"
)
for problem in problems:
    print(f"spark-smoke: FAILED: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo "spark-smoke: passed in $(( $(date +%s) - start )) s"
