#!/usr/bin/env bash
# Reproduces every figure in perf/README.md: a private redis-server, one Release node seeded with demo data, and the
# load generator running each scenario closed (maximum rate) then open at 50% of that rate, in one run.
# Usage: perf/run.sh [extra load generator options, e.g. --duration 20 --scenarios ping,settle]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v redis-server >/dev/null || { echo "perf/run.sh needs redis-server (apt-get install -y redis-server)"; exit 1; }
dotnet build -c Release perf/Adjudication.LoadTest -v quiet -nologo

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(free_port)
node_port=$(free_port)
workdir=$(mktemp -d)
cleanup() {
  [ -n "${node_pid:-}" ] && kill "$node_pid" 2>/dev/null || true
  [ -f "$workdir/redis.pid" ] && kill "$(cat "$workdir/redis.pid")" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT

# Production-like persistence: every acknowledged settlement is fsynced before the reply.
redis-server --port "$redis_port" --bind 127.0.0.1 --appendonly yes --appendfsync always --save '' --dir "$workdir" \
  --daemonize yes --pidfile "$workdir/redis.pid"

# On 2 cores, keep the node and the generator off each other's core when taskset is there.
pin_node=(); pin_load=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then pin_node=(taskset -c 0); pin_load=(taskset -c 1); fi

"${pin_node[@]}" dotnet src/Adjudication.Cli/bin/Release/net10.0/adjudication.dll node \
  --redis "127.0.0.1:$redis_port" --port "$node_port" --key-prefix perf > "$workdir/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 1 300); do
  grep -q "listening" "$workdir/node.log" && break
  kill -0 "$node_pid" 2>/dev/null || { cat "$workdir/node.log"; exit 1; }
  sleep 0.1
done

"${pin_load[@]}" dotnet perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll \
  --address "http://127.0.0.1:$node_port" --redis "127.0.0.1:$redis_port" --key-prefix perf --out perf/results \
  --h2load-bodies "$workdir/h2load" "$@"

# Independent cross-check of our generator: h2load (Debian nghttp2-client) replays the same gRPC bodies, closed
# model, 16 streams like our 16 callers. h2load counts HTTP status only; both bodies are checked by our run above.
if command -v h2load >/dev/null; then
  echo; echo "## h2load cross-check (closed model, 4 connections x 4 streams)"
  for call in ping:adjudication.v1.DiagnosticsService/Ping presettle:adjudication.v1.SettlementService/PreSettle; do
    name=${call%%:*}; path=${call#*:}
    rate=$("${pin_load[@]}" h2load -D "${H2LOAD_SECONDS:-10}" -c 4 -m 4 -d "$workdir/h2load/$name.bin" \
      -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$node_port/$path" \
      | awk '/^finished in/ {print $4}')
    echo "h2load $name: $rate req/s"
    eval "h2_$name=$rate"
  done
  python3 -c "print('h2load presettle / ping: %.2f' % (float('$h2_presettle') / float('$h2_ping')))"
else
  echo "h2load not installed (apt-get install -y nghttp2-client): cross-check skipped"
fi

# The network: the demo network in one process (national, 4 provinces, 6 cities) on the same Redis, loaded at the
# Beijing city node: local settle, cross-city (4 layers) and cross-province (6 layers), and their ratios.
kill "$node_pid" 2>/dev/null || true; unset node_pid
echo; echo "## network"
dotnet perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll \
  --network --redis "127.0.0.1:$redis_port" --key-prefix perfnet --out perf/results/network \
  --duration "${NETWORK_SECONDS:-10}" --persons 256
