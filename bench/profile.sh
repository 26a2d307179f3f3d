#!/usr/bin/env bash
# Where a durable write's CPU goes: the service co-hosted on a scratch PostgreSQL, driven with closed-loop
# writes (or the phase given), sampled system-wide with perf for 10 s in the middle of the phase. Prints the CPU
# split between the service, PostgreSQL and the driver, the per-request cost of each, and the service's time by
# component (inclusive, as a share of the service's own samples).
# Needs perf (Debian: linux-perf) and root or kernel.perf_event_paranoid <= 0 for system-wide sampling.
# Usage: bash bench/profile.sh    (env: BENCH_PROFILE_PHASE=closed:write, BENCH_CONCURRENCY=32, BENCH_WARMUP=20,
#                                  BENCH_PROFILE_KEEP=FILE to keep perf.data for `perf report -i FILE`)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
phase=${BENCH_PROFILE_PHASE:-closed:write}
command -v perf >/dev/null || { echo "perf is not installed (Debian: apt-get install linux-perf)" >&2; exit 2; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

build src/Frontend bench/Driver
start_postgres
psql_ -c "CREATE DATABASE profile"
service_ports
mkdir -p "$scratch/data"
# The perf map lets perf name JIT-compiled .NET frames; with W^X on, they run from a double mapping perf cannot name.
start service env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 Licensing__DataDirectory="$scratch/data" Urls="http://127.0.0.1:$http_port" \
  Licensing__Cluster__SiloPort="$silo_port" Licensing__Cluster__GatewayPort="$gateway_port" \
  Licensing__Storage__Provider=PostgreSql Licensing__Storage__ConnectionString="$(pg_connection profile)" \
  dotnet "$frontend_dll" --environment Development
service=$pid
wait_http "http://127.0.0.1:$http_port/health/ready" "$service" service

# The phase runs 30 s; perf samples its middle 10 s (after seed and warm-up, which take warm-up + ~5 s).
driver run --url "http://127.0.0.1:$http_port" --label profile -c "$concurrency" -d 30 --seed 2000 --warmup "$warmup" \
  --pid "$service" --database-pid "$postmaster" -p "$phase" --no-progress --json "$raw/profile.json" >"$scratch/driver.log" 2>&1 &
driver_pid=$!
sleep 2
driver_dotnet=$(pgrep -n -f "Bench.dll run --url http://127.0.0.1:$http_port" || echo none)
sleep $((warmup + 13))
perf record -F 999 -a -g -o "$scratch/perf.data" -- sleep 10 >/dev/null 2>&1
wait "$driver_pid"
grep -E "^$phase" "$scratch/driver.log"
throughput=$(grep -oE "= [0-9]+/s" "$scratch/driver.log" | tail -n 1 | tr -dc 0-9)
stop "$service"
if [ -n "${BENCH_PROFILE_KEEP:-}" ]; then cp "$scratch/perf.data" "$BENCH_PROFILE_KEEP"; fi

echo
perf script -i "$scratch/perf.data" -F comm,pid,ip,sym,dso 2>/dev/null \
  | python3 "$root/bench/perf_breakdown.py" "$service" "$driver_dotnet" "$throughput" 10 999
