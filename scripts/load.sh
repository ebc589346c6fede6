#!/usr/bin/env bash
# Load benchmark of copydesk-server on loopback (not a test): wrk posts the seed article and the
# largest corpus page at 8 and 64 connections; prints requests/s, p50 and p99 latency, errors,
# and the server's peak RSS. Needs `wrk` (Debian: apt-get install wrk).
#
#   bash scripts/load.sh            # 10 s per run
#   DURATION=30s bash scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cargo build --release --quiet -p copydesk-server
work=$(mktemp -d)
server=
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

seed=fixtures/text/foxnews-russia-us-brink.txt
corpus=../shared/corpora/aeb/html
if [ -d "$corpus" ]; then
  large=$(find "$corpus" -name '*.html.gz' -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2)
else
  large=$(find fixtures/html -name '*.html.gz' -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2)
fi
gunzip -c "$large" > "$work/large.html"

target/release/copydesk-server --addr 127.0.0.1:0 2> "$work/server.log" &
server=$!
for _ in $(seq 100); do grep -q "addr=" "$work/server.log" 2>/dev/null && break; sleep 0.1; done
addr=$(grep -o 'addr=[0-9.:]*' "$work/server.log" | head -n 1 | cut -d= -f2)

lua() { # body file, content type
  cat > "$work/post.lua" <<LUA
wrk.method = "POST"
local f = io.open("$1", "rb"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "$2"
LUA
}

printf '%-8s %-6s %10s %10s %10s %8s\n' page conns req/s p50 p99 errors
run() { # name, file, type, connections
  lua "$2" "$3"
  out=$(wrk -t2 -c"$4" -d"$duration" --latency -s "$work/post.lua" "http://$addr/v1/extract")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10} /Non-2xx/ {print $4}' <<<"$out" | paste -sd+ | bc)
  printf '%-8s %-6s %10s %10s %10s %8s\n' "$1" "$4" "$rps" "$p50" "$p99" "${errors:-0}"
}
for c in 8 64; do
  run seed "$seed" "text/plain; charset=utf-8" "$c"
  run large "$work/large.html" "text/html" "$c"
done
echo "largest page: $(basename "$large") ($(wc -c < "$work/large.html") bytes)"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"
