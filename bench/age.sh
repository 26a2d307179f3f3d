#!/usr/bin/env bash
# Age: is the cost of a write flat with a license's age? A license's stored state keeps only its latest issuances
# (the rest is history rows written once beside it), so a license issued 121 bodies should cost per request what
# a new one does. On one scratch PostgreSQL, the service co-hosted (run.sh's c2), each on a fresh database:
#   new:  purchase N licenses (the seed), restart the service, measure;
#   aged: purchase N licenses, renew each of them BENCH_AGE_RENEWALS times (a month on each time, unmeasured, at
#         the run's concurrency, every answer 200), restart the service, measure.
# Before the restart PostgreSQL is vacuumed, analysed and checkpointed, so neither run's measured phases carry
# the database's catch-up on what was written just before them. The restart makes both runs start from storage:
# every license is activated again by its first request, in the warm-up, from the state row an old license used
# to carry its whole history in. The driver keeps its licenses across the restart (--save-book, --load-book), so
# the later runs send each license's next request and check replays byte for byte.
# After the restart: BENCH_WARMUP s of warm-up, a driver run of its own with one closed:existing phase (the
# issue's mix without PURCHASE and TERMINATE), reported beside the others; then the measured phases closed:renew,
# closed:read and closed:write; per phase req/s, p50/p99, and the service's and PostgreSQL's CPU per request.
# PURCHASE and TERMINATE replace the prepared licenses with new ones (the usual mixed warm-up alone would purchase
# twice as many licenses as were seeded), so only closed:write has them, and it comes last: the warm-up,
# closed:renew and closed:read act on the prepared licenses only.
# The pair runs BENCH_AGE_ROUNDS times, new and aged in turn (new first in odd rounds, aged first in even ones),
# each on a fresh database: on two cores one run's CPU per request varies by more than the difference sought, so
# the table gives each figure's median over the rounds and the CPU costs' range.
# Read off the database before the restart and at the end: the size of the license state rows (Licenses.State)
# and the count of issuance history rows (LicenseIssuances). Over the measured phases: PostgreSQL's WAL
# (pg_stat_wal) per issuance written, and the service's JIT compilation and GC pauses (its /metrics): on two cores
# the JIT is still busy after a 20 s warm-up, and its share of the service's CPU differs from process to process.
# Results: bench/results/age-postgresql.json and .md (or age-sqlite.*; with BENCH_AGE_BALLAST=1 age-postgresql-ballast.*).
# With BENCH_AGE_BALLAST=1 the new licenses' database first gets as many other licenses (PURCHASE_IDs Z…), aged
# as the aged run's are and never touched again, so both runs' databases hold as much history: what differs is the
# age of the licenses measured, not the size of the tables they are written to.
# Usage: bash bench/age.sh    (env: BENCH_AGE_SEED=2000 licenses, BENCH_AGE_RENEWALS=120, BENCH_AGE_ROUNDS=3, BENCH_AGE_BALLAST=0,
#                              BENCH_AGE_STORAGE=postgresql|sqlite, BENCH_CONCURRENCY=32, BENCH_DURATION=10, BENCH_WARMUP=20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seed=${BENCH_AGE_SEED:-2000}
renewals=${BENCH_AGE_RENEWALS:-120}
rounds=${BENCH_AGE_ROUNDS:-3}
ballast=${BENCH_AGE_BALLAST:-0}
storage=${BENCH_AGE_STORAGE:-postgresql}
out=$root/bench/results
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
mkdir -p "$out"

case $storage in
  postgresql | sqlite) ;;
  *) echo "bench/age.sh: BENCH_AGE_STORAGE is postgresql or sqlite, not '$storage'" >&2; exit 1 ;;
esac
[[ $renewals =~ ^[1-9][0-9]*$ ]] || { echo "bench/age.sh: BENCH_AGE_RENEWALS must be a positive number, not '$renewals'" >&2; exit 1; }
[[ $ballast =~ ^[01]$ ]] || { echo "bench/age.sh: BENCH_AGE_BALLAST is 0 or 1, not '$ballast'" >&2; exit 1; }
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "bench/age.sh: BENCH_AGE_ROUNDS must be a positive number, not '$rounds'" >&2; exit 1; }

build src/Frontend bench/Driver
database_pid=()
if [ "$storage" = postgresql ]; then
  start_postgres
  database_pid=(--database-pid "$postmaster")
fi

start_service() {
  local name=$1
  start "$name" env "${service_env[@]}" dotnet "$frontend_dll" --environment Development
  service=$pid
  wait_http "http://127.0.0.1:$http_port/health/ready" "$service" "$name"
}

