# Shared by bench/run.sh and bench/scale.sh (sourced, not run): a scratch directory, processes started in the
# background and stopped on exit, free loopback ports, a scratch PostgreSQL 15, the Release build.
# The sourcing script sets `root` first.

# The driver's settings every script shares.
concurrency=${BENCH_CONCURRENCY:-32}
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-20}

pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/orleans-licensing-bench.XXXXXX")
raw=$scratch/raw
mkdir -p "$raw"
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$scratch"
  as_postgres=(runuser -u postgres --)
fi

pids=()
pg_started=
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$pg_started" ]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$scratch"
  exit "$status"
}
trap cleanup EXIT INT TERM

# A free loopback port below Linux's ephemeral range (so no outgoing connection takes it meanwhile).
next_port=$((15000 + RANDOM % 10000))
free_port() {
  while (echo >"/dev/tcp/127.0.0.1/$next_port") 2>/dev/null; do next_port=$((next_port + 1)); done
  port=$next_port
  next_port=$((next_port + 1))
}

# service_ports: free ports for a service's HTTP endpoint, silo and gateway; sets http_port, silo_port, gateway_port.
service_ports() {
  free_port; http_port=$port
  free_port; silo_port=$port
  free_port; gateway_port=$port
}

# start NAME COMMAND...: runs it in the background with its output in the scratch directory; sets $pid.
start() {
  local name=$1
  shift
  "$@" >"$scratch/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
}

wait_http() {
  local url=$1 pid=$2 name=$3
  for _ in $(seq 2400); do
    curl -sf -o /dev/null "$url" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before serving:" >&2
      tail -n 40 "$scratch/$name.log" >&2
      exit 1
    fi
    sleep 0.05
  done
  echo "$name did not serve $url within 120 s" >&2
  tail -n 40 "$scratch/$name.log" >&2
  exit 1
}

stop() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local kept=()
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}

driver() { dotnet "$root/bench/Driver/bin/Release/net10.0/Orleans.Licensing.Bench.dll" "$@"; }

# build PROJECT...: Release builds, quietly unless one fails.
build() {
  echo "== building (Release)"
  for project in "$@"; do
    dotnet build "$root/$project" -c Release -v quiet -nologo >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
  done
  frontend_dll=$root/src/Frontend/bin/Release/net10.0/Orleans.Licensing.Frontend.dll
  silo_dll=$root/src/Silo/bin/Release/net10.0/Orleans.Licensing.Silo.dll
}

# start_postgres: a scratch PostgreSQL 15 on a free port; sets pg_port and postmaster (its pid).
start_postgres() {
  echo "== PostgreSQL (scratch)"
  free_port
  pg_port=$port
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$scratch/pg" --auth=trust -U postgres --no-instructions >/dev/null
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -l "$scratch/pg.log" -w \
    -o "-p $pg_port -k $scratch -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  pg_started=1
  postmaster=$(head -n 1 "$scratch/pg/postmaster.pid")
}

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

pg_connection() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1;Maximum Pool Size=200;Timeout=5;Command Timeout=10"; }
