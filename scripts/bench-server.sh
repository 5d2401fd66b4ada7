#!/usr/bin/env bash
# Newsroom latency at scale: builds a data directory of N articles (default 100,000) from the demo
# corpus, serves it, and measures the story, person, search and home pages with wrk (Debian's
# package) from this machine. Prints req/s and p50/p95/p99 per page.
#
#     [WRITES=n] scripts/bench-server.sh [N] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
DATA=${2:-/tmp/kronika-bench-$N}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release -q -p cli -p engine --example fill_store
BIN=target/release/kronika
if [ ! -f "$DATA/kronika.db" ]; then
  "$BIN" --data "$DATA" demo --no-serve --site-port 0
fi
target/release/examples/fill_store "$DATA" "$N"
PORT=18181
LOG=$(mktemp)
KRONIKA_LOG=info "$BIN" --data "$DATA" serve --listen 127.0.0.1:$PORT >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
# Measure once the story book is built (it replays the newest articles at start).
for _ in $(seq 600); do grep -q "stories ready" "$LOG" && break; sleep 0.5; done
grep "stories ready" "$LOG" | sed 's/.*stories/stories/' 
SEED=$(curl -sf "http://127.0.0.1:$PORT/api/v1/search?q=Stoltenberg&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["article_id"])')
PERSON=$(curl -sf "http://127.0.0.1:$PORT/api/v1/people?q=Djukanovic&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
LUA=$(mktemp --suffix .lua)
cat > "$LUA" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("  req/s %.0f  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
echo "articles: $("$BIN" --data "$DATA" export --format csv 2>/dev/null | tail -n +2 | wc -l)"
for path in "/article/$SEED" "/" "/person/$PERSON" "/search?q=person:Djukanovic%20said:NATO" "/api/v1/articles?limit=50"; do
  echo "GET $path"
  wrk -t2 -c8 -d10s -s "$LUA" "http://127.0.0.1:$PORT$path" | tail -1
done
# WRITES=n: the home page again while another process commits n more articles into the same store
# (as `kronika watch` beside `kronika serve` does); the store keeps them.
if [ "${WRITES:-0}" -gt 0 ]; then
  NOW=$("$BIN" --data "$DATA" export --format csv 2>/dev/null | tail -n +2 | wc -l)
  target/release/examples/fill_store "$DATA" $((NOW + WRITES)) >/dev/null &
  FILL=$!
  sleep 3  # fill_store first loads the articles it copies
  echo "GET / while committing $WRITES articles"
  wrk -t2 -c8 -d10s -s "$LUA" "http://127.0.0.1:$PORT/" | tail -1
  wait $FILL
fi
