#!/usr/bin/env bash
# The performance benchmark: our service against the ceilings of its two layers, on this machine, in one run.
#   (a) the HTTP ceiling: bench/Ceiling, a bare minimal-API endpoint that reads the same form and answers a
#       license-sized body;
#   (b) the durable-storage ceiling: pgbench upserting a 1.5 KB bytea row, at the same concurrency;
#   (p) the peer: shared/bench/peer (beside the repository, "$root/../shared"), the same KA endpoint as one plain
#       ASP.NET Core + PostgreSQL process, on the same scratch PostgreSQL; every figure of the service is reported
#       as a ratio to it, and the issue's goals are checked against it;
#   (c) the service: embedded default (SQLite), PostgreSQL co-hosted (silo in the frontend process), and
#       PostgreSQL split (src/Silo + a frontend with SiloMode=External).
# Every configuration gets the same driver (bench/Driver) at the same concurrency: closed-loop write-only,
# read-only (replays + GET-INFO) and mixed phases, then open-loop mixed phases at fractions of its own maximum;
# the services also at half the peer's maximum mixed throughput (the rate of the peer's own open:mixed:50%).
# Results: bench/results/latest.json, latest.md (the table) and latency-throughput.svg.
# Usage: bash bench/run.sh        (env: BENCH_CONCURRENCY=32, BENCH_DURATION=10 seconds per phase, BENCH_SEED=2000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seed=${BENCH_SEED:-2000}
out=$root/bench/results
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
mkdir -p "$out"

# The peer's phases; the services get open:mixed:<half the peer's closed:mixed> as well, once the peer has run.
peer_phases=(closed:write closed:read closed:mixed open:mixed:25% open:mixed:50% open:mixed:75%)
driver_common=(-c "$concurrency" -d "$duration" --seed "$seed" --warmup "$warmup")

# The service's warnings that matter for performance: grain calls that blocked a scheduler thread.
report_warnings() {
  local name=$1
  local slow
  slow=$(grep -c 'longer than 00:00:01' "$scratch/$name.log" || true)
  echo "$name: $slow 'took elapsed time … longer than 00:00:01' warnings"
  echo "$name $slow" >>"$raw/warnings.txt"
}

# Each configuration gets a quiet PostgreSQL: the previous one's database is dropped (no autovacuum of its dead
# rows running into the next measurement) and a checkpoint writes out what it left dirty.
quiet_postgres() {
  psql_ -c "DROP DATABASE $1" -c "CHECKPOINT"
}

# The peer is not part of this repository: CI copies shared/ beside the clone.
peer_src=$(cd "$root/.." && pwd)/shared/bench/peer
if [ ! -f "$peer_src/KaPeer.csproj" ]; then
  echo "bench/run.sh: the peer is missing: expected shared/bench/peer/KaPeer.csproj beside the repository, at $peer_src" >&2
  echo "  (shared/ is the folder the repository's clone sits next to; the benchmark reports every figure as a ratio to the peer)" >&2
  exit 1
fi

build src/Frontend src/Silo bench/Driver bench/Ceiling
# shared/ may be read-only: build the peer from a copy in the scratch directory, as its README says.
echo "== building the peer (Release, from a copy of shared/bench/peer)"
cp -r "$peer_src" "$scratch/peer-src"
chmod -R u+w "$scratch/peer-src"
rm -rf "$scratch/peer-src/bin" "$scratch/peer-src/obj"
dotnet publish "$scratch/peer-src/KaPeer.csproj" -c Release -o "$scratch/peer" -v quiet -nologo >"$scratch/peer-build.log" 2>&1 \
  || { cat "$scratch/peer-build.log"; exit 1; }
start_postgres
for db in bench cohosted split peer; do psql_ -c "CREATE DATABASE $db"; done

# Sum of utime+stime (clock ticks) of the postmaster and its live backends, plus the postmaster's cutime+cstime:
# the backends that already exited (pgbench closes its connections before we read the second sample).
pg_ticks() {
  # Processes come and go while cat reads: a vanished one is no error here.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v r="$postmaster" '$1 == r { s += $16 + $17 } $1 == r || $4 == r { s += $14 + $15 } END { print s + 0 }'
}

echo "== (a) HTTP ceiling: bare ASP.NET Core minimal API"
free_port
ceiling_url=http://127.0.0.1:$port
start ceiling env Urls="$ceiling_url" dotnet "$root/bench/Ceiling/bin/Release/net10.0/Orleans.Licensing.Bench.Ceiling.dll"
ceiling_pid=$pid
wait_http "$ceiling_url/.well-known/jwks.json" "$ceiling_pid" ceiling
driver run --url "$ceiling_url" --label http-ceiling "${driver_common[@]}" --pid "$ceiling_pid" \
  -p closed:mixed open:mixed:25% open:mixed:50% open:mixed:75% open:mixed:90% open:mixed:500 open:mixed:1000 open:mixed:1500 open:mixed:2000 \
  --json "$raw/0-http-ceiling.json"
stop "$ceiling_pid"

echo "== (b) durable-storage ceiling: pgbench upserts of a 1.5 KB bytea row, $concurrency clients"
psql_ -d bench <<'SQL'
CREATE TABLE license_state (id integer PRIMARY KEY, version integer NOT NULL, payload bytea NOT NULL);
INSERT INTO license_state SELECT i, 1, convert_to(repeat(md5(i::text), 48), 'UTF8') FROM generate_series(1, 10000) AS i;
SQL
cat >"$scratch/upsert.sql" <<'SQL'
\set id random(1, 12000)
INSERT INTO license_state (id, version, payload) VALUES (:id, 1, convert_to(repeat(md5(:id::text || random()::text), 48), 'UTF8'))
  ON CONFLICT (id) DO UPDATE SET version = license_state.version + 1, payload = excluded.payload;
