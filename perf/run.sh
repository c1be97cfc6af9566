#!/usr/bin/env bash
# Reproduces every figure in perf/README.md in one run: the BenchmarkDotNet suite and its allocation budgets, then a
# private redis-server, one Release node seeded with demo data, and the load generator running each scenario closed
# (maximum rate) then open at 50% of that rate, h2load's cross-check, mTLS against plaintext, and the network run.
# Usage: perf/run.sh [extra load generator options, e.g. --duration 20 --scenarios ping,settle]
#        perf/run.sh --tls-only [extra options for both of its runs, e.g. --duration 5]: only the mTLS-vs-plaintext step
#        (a private Redis, a plaintext node and a TLS node), about 2.5 minutes a round.
#        perf/run.sh --import-only: only the reference-data import (IMPORT_PERSONS persons, default 1,000,000, into a
#        node with no demo data, with the node's memory), about 2 minutes.
#        perf/run.sh --against REV [extra options]: only the before/after step: the settle's cost on a node built from
#        git revision REV against one built from the working tree, each on a fresh node, alternating, AGAINST_ROUNDS
#        rounds (default 3), about 3 minutes a round; each round also runs the settle open at AGAINST_RATE (default
#        2,500/s) on both sides.
#        perf/run.sh --clearing-feed-only [extra options]: only the clearing feed step: the cross-province settle on the
#        in-process network with every node's clearing feed on against off (Node:ClearingFeed), alternating,
#        CLEARING_ROUNDS rounds (default 3), about 1.5 minutes a round.
#        perf/run.sh --network-against REV [extra options]: only the network before/after step: the cross-province settle
#        (six layers) on the demo network in the generator's process, the generator built from git revision REV against
#        the working tree's, alternating, AGAINST_ROUNDS rounds (default 3), about 1.5 minutes a round.
#        perf/run.sh --json-only [extra options]: only the JSON gateway step (a node with mutual TLS; gRPC Settle and the
#        national JSON 2207 over HTTP/1.1, alternating, twice each), about 2 minutes.
#        perf/run.sh --telemetry-only [extra options]: only the telemetry step (a node exporting traces, metrics and logs
#        over OTLP to a local sink and serving /metrics, against a node exporting nothing), about 2.5 minutes a round.
# Environment: BENCHMARKS=0 skips the benchmarks; H2LOAD_SECONDS, NETWORK_SECONDS and EVERYSEC_SECONDS set those runs'
# lengths; TLS_ROUNDS=N repeats the mTLS-vs-plaintext pair N times (default 1), TELEMETRY_ROUNDS=N the telemetry pair (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
tls_only=0
telemetry_only=0
import_only=0
json_only=0
against=""
network_against=""
clearing_only=0
if [ "${1:-}" = --tls-only ]; then tls_only=1; shift; fi
if [ "${1:-}" = --telemetry-only ]; then telemetry_only=1; tls_only=1; shift; fi
if [ "${1:-}" = --import-only ]; then import_only=1; tls_only=1; shift; fi
if [ "${1:-}" = --json-only ]; then json_only=1; tls_only=1; shift; fi
if [ "${1:-}" = --clearing-feed-only ]; then clearing_only=1; tls_only=1; shift; fi
if [ "${1:-}" = --network-against ]; then network_against=${2:?--network-against needs a git revision}; tls_only=1; shift 2; fi
if [ "${1:-}" = --against ]; then against=${2:?--against needs a git revision}; tls_only=1; shift 2; fi

command -v redis-server >/dev/null || { echo "perf/run.sh needs redis-server (apt-get install -y redis-server)"; exit 1; }
dotnet build -c Release perf/Adjudication.LoadTest -v quiet -nologo