# state_facts: the measured licenses' rows (not the ballast's), their state's average and largest size in bytes,
# and the database's issuance rows, as four JSON values (null when they cannot be read: SQLite without sqlite3).
state_facts() {
  local query="SELECT count(*), coalesce(round(avg(length(State)), 1) || '', 'null'), coalesce(max(length(State)) || '', 'null'),
    (SELECT count(*) FROM LicenseIssuances) FROM Licenses WHERE PurchaseId NOT LIKE 'Z%'"
  if [ "$storage" = postgresql ]; then
    psql_ -d "$database" -At -F ' ' -c "$query"
  elif command -v sqlite3 >/dev/null; then
    sqlite3 -separator ' ' "$data/licensing.db" "$query"
  else
    echo null null null null
  fi
}

# wal: PostgreSQL's WAL so far, bytes and full-page images (the whole server's: only one service runs at a time).
wal() {
  if [ "$storage" = postgresql ]; then psql_ -At -F ' ' -c "SELECT wal_bytes, wal_fpi FROM pg_stat_wal"; else echo 0 0; fi
}

# runtime: the service's JIT compilation time (s) and methods compiled so far, and its GC pauses (s).
runtime() {
  curl -sf "http://127.0.0.1:$http_port/metrics" | awk '
    $1 ~ /^dotnet_jit_compilation_time_seconds_total/ { jit += $2 }
    $1 ~ /^dotnet_jit_compiled_methods_total/ { methods += $2 }
    $1 ~ /^dotnet_gc_pause_time_seconds_total/ { gc += $2 }
    END { printf "%.6f %.0f %.6f\n", jit, methods, gc }'
}