SQL
chmod a+r "$scratch/upsert.sql"
before=$(pg_ticks)
started=$(date +%s.%N)
(cd "$raw" && "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$concurrency" -j "$(nproc)" \
  -T "$duration" -f "$scratch/upsert.sql" -l --log-prefix=pgbench_log bench >pgbench.out 2>&1) || { cat "$raw/pgbench.out"; exit 1; }
ended=$(date +%s.%N)
after=$(pg_ticks)
awk -v t="$((after - before))" -v s="$started" -v e="$ended" 'BEGIN { printf "%.3f\n", t / 100 / (e - s) }' >"$raw/pgbench.cpu"
grep -E 'tps|latency average|number of clients' "$raw/pgbench.out"
quiet_postgres bench

echo "== (p) the peer: shared/bench/peer, plain ASP.NET Core + PostgreSQL (one row-locking transaction per KA request)"
free_port
peer_url=http://127.0.0.1:$port
start peer env PEER_PG="$(pg_connection peer)" PEER_KEY="$scratch/peer.key" ASPNETCORE_URLS="$peer_url" "$scratch/peer/KaPeer"
peer_pid=$pid
wait_http "$peer_url/.well-known/jwks.json" "$peer_pid" peer
driver run --url "$peer_url" --label peer "${driver_common[@]}" --pid "$peer_pid" --database-pid "$postmaster" \
  -p "${peer_phases[@]}" --json "$raw/1-peer.json"
stop "$peer_pid"
quiet_postgres peer
# The issue's latency goal is set at half the peer's maximum mixed throughput: the rate the peer's own
# open:mixed:50% ran at (the driver's round(closed:mixed × 0.5)). The services run that rate as an extra
# open-loop phase beside their own 50%, so both p99s are taken at the same absolute rate.
peer_half=$(driver rate --json "$raw/1-peer.json" --phase open:mixed:50%)
[[ $peer_half =~ ^[0-9]+$ ]] || { echo "bench/run.sh: no rate for the peer's open:mixed:50% in $raw/1-peer.json: '$peer_half'" >&2; exit 1; }
echo "half the peer's maximum mixed throughput: $peer_half req/s (an extra open-loop phase for the services)"
service_phases=(closed:write closed:read closed:mixed open:mixed:25% open:mixed:50% "open:mixed:$peer_half" open:mixed:75%)

echo "== (c1) service, embedded default (SQLite)"
service_ports
mkdir -p "$scratch/sqlite"
start sqlite env Licensing__DataDirectory="$scratch/sqlite" Urls="http://127.0.0.1:$http_port" \
  Licensing__Cluster__SiloPort="$silo_port" Licensing__Cluster__GatewayPort="$gateway_port" \
  dotnet "$frontend_dll" --environment Development
service=$pid
wait_http "http://127.0.0.1:$http_port/.well-known/jwks.json" "$service" sqlite
driver run --url "http://127.0.0.1:$http_port" --label sqlite "${driver_common[@]}" --pid "$service" \
  -p "${service_phases[@]}" --json "$raw/2-sqlite.json"
stop "$service"
report_warnings sqlite

echo "== (c2) service on PostgreSQL, silo co-hosted in the frontend process"
service_ports
mkdir -p "$scratch/cohosted"
start cohosted env Licensing__DataDirectory="$scratch/cohosted" Urls="http://127.0.0.1:$http_port" \
  Licensing__Cluster__SiloPort="$silo_port" Licensing__Cluster__GatewayPort="$gateway_port" \
  Licensing__Storage__Provider=PostgreSql Licensing__Storage__ConnectionString="$(pg_connection cohosted)" \
  dotnet "$frontend_dll" --environment Development
service=$pid
wait_http "http://127.0.0.1:$http_port/.well-known/jwks.json" "$service" cohosted
driver run --url "http://127.0.0.1:$http_port" --label pg-cohosted "${driver_common[@]}" --pid "$service" --database-pid "$postmaster" \
  -p "${service_phases[@]}" --json "$raw/3-pg-cohosted.json"
stop "$service"
report_warnings cohosted

quiet_postgres cohosted
echo "== (c3) service on PostgreSQL, split: src/Silo + frontend (SiloMode=External, AdoNet clustering)"
service_ports; free_port; silo_http=$port
mkdir -p "$scratch/split"
split_env=(Licensing__DataDirectory="$scratch/split" Licensing__Storage__Provider=PostgreSql
  Licensing__Storage__ConnectionString="$(pg_connection split)" Licensing__Cluster__Clustering=AdoNet)
start split-silo env "${split_env[@]}" Urls="http://127.0.0.1:$silo_http" \
  Licensing__Cluster__SiloPort="$silo_port" Licensing__Cluster__GatewayPort="$gateway_port" \
  dotnet "$silo_dll" --environment Development
silo=$pid
wait_http "http://127.0.0.1:$silo_http/health/startup" "$silo" split-silo
start split-frontend env "${split_env[@]}" Urls="http://127.0.0.1:$http_port" Licensing__SiloMode=External \
  dotnet "$frontend_dll" --environment Development
frontend=$pid
wait_http "http://127.0.0.1:$http_port/.well-known/jwks.json" "$frontend" split-frontend
driver run --url "http://127.0.0.1:$http_port" --label pg-split "${driver_common[@]}" --pid "$silo" --pid "$frontend" --database-pid "$postmaster" \
  -p "${service_phases[@]}" --json "$raw/4-pg-split.json"
stop "$frontend"
stop "$silo"
report_warnings split-silo

echo "== report"
driver report --results "$raw" --out "$out"
echo "written: $out/latest.json, $out/latest.md, $out/latency-throughput.svg"