if [ "$tls_only" = 0 ] && [ "${BENCHMARKS:-1}" != 0 ]; then
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
  [ -n "${plain_node_pid:-}" ] && kill "$plain_node_pid" 2>/dev/null || true
  [ -n "${tls_node_pid:-}" ] && kill "$tls_node_pid" 2>/dev/null || true
  [ -n "${side_node_pid:-}" ] && kill "$side_node_pid" 2>/dev/null || true
  [ -n "${import_node_pid:-}" ] && kill "$import_node_pid" 2>/dev/null || true
  [ -n "${sink_pid:-}" ] && kill "$sink_pid" 2>/dev/null || true
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
cli() { dotnet src/Adjudication.Cli/bin/Release/net10.0/adjudication.dll "$@"; }
load() { dotnet perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll "$@"; }
# Starts a node in the background, sets <pid variable> to its process id and waits for "listening" in its log.
# NODE_DLL picks another build of the CLI (the --against step's base revision).
launch_node() { # <pid variable> <log> <redis port> <node port> <key prefix> <listener options...>
  local pid_var=$1 log=$2 redis=$3 port=$4 key_prefix=$5; shift 5
  dotnet "${NODE_DLL:-src/Adjudication.Cli/bin/Release/net10.0/adjudication.dll}" node \
    --redis "127.0.0.1:$redis" --port "$port" --key-prefix "$key_prefix" "$@" > "$log" 2>&1 &
  printf -v "$pid_var" %s $!
  for _ in $(seq 1 300); do
    grep -q "listening" "$log" && return
    kill -0 "${!pid_var}" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
}
start_node() { # <redis port> <node port>
  launch_node node_pid "$workdir/node.log" "$1" "$2" perf --plaintext
}

# mTLS against plaintext: two fresh nodes on the run's Redis, one in the development mode (--plaintext) and one with
# mutual TLS under a node certificate of a CA made for this run, then ping and settle against the plaintext node and
# at once against the TLS node, so both are measured on the same machine state. The generator issues itself an
# institution and an operator certificate from that CA and keeps one long-lived channel for each, so a connection's
# handshake is paid once and no call pays one. Each round starts both nodes afresh under new key prefixes: the
# generator re-seeds its persons on every start, which leaves every person snapshot a node already cached stale, and
# the first settle per person would then pay a retry (perf/README.md "mTLS vs plaintext"). Prints the settle
# throughput ratio mTLS / plaintext (target: at least 0.90) and each one's latency and processor time per settle.
# The national JSON interface (issue 17): a node with mutual TLS, the same 20-line settle sent as gRPC Settle and as a
# JSON 2207 envelope over HTTP/1.1 (as HIS send it), alternating so drift on a shared machine touches both; the report's
# "settle-json / settle" is the throughput ratio of the best closed-model runs (target: at least 0.7).
json_step() { # <redis port> [extra generator options]
  local redis=$1 certs="$workdir/json-certs" port; shift
  cli certs ca --out "$certs" > /dev/null
  cli certs issue --ca "$certs" --kind node --id M-140100 --out "$certs" > /dev/null
  port=$(free_port)
  launch_node side_node_pid "$workdir/node-json.log" "$redis" "$port" perf-json \
    --tls-cert "$certs/M-140100.crt.pem" --tls-key "$certs/M-140100.key.pem" --tls-ca "$certs/ca.crt.pem"
  load --address "https://127.0.0.1:$port" --certs "$certs" --redis "127.0.0.1:$redis" --key-prefix perf-json \
    --scenarios ping,settle,settle-json,settle,settle-json --out perf/results/json "$@"
  kill "$side_node_pid" 2>/dev/null || true; unset side_node_pid
}