# measure VARIANT ROUND: one run on a fresh database; VARIANT is new or aged.
measure() {
  local variant=$1 round=$2 age=0 name=$1-$2
  if [ "$variant" = aged ]; then age=$renewals; fi
  echo "== round $round of $rounds: $variant licenses, $seed renewed $age times each ($storage)"
  service_ports
  data=$scratch/data-$name
  database=age_${variant}_$round
  mkdir -p "$data"
  service_env=(Licensing__DataDirectory="$data" Urls="http://127.0.0.1:$http_port"
    Licensing__Cluster__SiloPort="$silo_port" Licensing__Cluster__GatewayPort="$gateway_port")
  if [ "$storage" = postgresql ]; then
    psql_ -c "CREATE DATABASE $database"
    service_env+=(Licensing__Storage__Provider=PostgreSql Licensing__Storage__ConnectionString="$(pg_connection "$database")")
  fi

  start_service "service-$name"
  local ballast_licenses=0
  if [ "$variant" = new ] && [ "$ballast" = 1 ]; then
    # Other licenses, aged as the aged run's are and never touched again: the new licenses are then measured in a
    # database that holds as much history as the aged run's, so what differs is the measured licenses' age alone.
    ballast_licenses=$seed
    driver run --url "http://127.0.0.1:$http_port" --label "age-$name-ballast" -c "$concurrency" --prefix "Z$round" --seed "$seed" \
      --age "$renewals" --seed-only --no-progress --json "$raw/$name-ballast.json" | grep -E '^aged ' | sed 's/^/ballast: /'
  fi
  driver run --url "http://127.0.0.1:$http_port" --label "age-$name-seed" -c "$concurrency" --seed "$seed" --age "$age" --seed-only \
    --pid "$service" "${database_pid[@]}" --no-progress --json "$raw/$name-seed.json" --save-book "$scratch/$name-book.json" \
    | grep -E '^(seed:|age:|aged )'
  stop "$service"
  # Both runs are measured on a settled database: autovacuum's and the checkpointer's work on what the seed and
  # the aging wrote (in the aged run 240,000 history and audit rows, written in a minute and a half) is done here,
  # not during the measured phases on PostgreSQL's CPU. A license that aged over ten years brings none of it along.
  if [ "$storage" = postgresql ]; then
    psql_ -d "$database" -c "VACUUM ANALYZE"
    psql_ -c "CHECKPOINT"
  fi
  local facts rows_before avg_before max_before issuances_before rows_after avg_after max_after issuances_after
  local wal_bytes_before wal_fpi_before wal_bytes_after wal_fpi_after
  local jit_seconds_before jit_methods_before gc_pause_before jit_seconds_after jit_methods_after gc_pause_after issuances_measured_from
  facts=$(state_facts)
  read -r rows_before avg_before max_before issuances_before <<<"$facts"
  echo "before measuring: $rows_before licenses, state $avg_before bytes on average, $max_before at most; $issuances_before issuance rows"

  # A fresh process: every license is read from storage again by its first request, in the warm-up. The warm-up
  # is a phase of its own driver run, so that what the runtime and PostgreSQL did is read between it and the
  # measured phases.
  start_service "restart-$name"
  if awk -v w="$warmup" 'BEGIN { exit !(w > 0) }'; then
    driver run --url "http://127.0.0.1:$http_port" --label "age-$name-warm-up" -c "$concurrency" -d "$warmup" --load-book "$scratch/$name-book.json" \
      --save-book "$scratch/$name-book.json" --seed 0 --warmup 0 -p closed:existing \
      --pid "$service" "${database_pid[@]}" --no-progress --json "$raw/$name-warmup.json" | sed 's/^closed:existing/warm-up &/' | grep -E '^warm-up'
  fi
  issuances_measured_from=null
  if [ "$storage" = postgresql ]; then issuances_measured_from=$(psql_ -d "$database" -At -c "SELECT count(*) FROM LicenseIssuances"); fi
  facts=$(wal)
  read -r wal_bytes_before wal_fpi_before <<<"$facts"
  facts=$(runtime)
  read -r jit_seconds_before jit_methods_before gc_pause_before <<<"$facts"
  driver run --url "http://127.0.0.1:$http_port" --label "age-$name" -c "$concurrency" -d "$duration" --load-book "$scratch/$name-book.json" \
    --seed 0 --warmup 0 -p closed:renew closed:read closed:write \
    --pid "$service" "${database_pid[@]}" --no-progress --json "$raw/$name-run.json" | grep -E '^closed'
  facts=$(wal)
  read -r wal_bytes_after wal_fpi_after <<<"$facts"
  facts=$(runtime)
  read -r jit_seconds_after jit_methods_after gc_pause_after <<<"$facts"
  stop "$service"
  facts=$(state_facts)
  read -r rows_after avg_after max_after issuances_after <<<"$facts"
  echo "after measuring: $rows_after licenses, state $avg_after bytes on average, $max_after at most; $issuances_after issuance rows"
  local wal_json='"walBytes": null, "walFullPageImages": null'
  if [ "$storage" = postgresql ]; then
    wal_json="\"walBytes\": $(awk -v a="$wal_bytes_after" -v b="$wal_bytes_before" 'BEGIN { printf "%.0f", a - b }'), \"walFullPageImages\": $((wal_fpi_after - wal_fpi_before))"
  fi

  local runtime_json
  runtime_json=$(awk -v a="$jit_seconds_after" -v b="$jit_seconds_before" -v m="$jit_methods_after" -v n="$jit_methods_before" \
    -v g="$gc_pause_after" -v h="$gc_pause_before" \
    'BEGIN { printf "\"jitSeconds\": %.3f, \"jitMethods\": %.0f, \"gcPauseSeconds\": %.3f", a - b, m - n, g - h }')

  cat >"$raw/$name-facts.json" <<EOF
{"variant": "$variant", "round": $round, "storage": "$storage", "licenses": $seed, "renewals": $age, "ballastLicenses": $ballast_licenses,
 "ballastRenewals": $((ballast_licenses > 0 ? renewals : 0)), "warmupSeconds": $warmup,
 "licenseRowsBefore": $rows_before, "stateBytesAvgBefore": $avg_before, "stateBytesMaxBefore": $max_before, "issuanceRowsBefore": $issuances_before,
 "issuanceRowsMeasuredFrom": $issuances_measured_from, "licenseRowsAfter": $rows_after, "stateBytesAvgAfter": $avg_after, "stateBytesMaxAfter": $max_after, "issuanceRowsAfter": $issuances_after,
 $wal_json, $runtime_json}
EOF
  if [ "$storage" = postgresql ]; then psql_ -c "DROP DATABASE $database"; fi
  rm -rf "$data"
}

# New and aged in turn, the first of a round alternating (new-aged, aged-new, …): a slower stretch of the machine
# or whatever the previous run left behind does not fall on one of them only.
for round in $(seq "$rounds"); do
  if ((round % 2)); then
    measure new "$round"
    measure aged "$round"
  else
    measure aged "$round"
    measure new "$round"
  fi
done

echo "== report"
name=age-$storage
if [ "$ballast" = 1 ]; then name=$name-ballast; fi
driver age-report --results "$raw" --out "$out" --name "$name"
echo "written: $out/$name.json, $out/$name.md"
