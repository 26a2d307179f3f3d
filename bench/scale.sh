#!/usr/bin/env bash
# Scale: the service with 10k, 100k and 1M licenses stored. For each size, on a fresh database:
#   1. start the service (PostgreSQL co-hosted, or the embedded default) and purchase N licenses through the
#      KA endpoint (the seed phase: PURCHASE throughput as the table grows);
#   2. read the service's memory and its count of active license grains (all N are active after seeding):
#      memory per active license grain;
#   3. stop it and start it again: the time from start to /health/ready with N licenses stored;
#   4. drive the restarted service over all N licenses (warm-up, then write, read, mixed and open-loop phases):
#      most requests find their license not yet active, so they pay its activation from storage too. The cost
#      per request (service and PostgreSQL CPU per request) is compared across sizes.
# Results: bench/results/scale-postgresql.json and .md (or scale-sqlite.*).
# Usage: bash bench/scale.sh    (env: BENCH_SCALE_SIZES="10000 100000 1000000", BENCH_SCALE_STORAGE=postgresql|sqlite,
#                                BENCH_CONCURRENCY=32, BENCH_DURATION=10, BENCH_WARMUP=20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SCALE_SIZES:-10000 100000 1000000}
storage=${BENCH_SCALE_STORAGE:-postgresql}
out=$root/bench/results
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
mkdir -p "$out"

build src/Frontend bench/Driver
database_pid=()
if [ "$storage" = postgresql ]; then
  start_postgres
  database_pid=(--database-pid "$postmaster")
fi

# metric NAME_REGEX: the sum of the service's Prometheus samples whose name and labels match.
metric() {
  curl -sf "http://127.0.0.1:$http_port/metrics" | awk -v re="$1" '$0 !~ /^#/ && $1 ~ re { s += $2 } END { printf "%.0f\n", s }'
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

start_service() {
  local name=$1
  start "$name" env "${service_env[@]}" dotnet "$frontend_dll" --environment Development
  service=$pid
}

for n in $sizes; do
  echo "== $n licenses ($storage)"
  service_ports
  data=$scratch/data-$n
  mkdir -p "$data"
  service_env=(Licensing__DataDirectory="$data" Urls="http://127.0.0.1:$http_port"
    Licensing__Cluster__SiloPort="$silo_port" Licensing__Cluster__GatewayPort="$gateway_port")
  if [ "$storage" = postgresql ]; then
    psql_ -c "CREATE DATABASE scale_$n"
    service_env+=(Licensing__Storage__Provider=PostgreSql Licensing__Storage__ConnectionString="$(pg_connection "scale_$n")")
  fi

  start_service "service-$n"
  wait_http "http://127.0.0.1:$http_port/health/ready" "$service" "service-$n"
  heap_before=$(metric '^dotnet_gc_last_collection_heap_size_bytes')
  rss_before=$(rss_kib "$service")

  # 3 characters leave 7 digits: room for 10 million PURCHASE_IDs.
  prefix=S$(printf '%02d' $((RANDOM % 100)))
  driver run --url "http://127.0.0.1:$http_port" --label "seed-$n" -c "$concurrency" --prefix "$prefix" --seed "$n" --seed-only \
    --pid "$service" "${database_pid[@]}" --no-progress --json "$raw/$n-seed.json" | grep -E '^seed'
  sleep 2
  activations=$(metric '^orleans_catalog_activations\{.*grain_type="license"')
  heap_after=$(metric '^dotnet_gc_last_collection_heap_size_bytes')
  rss_after=$(rss_kib "$service")
  stop "$service"

  started=$(date +%s.%N)
  start_service "restart-$n"
  wait_http "http://127.0.0.1:$http_port/health/ready" "$service" "restart-$n"
  ready=$(date +%s.%N)
  database_mib=0
  if [ "$storage" = postgresql ]; then
    database_mib=$(psql_ -At -c "SELECT pg_database_size('scale_$n') / 1048576")
  else
    database_mib=$(du -sm "$data" | cut -f1)
  fi

  driver run --url "http://127.0.0.1:$http_port" --label "scale-$n" -c "$concurrency" -d "$duration" --prefix "$prefix" --resume "$n" \
    --seed 0 --warmup "$warmup" -p closed:write closed:read closed:mixed open:mixed:50% \
    --pid "$service" "${database_pid[@]}" --no-progress --json "$raw/$n-run.json" | grep -E '^(closed|open)'
  stop "$service"
  cat >"$raw/$n-facts.json" <<EOF
{"licenses": $n, "storage": "$storage", "activeLicenseGrains": $activations,
 "heapBytesBefore": $heap_before, "heapBytesAfter": $heap_after, "rssKiBBefore": $rss_before, "rssKiBAfter": $rss_after,
 "startToReadySeconds": $(awk -v s="$started" -v r="$ready" 'BEGIN { printf "%.2f", r - s }'), "databaseMiB": $database_mib}
EOF
  if [ "$storage" = postgresql ]; then psql_ -c "DROP DATABASE scale_$n"; fi
  rm -rf "$data"
done

echo "== report"
driver scale-report --results "$raw" --out "$out" --name "scale-$storage"
echo "written: $out/scale-$storage.json, $out/scale-$storage.md"