tls_step() { # <redis port> [extra generator options for both runs]
  local redis=$1 certs="$workdir/certs" round suffix plain_port tls_port; shift
  cli certs ca --out "$certs" > /dev/null
  cli certs issue --ca "$certs" --kind node --id M-140100 --out "$certs" > /dev/null
  # The TLS node checks every call against a revocation list of CRL_SERIALS (default 1,000; 0: no list) serials of no
  # certificate in use, as a network that has revoked certificates for years would: the check is part of what mTLS costs.
  local crl=()
  if [ "${CRL_SERIALS:-1000}" -gt 0 ]; then
    # shellcheck disable=SC2046
    cli certs revoke --ca "$certs" --serial $(python3 -c "import secrets; print(' '.join(secrets.token_hex(16) for _ in range(${CRL_SERIALS:-1000})))") > /dev/null
    crl=(--tls-crl "$certs/ca.crl.pem")
  fi
  for round in $(seq 1 "${TLS_ROUNDS:-1}"); do
    suffix=""; [ "$round" = 1 ] || suffix="-$round"
    plain_port=$(free_port); tls_port=$(free_port)
    launch_node plain_node_pid "$workdir/node-plain$suffix.log" "$redis" "$plain_port" "perf-plain$suffix" --plaintext
    launch_node tls_node_pid "$workdir/node-tls$suffix.log" "$redis" "$tls_port" "perf-tls$suffix" \
      --tls-cert "$certs/M-140100.crt.pem" --tls-key "$certs/M-140100.key.pem" --tls-ca "$certs/ca.crt.pem" "${crl[@]}"
    echo; echo "### plaintext, round $round, $(date -u +%T) UTC"
    load --address "http://127.0.0.1:$plain_port" --redis "127.0.0.1:$redis" --key-prefix "perf-plain$suffix" \
      --scenarios ping,settle --out "perf/results/plaintext$suffix" "$@"
    echo; echo "### mutual TLS, round $round, $(date -u +%T) UTC"
    load --address "https://127.0.0.1:$tls_port" --certs "$certs" --redis "127.0.0.1:$redis" \
      --key-prefix "perf-tls$suffix" --scenarios ping,settle --out "perf/results/tls$suffix" "$@"
    kill "$plain_node_pid" "$tls_node_pid" 2>/dev/null || true; unset plain_node_pid tls_node_pid
  done
  echo; echo "## mTLS vs plaintext (perf/results/plaintext*/, perf/results/tls*/)"
  python3 - "${TLS_ROUNDS:-1}" <<'PY'
import json, statistics, sys

def pick(folder, name, closed):
    with open(f"perf/results/{folder}/report.json") as f:
        found = [r for r in json.load(f)["runs"] if r["Name"] == name and (r["OfferedRate"] == 0) == closed]
    return max(found, key=lambda r: r["AchievedRate"]) if found else None

def cpu(run):  # processor time per call of node, Redis and generator, and their sum (None without counters)
    cost = run.get("Cost") or {}
    parts = [cost.get("NodeCpuMicros"), cost.get("RedisCpuMicros"), cost.get("GeneratorCpuMicros")]
    return parts + [None if None in parts else sum(parts)]

def cell(value, format):
    return "-" if value is None else format.format(value)

rates, costs = [], []
print("| round | transport | ping/s closed | settle/s closed | p50 ms | p99 ms | open settle/s | open p50 ms | open p99 ms | CPU µs/settle: node | Redis | generator | total |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in range(1, int(sys.argv[1]) + 1):
    suffix = "" if n == 1 else f"-{n}"
    seen = {}
    for label, folder in (("plaintext", "plaintext" + suffix), ("mTLS", "tls" + suffix)):
        ping, closed, opened = pick(folder, "ping", True), pick(folder, "settle", True), pick(folder, "settle", False)
        seen[label] = (ping["AchievedRate"], closed["AchievedRate"], cpu(closed)[3])
        print(f"| {n} | {label} | {ping['AchievedRate']:,.0f} | {closed['AchievedRate']:,.0f} | {closed['p50']:.3f} | {closed['p99']:.3f} | "
              + (f"{opened['AchievedRate']:,.0f} | {opened['p50']:.3f} | {opened['p99']:.3f} | " if opened else "- | - | - | ")
              + " | ".join(cell(v, "{:.1f}") for v in cpu(closed)) + " |")
    (ping_p, settle_p, cost_p), (ping_t, settle_t, cost_t) = seen["plaintext"], seen["mTLS"]
    rates.append(settle_t / settle_p)
    costs.append(cost_t / cost_p if cost_p and cost_t else None)
    print(f"| {n} | **mTLS / plaintext** | {ping_t / ping_p:.2f} | **{settle_t / settle_p:.2f}** | | | | | | | | | {cell(costs[-1], '{:.2f}')} |")

def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    text = f"{statistics.median(values):.2f}"
    return text + (f" (median of {len(values)} rounds: {', '.join(f'{v:.2f}' for v in values)})" if len(values) > 1 else "")

print()
print(f"settle throughput, mTLS / plaintext: {summary(rates)}; target >= 0.90 (mTLS costs at most 10%): "
      + ("met" if statistics.median(rates) >= 0.90 else "missed"))
print(f"CPU per settle (node + Redis + generator), mTLS / plaintext: {summary(costs)}; on a saturated machine the throughput ratio is about its inverse")
PY
}

# Telemetry on against off: per round, a fresh plaintext node exporting nothing and one sending traces, metrics and logs
# over OTLP (http/protobuf, spans batched every 100 ms, metrics every 10 s, as often as a Prometheus scrape) to a local sink that accepts and drops
# them, and serving Prometheus text on /metrics, each started alone and measured (ping, settle) before the other. Prints the settle throughput ratio
# exporting / off (target: at least 0.90).
telemetry_step() { # <redis port> [extra generator options for both runs]
  local redis=$1 round suffix port sink_port side; shift
  sink_port=$(free_port)
  python3 -c '
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0))); self.send_response(200); self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()' "$sink_port" &
  sink_pid=$!
  for round in $(seq 1 "${TELEMETRY_ROUNDS:-4}"); do
    suffix=""; [ "$round" = 1 ] || suffix="-$round"
    # Each side gets a node of its own, started just before it is measured and stopped after, so nothing else runs
    # meanwhile (two nodes started together made whichever side went first pay for the other's start-up). Odd rounds
    # measure "off" first, even rounds "exporting" first, so a drift of the machine does not favour one side.
    local order=(off on); [ $((round % 2)) = 0 ] && order=(on off)
    for side in "${order[@]}"; do
      port=$(free_port)
      if [ "$side" = off ]; then
        echo; echo "### telemetry off, round $round, $(date -u +%T) UTC"
        launch_node side_node_pid "$workdir/node-quiet$suffix.log" "$redis" "$port" "perf-quiet$suffix" --plaintext
        load --address "http://127.0.0.1:$port" --redis "127.0.0.1:$redis" --key-prefix "perf-quiet$suffix" \
          --scenarios ping,settle --out "perf/results/telemetry-off$suffix" "$@"
      else
        echo; echo "### telemetry exporting, round $round, $(date -u +%T) UTC"
        OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_BSP_SCHEDULE_DELAY=100 \
          OTEL_METRIC_EXPORT_INTERVAL=10000 launch_node side_node_pid "$workdir/node-exporting$suffix.log" "$redis" "$port" \
          "perf-exporting$suffix" --plaintext --Node:MetricsPort="$(free_port)"
        load --address "http://127.0.0.1:$port" --redis "127.0.0.1:$redis" --key-prefix "perf-exporting$suffix" \
          --scenarios ping,settle --out "perf/results/telemetry-on$suffix" "$@"
      fi
      kill "$side_node_pid" 2>/dev/null || true; wait "$side_node_pid" 2>/dev/null || true; unset side_node_pid
    done
  done
  kill "$sink_pid" 2>/dev/null || true; unset sink_pid
  echo; echo "## telemetry exporting vs off (perf/results/telemetry-off*/, perf/results/telemetry-on*/)"
  python3 - "${TELEMETRY_ROUNDS:-4}" <<'PY'
