#!/usr/bin/env bash
# What Redis alone costs on this machine, without the node: the settle script with fresh keys (Redis's time per call),
# and the fsync floor of appendfsync always (a script that writes one field against one that writes nothing, 16
# clients). Called by perf/run.sh; needs redis-server and redis-benchmark (Debian redis-server, redis-tools).
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --appendonly yes --appendfsync always --save '' --dir "$dir" \
  --daemonize yes --pidfile "$dir/redis.pid"
trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

# A settle of a visit treated in another city (ARGV 2 empty), for a person whose keys do not exist yet: every call
# takes the full path of the script and writes its four hashes. Arguments as scripts/settle.lua numbers them: the
# header, three accumulator triples (name, delta, after; zero deltas are not sent), then the visit copy.
sha=$(redis-cli -p "$port" script load "$(cat src/Adjudication.Storage/Scripts/settle.lua)")
body=$(head -c 170 /dev/zero | tr '\0' 'x')
redis-benchmark -p "$port" -q -n 20000 -c 16 -r 100000000 EVALSHA "$sha" 5 'st{__rand_int__}' 'msg{__rand_int__}' \
  'setl{__rand_int__}' 'visit{__rand_int__}' 'fil{__rand_int__}' 0 '' 0 digestdigestdigestdigestdigest12 "$body" \
  S0123456789 2026 1000 140100000000004500 H14010000001202611241855391750 5000 \
  3 elig 167300 167300 310100:paid 142205 142205 burden 115095 115095 visitjson 400000 0 10000 0 390000 >/dev/null
echo "settle.lua alone: $(redis-cli -p "$port" info commandstats | sed -n 's/^cmdstat_evalsha:.*usec_per_call=\([0-9.]*\).*/\1/p') µs of Redis per call"

p50() { redis-benchmark -p "$port" -q -n 20000 -c 16 "$@" | sed -n 's/.*p50=\([0-9.]*\) msec.*/\1/p' | tail -1; }
nothing=$(p50 EVAL "return 1" 0)
one=$(p50 -r 100000000 EVAL "redis.call('HSET', KEYS[1], 'a', ARGV[1]) return 1" 1 'k__rand_int__' v)
echo "appendfsync always, 16 clients: a script writing nothing p50 $nothing ms, writing one field p50 $one ms"
