#!/usr/bin/env bash
# Where a durable write's CPU goes: the service co-hosted on a scratch PostgreSQL, driven with closed-loop
# writes (or the phase given), sampled system-wide with perf for 10 s in the middle of the phase. Prints the CPU
# split between the service, PostgreSQL and the driver, the per-request cost of each, and the service's time by
# component (inclusive, as a share of the service's own samples).
# Needs perf (Debian: linux-perf) and root or kernel.perf_event_paranoid <= 0 for system-wide sampling.
# Usage: bash bench/profile.sh    (env: BENCH_PROFILE_PHASE=closed:write, BENCH_CONCURRENCY=32, BENCH_WARMUP=20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
phase=${BENCH_PROFILE_PHASE:-closed:write}
concurrency=${BENCH_CONCURRENCY:-32}
warmup=${BENCH_WARMUP:-20}
command -v perf >/dev/null || { echo "perf is not installed (Debian: apt-get install linux-perf)" >&2; exit 2; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

build src/Frontend bench/Driver
start_postgres
psql_ -c "CREATE DATABASE profile"
free_port; http_port=$port; free_port; silo_port=$port; free_port; gateway_port=$port
mkdir -p "$scratch/data"
# The perf map lets perf name JIT-compiled .NET frames.
start service env DOTNET_PerfMapEnabled=1 Licensing__DataDirectory="$scratch/data" Urls="http://127.0.0.1:$http_port" \
  Licensing__Cluster__SiloPort="$silo_port" Licensing__Cluster__GatewayPort="$gateway_port" \
  Licensing__Storage__Provider=PostgreSql Licensing__Storage__ConnectionString="$(pg_connection profile)" \
  dotnet "$frontend_dll" --environment Development
service=$pid
wait_http "http://127.0.0.1:$http_port/health/ready" "$service" service

# The phase runs 30 s; perf samples its middle 10 s (after seed and warm-up, which take warm-up + ~5 s).
driver run --url "http://127.0.0.1:$http_port" --label profile -c "$concurrency" -d 30 --seed 2000 --warmup "$warmup" \
  --pid "$service" --database-pid "$postmaster" -p "$phase" --no-progress --json "$raw/profile.json" >"$scratch/driver.log" 2>&1 &
driver_pid=$!
sleep $((warmup + 15))
perf record -F 999 -a -g -o "$scratch/perf.data" -- sleep 10 >/dev/null 2>&1
wait "$driver_pid"
grep -E "^$phase" "$scratch/driver.log"
throughput=$(grep -oE "= [0-9]+/s" "$scratch/driver.log" | tail -n 1 | tr -dc 0-9)
stop "$service"

report() { perf report -i "$scratch/perf.data" --stdio -g none "$@" 2>/dev/null | grep -vE '^(#|$)'; }
samples=$(perf script -i "$scratch/perf.data" -F pid 2>/dev/null | wc -l)
echo
echo "== CPU by process ($samples samples over 10 s on $(nproc) CPUs; 999 Hz); µs of CPU per answered request at $throughput/s"
perf script -i "$scratch/perf.data" -F pid,comm 2>/dev/null | awk -v svc="$service" -v drv="$driver_pid" -v total="$samples" -v rps="$throughput" '
  { who = ($1 == svc) ? "service" : ($1 == drv) ? "driver" : ($2 == "postgres") ? "postgres" : "other"; n[who]++ }
  END { for (w in n) printf "  %-9s %5.1f%% of all samples  %6.0f µs/request\n", w, 100 * n[w] / total, n[w] / 999 * 1e6 / 10 / rps }'

echo
echo "== the service by component (inclusive, % of the service's samples; components overlap where one calls another)"
service_samples=$(perf script -i "$scratch/perf.data" --pid "$service" -F pid 2>/dev/null | wc -l)
report --pid "$service" --children --sort sym >"$scratch/children.txt"
report --pid "$service" --no-children --sort comm >"$scratch/threads.txt"
report --pid "$service" --no-children --sort dso >"$scratch/dsos.txt"
component() {
  local name=$1 pattern=$2
  local share
  share=$(grep -E "$pattern" "$scratch/children.txt" | head -n 1 | awk '{ print $1 }' | tr -d %)
  awk -v n="$name" -v s="${share:-0}" -v t="$samples" -v st="$service_samples" 'BEGIN { printf "  %-44s %5.1f%%\n", n, s * t / st }'
}
component "HTTP request (Kestrel, whole request)" 'HttpProtocol\+<ProcessRequests>'
component "  form reading" 'FormFeature::InnerReadFormAsync'
component "  KA endpoint handler (parse, grain call, answer)" 'KaEndpoint\+<Handle>d__[0-9]+::MoveNext'
component "grain turn: LicenseGrain.Issue" 'LicenseGrain\+<Issue>d__[0-9]+::MoveNext'
component "  signing (Ed25519 + JWS)" 'SigningKeyRing::Sign'
component "  storage write (Orleans ADO.NET provider)" 'AdoNetGrainStorage\+<WriteStateAsync>'
component "    state serialization" 'OrleansGrainStorageSerializer::Serialize'
component "    Npgsql command" 'NpgsqlCommand\+<ExecuteReader>'
component "Orleans messaging (message loop)" 'ActivationData\+<RunMessageLoop>'
component "OpenTelemetry metrics" 'OpenTelemetry.Metrics.AggregatorStore::Update'
awk -v t="$samples" -v st="$service_samples" '/Tiered Com/ { printf "  %-44s %5.1f%%\n", "JIT (tiered compilation thread)", $1 * t / st }' "$scratch/threads.txt"
awk -v t="$samples" -v st="$service_samples" '/Server GC|BGC/ { s += $1 } END { printf "  %-44s %5.1f%%\n", "GC threads", s * t / st }' "$scratch/threads.txt"
awk -v t="$samples" -v st="$service_samples" '/kernel/ { printf "  %-44s %5.1f%%\n", "kernel (sockets, scheduling, page faults)", $1 * t / st }' "$scratch/dsos.txt"
awk -v t="$samples" -v st="$service_samples" '/libsodium/ { printf "  %-44s %5.1f%%\n", "libsodium (Ed25519)", $1 * t / st }' "$scratch/dsos.txt"