import json, statistics, sys

def settle_rate(folder):
    with open(f"perf/results/{folder}/report.json") as f:
        return max(r["AchievedRate"] for r in json.load(f)["runs"] if r["Name"] == "settle" and r["OfferedRate"] == 0)

ratios = []
for n in range(1, int(sys.argv[1]) + 1):
    suffix = "" if n == 1 else f"-{n}"
    off, on = settle_rate("telemetry-off" + suffix), settle_rate("telemetry-on" + suffix)
    ratios.append(on / off)
    print(f"round {n}: settle/s closed, telemetry off {off:,.0f}, exporting {on:,.0f}, ratio {on / off:.2f}")
median = statistics.median(ratios)
print(f"settle throughput, exporting / off: {median:.2f}; target >= 0.90: " + ("met" if median >= 0.90 else "missed"))
PY
}

# Reference data: a node with no demo data imports IMPORT_PERSONS (default 1,000,000) generated persons through
# 'adjudication import' (EnrolPersons, 5,000 a message), while the node's resident memory is sampled every 0.5 s.
import_step() { # <redis port>
  local redis=$1 port file rss_log sampler
  port=$(free_port); file="$workdir/persons.csv"; rss_log="$workdir/import-rss.txt"
  python3 perf/persons.py "${IMPORT_PERSONS:-1000000}" "$file"
  launch_node import_node_pid "$workdir/node-import.log" "$redis" "$port" perf-import --plaintext --no-seed
  (while kill -0 "$import_node_pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$import_node_pid/status" >> "$rss_log" 2>/dev/null; sleep 0.5; done) &
  sampler=$!
  # Processor time per person (user + system, from /proc/<pid>/stat in clock ticks) of the node, Redis and the CLI.
  local ticks node0 redis0 redis_pid cli_times
  ticks=$(getconf CLK_TCK); redis_pid=$(cat "$workdir/redis.pid"); cli_times="$workdir/import-cli-times.txt"
  node0=$(awk '{print $14 + $15}' "/proc/$import_node_pid/stat"); redis0=$(awk '{print $14 + $15}' "/proc/$redis_pid/stat")
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%U %S" -o "$cli_times" dotnet src/Adjudication.Cli/bin/Release/net10.0/adjudication.dll import --kind persons --file "$file" \
    --node "http://127.0.0.1:$port" --as "adjudication://agency/A14010000000?admdvs=140100" | tail -4
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "${IMPORT_PERSONS:-1000000}" "$ticks" "$node0" "$(awk '{print $14 + $15}' "/proc/$import_node_pid/stat")" \
    "$redis0" "$(awk '{print $14 + $15}' "/proc/$redis_pid/stat")" "$(cat "$cli_times")" <<'PY'
import sys
n, ticks = int(sys.argv[1]), int(sys.argv[2])
node = (int(sys.argv[4]) - int(sys.argv[3])) / ticks
redis = (int(sys.argv[6]) - int(sys.argv[5])) / ticks
cli = sum(float(x) for x in sys.argv[7].split()[-2:])
print(f"processor time per person: node {node / n * 1e6:.1f} us, Redis {redis / n * 1e6:.1f} us, CLI {cli / n * 1e6:.1f} us")
PY
  echo "node VmRSS (MB): at start $(( $(head -1 "$rss_log") / 1024 )), peak $(( $(sort -n "$rss_log" | tail -1) / 1024 )), at the end $(( $(tail -1 "$rss_log") / 1024 ))"
  kill "$import_node_pid" 2>/dev/null || true; wait "$import_node_pid" 2>/dev/null || true; unset import_node_pid
  kill "$sampler" 2>/dev/null || true
}

