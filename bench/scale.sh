#!/usr/bin/env bash
# Scale: the service with 10k, 100k and 1M licenses stored. For each size, on a fresh database:
#   1. start the service (PostgreSQL co-hosted, or the embedded default) and purchase N licenses through the
#      KA endpoint (the seed phase: PURCHASE throughput as the table grows);
#   2. read the service's memory and its count of active license grains (all N are active after seeding):
#      memory per active license grain;
#   3. stop it and start it again: the time from start to /health/ready with N licenses stored;
#   4. drive the restarted service over all N licenses (warm-up, then write, read, mixed and open-loop phases):
#      most requests find their license not yet active, so they pay its activation from storage too. The cost
#      per request (service and PostgreSQL CPU per request) is compared across sizes (phase "drive");
#   5. request the billing report for 2016, a year that covers every seeded license, as CSV: time, bytes, lines,
#      pages and the service's peak resident memory; then the same request dropped by its client after
#      BENCH_BILLING_CANCEL_AFTER seconds: whether the service counted it cancelled, the pages it had read then
#      and 2 s later, and its CPU before and after the drop (the work stops: CPU falls back) (phase "billing");
#   6. log in to the operator console and time GET /console (the overview) and GET /console/licenses (the first
#      page), each once cold and then BENCH_CONSOLE_REPEATS times: the goal is 300 ms at 1M (phase "console").
# Results: bench/results/scale-postgresql.json and .md (or scale-sqlite.*).
# Usage: bash bench/scale.sh    (env: BENCH_SCALE_SIZES="10000 100000 1000000", BENCH_SCALE_STORAGE=postgresql|sqlite,
#                                BENCH_SCALE_PHASES="drive billing console" (any of them; seeding always runs),
#                                BENCH_SCALE_NAME=scale-<storage> (the results' file name),
#                                BENCH_BILLING_CANCEL_AFTER=1, BENCH_CONSOLE_REPEATS=10, BENCH_CONCURRENCY=32, BENCH_DURATION=10, BENCH_WARMUP=20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SCALE_SIZES:-10000 100000 1000000}
storage=${BENCH_SCALE_STORAGE:-postgresql}
phases=" ${BENCH_SCALE_PHASES:-drive billing console} "
cancel_after=${BENCH_BILLING_CANCEL_AFTER:-1}
console_repeats=${BENCH_CONSOLE_REPEATS:-10}
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

# cpu_ticks PID: the process's user + system CPU time so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# seconds_between START END: wall time between two `date +%s.%N` readings.
seconds_between() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }

# cores TICKS_START TICKS_END START END: CPU cores a process used between two readings.
cores() { awk -v a="$1" -v b="$2" -v s="$3" -v e="$4" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz / (e - s) }'; }

# sample_peak_rss PID FILE: until killed, keeps the process's peak resident memory (KiB) in FILE.
sample_peak_rss() {
  local peak=0 now
  while kill -0 "$1" 2>/dev/null; do
    now=$(rss_kib "$1" 2>/dev/null || echo 0)
    if [ "${now:-0}" -gt "$peak" ]; then peak=$now; echo "$peak" >"$2"; fi
    sleep 0.05
  done
}

