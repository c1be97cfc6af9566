#!/usr/bin/env bash
# Reproduces every figure in perf/README.md in one run: the BenchmarkDotNet suite and its allocation budgets, then a
# private redis-server, one Release node seeded with demo data, and the load generator running each scenario closed
# (maximum rate) then open at 50% of that rate, h2load's cross-check, and the network run.
# Usage: perf/run.sh [extra load generator options, e.g. --duration 20 --scenarios ping,settle]
# Environment: BENCHMARKS=0 skips the benchmarks; H2LOAD_SECONDS, NETWORK_SECONDS and EVERYSEC_SECONDS set those runs' lengths.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v redis-server >/dev/null || { echo "perf/run.sh needs redis-server (apt-get install -y redis-server)"; exit 1; }
dotnet build -c Release perf/Adjudication.LoadTest -v quiet -nologo

if [ "${BENCHMARKS:-1}" != 0 ]; then
  echo "## benchmarks (BenchmarkDotNet short job, then the allocation budgets)"
  (cd perf/Adjudication.Benchmarks && dotnet run -c Release -- --filter '*' --artifacts ../results/benchmarks \
    && dotnet run -c Release --no-build -- --check-budgets ../results/benchmarks)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(free_port)
node_port=$(free_port)
workdir=$(mktemp -d)
cleanup() {
  [ -n "${node_pid:-}" ] && kill "$node_pid" 2>/dev/null || true
  for pidfile in "$workdir/redis.pid" "$workdir/everysec/redis.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$workdir"
}
trap cleanup EXIT

# Production-like persistence: every acknowledged settlement is fsynced before the reply (README: Storage). The AOF is
# not rewritten during the run: a rewrite (a fork and a full copy to disk) is maintenance that production schedules off
# peak, and here it stalled fsyncs for hundreds of milliseconds in the middle of measured runs. Redis's latency monitor
# records every fsync slower than 20 ms, printed after the one-node run.
start_redis() { # <port> <fsync policy> <folder>
  mkdir -p "$3"
  redis-server --port "$1" --bind 127.0.0.1 --appendonly yes --appendfsync "$2" --auto-aof-rewrite-percentage 0 \
    --latency-monitor-threshold 20 --save '' --dir "$3" --daemonize yes --pidfile "$3/redis.pid"
}
start_node() { # <redis port> <node port>
  dotnet src/Adjudication.Cli/bin/Release/net10.0/adjudication.dll node \
    --redis "127.0.0.1:$1" --port "$2" --key-prefix perf --plaintext > "$workdir/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 300); do
    grep -q "listening" "$workdir/node.log" && return
    kill -0 "$node_pid" 2>/dev/null || { cat "$workdir/node.log"; exit 1; }
    sleep 0.1
  done
}
start_redis "$redis_port" always "$workdir"

# Nothing is pinned: the node, Redis and the generator share both cores, and the report gives each one's CPU per call.
start_node "$redis_port" "$node_port"

echo; echo "## one node"
dotnet perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll \
  --address "http://127.0.0.1:$node_port" --redis "127.0.0.1:$redis_port" --key-prefix perf --out perf/results \
  --h2load-bodies "$workdir/h2load" "$@"
echo; echo "## Redis fsyncs slower than 20 ms during the one-node run (event, last at, last ms, worst ms)"
redis-cli -p "$redis_port" latency latest

# Independent cross-check of our generator: h2load (Debian nghttp2-client) replays the same gRPC bodies, closed
# model, 16 streams like our 16 callers. h2load counts HTTP status only; both bodies are checked by our run above.
if command -v h2load >/dev/null; then
  echo; echo "## h2load cross-check (closed model, 4 connections x 4 streams)"
  for call in ping:adjudication.v1.DiagnosticsService/Ping presettle:adjudication.v1.SettlementService/PreSettle; do
    name=${call%%:*}; path=${call#*:}
    rate=$(h2load -D "${H2LOAD_SECONDS:-10}" -c 4 -m 4 -d "$workdir/h2load/$name.bin" \
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
  --duration "${NETWORK_SECONDS:-10}"
# Cross-province settle at 1,000/s offered, the rate of its latency target: as above, then with the thread pool's idle
# workers not spinning. Eleven nodes share one process's thread pool here, where each would have its own machine.
echo; echo "## network, cross-province settle at 1,000/s offered"
dotnet perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll \
  --network --redis "127.0.0.1:$redis_port" --key-prefix perfnet --out perf/results/network-1000 \
  --scenarios settle-cross-province --rate 1000 --duration "${NETWORK_SECONDS:-10}"
echo; echo "## the same, DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll \
  --network --redis "127.0.0.1:$redis_port" --key-prefix perfnet --out perf/results/network-1000-nospin \
  --scenarios settle-cross-province --rate 1000 --duration "${NETWORK_SECONDS:-10}"

# The same node and settle with appendfsync everysec: fsync leaves the reply path, which isolates what this machine's
# disk adds to each settle's latency (README: Storage explains why production keeps always).
echo; echo "## one node, Redis appendfsync everysec"
everysec_port=$(free_port)
start_redis "$everysec_port" everysec "$workdir/everysec"
start_node "$everysec_port" "$node_port"
dotnet perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll \
  --address "http://127.0.0.1:$node_port" --redis "127.0.0.1:$everysec_port" --key-prefix perf --out perf/results/everysec \
  --scenarios settle,ping --duration "${EVERYSEC_SECONDS:-10}"

# Redis alone, without the node: what the settle script costs inside Redis, and the fsync floor of appendfsync always.
echo; echo "## Redis alone"
perf/redis-floor.sh