# Before/after: a node built from git revision <rev> (extracted with git archive into the run's folder) against one built
# from the working tree, per round each on a fresh node under a fresh key prefix, alternating which goes first, with
# ping and settle closed and open. Prints per side the settle's rate and the node's and Redis's CPU and the node's
# bytes per settle (open model, where the node keeps up, so background work such as the outbox is inside the window).
# The open run is at half of each side's own closed rate, so a slower side is measured at a lower rate, where Redis
# shares each fsync among fewer commands and fixed costs per second spread over fewer settles; each round therefore
# also runs the settle open at one rate for both sides (AGAINST_RATE, default 2,500/s), again on a fresh node under
# a fresh key prefix (a node that served the first run would hold every person's snapshot stale once the generator
# re-seeds them), and the report gives the CPU per settle of both.
against_node() { # <side> <log suffix> <redis port> <node port> <key prefix>
  if [ "$1" = base ]; then
    NODE_DLL="$workdir/base/src/Adjudication.Cli/bin/Release/net10.0/adjudication.dll" launch_node side_node_pid "$workdir/node-$1$2.log" "$3" "$4" "$5" --plaintext
  else
    launch_node side_node_pid "$workdir/node-$1$2.log" "$3" "$4" "$5" --plaintext
  fi
}
against_step() { # <redis port> <rev> [extra generator options for both runs]
  local redis=$1 rev=$2 base="$workdir/base" round suffix side port; shift 2
  mkdir -p "$base"; git archive "$rev" | tar -x -C "$base"
  dotnet build -c Release "$base/src/Adjudication.Cli" -v quiet -nologo > /dev/null
  for round in $(seq 1 "${AGAINST_ROUNDS:-3}"); do
    suffix="-$round"
    local order=(base head); [ $((round % 2)) = 0 ] && order=(head base)
    for side in "${order[@]}"; do
      port=$(free_port)
      echo; echo "### $side, round $round, $(date -u +%T) UTC"
      against_node "$side" "$suffix" "$redis" "$port" "perf-$side$suffix"
      load --address "http://127.0.0.1:$port" --redis "127.0.0.1:$redis" --key-prefix "perf-$side$suffix" \
        --scenarios ping,settle --out "perf/results/against-$side$suffix" "$@"
      kill "$side_node_pid" 2>/dev/null || true; wait "$side_node_pid" 2>/dev/null || true; unset side_node_pid
      port=$(free_port)
      echo; echo "### $side at ${AGAINST_RATE:-2500}/s, round $round, $(date -u +%T) UTC"
      against_node "$side" "$suffix-equal" "$redis" "$port" "perf-$side$suffix-equal"
      load --address "http://127.0.0.1:$port" --redis "127.0.0.1:$redis" --key-prefix "perf-$side$suffix-equal" \
        --scenarios settle --rate "${AGAINST_RATE:-2500}" --out "perf/results/against-$side$suffix-equal" "$@"
      kill "$side_node_pid" 2>/dev/null || true; wait "$side_node_pid" 2>/dev/null || true; unset side_node_pid
    done
  done
  echo; echo "## $rev (base) against the working tree (head): settle, per call (perf/results/against-*/)"
  python3 - "${AGAINST_ROUNDS:-3}" <<'PY'
import json, statistics, sys

def settle(folder, closed):
    with open(f"perf/results/{folder}/report.json") as f:
        runs = [r for r in json.load(f)["runs"] if r["Name"] == "settle" and (r["OfferedRate"] == 0) == closed]
    return runs[-1]

rows = {"base": [], "head": []}
for n in range(1, int(sys.argv[1]) + 1):
    for side in rows:
        closed, open_ = settle(f"against-{side}-{n}", True), settle(f"against-{side}-{n}", False)
        c = open_["Cost"]
        rows[side].append((closed["AchievedRate"], c["NodeCpuMicros"], c["RedisCpuMicros"], c["NodeBytes"]))
        print(f"round {n} {side}: {closed['AchievedRate']:,.0f} settles/s closed; open at {open_['OfferedRate']:,.0f}/s: node {c['NodeCpuMicros']:.1f} us, "
              f"Redis {c['RedisCpuMicros']:.1f} us, node+Redis {c['NodeCpuMicros'] + c['RedisCpuMicros']:.1f} us, {c['NodeBytes']:,.0f} B per settle")
med = {side: [statistics.median(v[i] for v in rows[side]) for i in range(4)] for side in rows}
b, h = med["base"], med["head"]
print(f"medians: rate {h[0] / b[0]:.2f}x, node CPU {h[1] / b[1]:.2f}x, Redis CPU {h[2] / b[2]:.2f}x, "
      f"node+Redis CPU {(h[1] + h[2]) / (b[1] + b[2]):.2f}x ({b[1] + b[2]:.1f} -> {h[1] + h[2]:.1f} us), bytes {h[3] / b[3]:.2f}x ({b[3]:,.0f} -> {h[3]:,.0f} B)")

# The same offered rate for both sides: CPU per settle compared at one load.
equal = {"base": [], "head": []}
for n in range(1, int(sys.argv[1]) + 1):
    for side in equal:
        r = settle(f"against-{side}-{n}-equal", False)
        c = r["Cost"]
        equal[side].append((c["NodeCpuMicros"], c["RedisCpuMicros"], c["NodeBytes"]))
        print(f"round {n} {side} at {r['OfferedRate']:,.0f}/s (achieved {r['AchievedRate']:,.0f}/s, p99 {r['p99']:.2f} ms): node {c['NodeCpuMicros']:.1f} us, "
              f"Redis {c['RedisCpuMicros']:.1f} us, node+Redis {c['NodeCpuMicros'] + c['RedisCpuMicros']:.1f} us, {c['NodeBytes']:,.0f} B per settle")
    pair = [equal[side][-1][0] + equal[side][-1][1] for side in equal]
    print(f"round {n} at one rate: node+Redis CPU {pair[1] / pair[0]:.2f}x")
med = {side: [statistics.median(v[i] for v in equal[side]) for i in range(3)] for side in equal}
b, h = med["base"], med["head"]
print(f"medians at one rate: node CPU {h[0] / b[0]:.2f}x, Redis CPU {h[1] / b[1]:.2f}x, "
      f"node+Redis CPU {(h[0] + h[1]) / (b[0] + b[1]):.2f}x ({b[0] + b[1]:.1f} -> {h[0] + h[1]:.1f} us), bytes {h[2] / b[2]:.2f}x ({b[2]:,.0f} -> {h[2]:,.0f} B)")
PY
}