# billing_phase N: the report over every stored license, then the same request dropped after $cancel_after s.
billing_phase() {
  local n=$1 from=2016-01-01 to=2016-12-31
  local url="http://127.0.0.1:$http_port/operator/billing?from=$from&to=$to&format=csv"
  local pages0 rss0 sampler result status seconds bytes lines pages peak
  pages0=$(metric '^licensing_billing_pages_total')
  rss0=$(rss_kib "$service")
  echo "$rss0" >"$scratch/billing-peak"
  sample_peak_rss "$service" "$scratch/billing-peak" &
  sampler=$!
  result=$(curl -s -u operator:operator-dev -o "$scratch/billing.csv" -w '%{http_code} %{time_total} %{size_download}' "$url")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  pages=$(($(metric '^licensing_billing_pages_total') - pages0))
  peak=$(cat "$scratch/billing-peak")
  read -r status seconds bytes <<<"$result"
  lines=$(($(wc -l <"$scratch/billing.csv") - 1))
  rm -f "$scratch/billing.csv"
  echo "billing $from..$to: HTTP $status in ${seconds}s, $bytes bytes, $lines lines, $pages pages, service RSS $((rss0 / 1024)) MiB before, $((peak / 1024)) MiB peak"

  # The dropped request: curl gives up after $cancel_after s and closes the connection, as a client that goes away.
  local cancelled0 s0 s1 s2 s3 t0 t1 t2 t3 dropped later outcome=completed
  cancelled0=$(metric '^licensing_billing_reports_total\{.*outcome="cancelled"')
  pages0=$(metric '^licensing_billing_pages_total')
  s0=$(date +%s.%N); t0=$(cpu_ticks "$service")
  curl -s -u operator:operator-dev -o /dev/null --max-time "$cancel_after" "$url" || true
  s1=$(date +%s.%N); t1=$(cpu_ticks "$service")
  sleep 0.5
  dropped=$(($(metric '^licensing_billing_pages_total') - pages0))
  s2=$(date +%s.%N); t2=$(cpu_ticks "$service")
  sleep 2
  s3=$(date +%s.%N); t3=$(cpu_ticks "$service")
  later=$(($(metric '^licensing_billing_pages_total') - pages0))
  if [ "$(metric '^licensing_billing_reports_total\{.*outcome="cancelled"')" -gt "$cancelled0" ]; then outcome=cancelled; fi
  echo "billing dropped after $(seconds_between "$s0" "$s1")s: $outcome; pages read $dropped, 2 s later $later; service CPU $(cores "$t0" "$t1" "$s0" "$s1") cores before the drop, $(cores "$t2" "$t3" "$s2" "$s3") after"
  cat >"$raw/$n-billing.json" <<EOF
{"from": "$from", "to": "$to", "httpStatus": $status, "seconds": $seconds, "bytes": $bytes, "lines": $lines, "pages": $pages,
 "rssMiBBefore": $(awk -v k="$rss0" 'BEGIN { printf "%.1f", k / 1024 }'), "peakRssMiB": $(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }'),
 "cancelAfterSeconds": $(seconds_between "$s0" "$s1"), "cancelledOutcome": "$outcome", "pagesBeforeCancel": $dropped, "pagesAfterCancel": $later,
 "cpuCoresBeforeCancel": $(cores "$t0" "$t1" "$s0" "$s1"), "cpuCoresAfterCancel": $(cores "$t2" "$t3" "$s2" "$s3")}
EOF
}

# console_phase N: logs in to the console as a browser does (the login form and its antiforgery token), then times
# the overview and the first page of licenses: once cold, then $console_repeats times (median and max).
console_phase() {
  local n=$1 base="http://127.0.0.1:$http_port" jar="$scratch/console-cookies" token
  rm -f "$jar"
  token=$(curl -sf -c "$jar" -b "$jar" "$base/console/login" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode _handler=login --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode Input.UserName=operator --data-urlencode Input.Password=operator-dev "$base/console/login"
  local path label status first times median max json=()
  for path in /console /console/licenses; do
    label=${path#/console}; label=${label#/}; label=${label:-overview}
    read -r status first < <(curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}\n' "$base$path")
    times=()
    for _ in $(seq "$console_repeats"); do times+=("$(curl -s -b "$jar" -o /dev/null -w '%{time_total}' "$base$path")"); done
    read -r median max < <(printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { printf "%.1f %.1f\n", t[int((NR + 1) / 2)] * 1000, t[NR] * 1000 }')
    first=$(awk -v s="$first" 'BEGIN { printf "%.1f", s * 1000 }')
    echo "console GET $path: HTTP $status, first (cold) ${first} ms, then median ${median} ms, max ${max} ms of $console_repeats"
    if [ "$label" = overview ]; then
      json+=("\"overviewStatus\": $status, \"overviewFirstMs\": $first, \"overviewMedianMs\": $median, \"overviewMaxMs\": $max")
    else
      json+=("\"listStatus\": $status, \"listFirstMs\": $first, \"listMedianMs\": $median, \"listMaxMs\": $max")
    fi
  done
  echo "{\"repeats\": $console_repeats, ${json[0]}, ${json[1]}}" >"$raw/$n-console.json"
}

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

  if [[ $phases == *" drive "* ]]; then
    driver run --url "http://127.0.0.1:$http_port" --label "scale-$n" -c "$concurrency" -d "$duration" --prefix "$prefix" --resume "$n" \
      --seed 0 --warmup "$warmup" -p closed:write closed:read closed:mixed open:mixed:50% \
      --pid "$service" "${database_pid[@]}" --no-progress --json "$raw/$n-run.json" | grep -E '^(closed|open)'
  fi
  if [[ $phases == *" billing "* ]]; then
    billing_phase "$n"
  fi
  if [[ $phases == *" console "* ]]; then
    console_phase "$n"
  fi
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
name=${BENCH_SCALE_NAME:-scale-$storage}
driver scale-report --results "$raw" --out "$out" --name "$name"
echo "written: $out/$name.json, $out/$name.md"