# Prints the cross-province settle of network runs in pairs: per round the closed rate and, open model, the generator's
# (all eleven nodes') and Redis's CPU per settle; then the medians' ratios, <second> against <first>.
compare_network_runs() { # <results folder prefix> <rounds> <first> <second>
  python3 - "$@" <<'PY2'
import json, statistics, sys

prefix, rounds, sides = sys.argv[1], int(sys.argv[2]), sys.argv[3:5]

def run(folder, closed):
    with open(f"perf/results/{folder}/report.json") as f:
        runs = [r for r in json.load(f)["runs"] if r["Name"] == "settle-cross-province" and (r["OfferedRate"] == 0) == closed]
    return runs[-1]

rows = {side: [] for side in sides}
for n in range(1, rounds + 1):
    for side in sides:
        closed, open_ = run(f"{prefix}-{side}-{n}", True), run(f"{prefix}-{side}-{n}", False)
        c = open_["Cost"]
        rows[side].append((closed["AchievedRate"], c["GeneratorCpuMicros"], c["RedisCpuMicros"]))
        print(f"round {n} {side}: {closed['AchievedRate']:,.0f} settles/s closed; open at {open_['OfferedRate']:,.0f}/s: network {c['GeneratorCpuMicros']:.1f} us, "
              f"Redis {c['RedisCpuMicros']:.1f} us per settle; p99 {open_['p99']:.2f} ms")
med = {side: [statistics.median(v[i] for v in rows[side]) for i in range(3)] for side in sides}
b, h = med[sides[0]], med[sides[1]]
print(f"medians, {sides[1]} against {sides[0]}: closed rate {h[0] / b[0]:.2f}x ({b[0]:,.0f} -> {h[0]:,.0f} settles/s), network CPU {h[1] / b[1]:.2f}x, "
      f"Redis CPU {h[2] / b[2]:.2f}x, network+Redis CPU {(h[1] + h[2]) / (b[1] + b[2]):.2f}x ({b[1] + b[2]:.1f} -> {h[1] + h[2]:.1f} us)")
PY2
}

# One network run of the cross-province settle alone (six layers), under a fresh key prefix.
network_run() { # <generator dll> <redis port> <key prefix> <results folder> [extra generator options]
  local dll=$1 redis=$2 key_prefix=$3 out=$4; shift 4
  echo; echo "### $out, $(date -u +%T) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$dll" --network --redis "127.0.0.1:$redis" --key-prefix "$key_prefix" --scenarios settle-cross-province \
    --out "perf/results/$out" --duration "${NETWORK_SECONDS:-10}" "$@"
}

# The clearing feed on against off (issue 16's budget: throughput ratio >= 0.9): the same build, every node with
# Node:ClearingFeed false, then true, alternating which goes first, CLEARING_ROUNDS rounds (default 3).
clearing_feed_step() { # <redis port> [extra generator options for both runs]
  local redis=$1 round side; shift
  for round in $(seq 1 "${CLEARING_ROUNDS:-3}"); do
    local order=(off on); [ $((round % 2)) = 0 ] && order=(on off)
    for side in "${order[@]}"; do
      network_run perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll "$redis" "perffeed-$side-$round" \
        "clearing-feed-$side-$round" --clearing-feed "$([ "$side" = on ] && echo true || echo false)" "$@"
    done
  done
  echo; echo "## the clearing feed on against off: cross-province settle in the network (perf/results/clearing-feed-*/)"
  compare_network_runs clearing-feed "${CLEARING_ROUNDS:-3}" off on
}

# Network before/after: the demo network of the generator built from git revision <rev> against the working tree's, per
# round each under a fresh key prefix, alternating which goes first, with only the cross-province settle closed and
# open. All eleven nodes run in the generator's process, so its processor time per settle includes every hop's work
# and every outbox worker's.
network_against_step() { # <redis port> <rev> [extra generator options for both runs]
  local redis=$1 rev=$2 base="$workdir/base" round side dll; shift 2
  mkdir -p "$base"; git archive "$rev" | tar -x -C "$base"
  dotnet build -c Release "$base/perf/Adjudication.LoadTest" -v quiet -nologo > /dev/null
  for round in $(seq 1 "${AGAINST_ROUNDS:-3}"); do
    local order=(base head); [ $((round % 2)) = 0 ] && order=(head base)
    for side in "${order[@]}"; do
      dll=perf/Adjudication.LoadTest/bin/Release/net10.0/adjudication-load.dll
      [ "$side" = base ] && dll="$base/$dll"
      network_run "$dll" "$redis" "perfnet-$side-$round" "network-against-$side-$round" "$@"
    done
  done
  echo; echo "## $rev (base) against the working tree (head): cross-province settle in the network (perf/results/network-against-*/)"
  compare_network_runs network-against "${AGAINST_ROUNDS:-3}" base head
}

start_redis "$redis_port" always "$workdir"

if [ -n "$network_against" ]; then
  network_against_step "$redis_port" "$network_against" "$@"
  exit 0
fi
if [ "$clearing_only" = 1 ]; then
  clearing_feed_step "$redis_port" "$@"
  exit 0
fi

if [ -n "$against" ]; then
  against_step "$redis_port" "$against" "$@"
  exit 0
fi

if [ "$import_only" = 1 ]; then
  import_step "$redis_port"
  exit 0
fi
if [ "$json_only" = 1 ]; then
  echo; echo "## the national JSON interface: JSON 2207 against gRPC Settle (mutual TLS)"
  json_step "$redis_port" "$@"
  exit 0
fi
if [ "$telemetry_only" = 1 ]; then
  telemetry_step "$redis_port" "$@"
  exit 0
fi
if [ "$tls_only" = 1 ]; then
  echo; echo "## mTLS vs plaintext"
  tls_step "$redis_port" "$@"
  exit 0
fi

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

kill "$node_pid" 2>/dev/null || true; unset node_pid
echo; echo "## mTLS vs plaintext (ping and settle; a plaintext and a mutual-TLS node on the same Redis)"
tls_step "$redis_port"
echo; echo "## the national JSON interface: JSON 2207 against gRPC Settle (mutual TLS)"
json_step "$redis_port"
echo; echo "## telemetry exporting vs off"
telemetry_step "$redis_port"
echo; echo "## reference data: importing ${IMPORT_PERSONS:-1000000} persons"
import_step "$redis_port"

# The network: the demo network in one process (national, 4 provinces, 6 cities) on the same Redis, loaded at the
# Beijing city node: local settle, cross-city (4 layers) and cross-province (6 layers), and their ratios.
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

echo; echo "## the clearing feed on against off"
clearing_feed_step "$redis_port"

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
