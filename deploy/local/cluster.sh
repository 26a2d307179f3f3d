#!/usr/bin/env bash
# A local cluster on loopback: a scratch PostgreSQL, N silo processes and M frontends, in the Development
# environment (the guide's credentials, the sample catalog, one generated key shared through the data directory).
# Usage: deploy/local/cluster.sh [silos=3] [frontends=1]. Ctrl+C stops everything and removes the scratch data.
set -euo pipefail
silos=${1:-3}
frontends=${2:-1}
pg_port=${PG_PORT:-55432}
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/orleans-licensing-cluster.XXXXXX")
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$scratch"
  as_postgres=(runuser -u postgres --)
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo "stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$scratch"
  exit 0
}
trap cleanup EXIT INT TERM

echo "building..."
dotnet build "$root/Orleans.Licensing.sln" -v quiet -nologo >/dev/null

"${as_postgres[@]}" "$pg_bin/initdb" -D "$scratch/pg" --auth=trust -U postgres >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -l "$scratch/pg.log" -w \
  -o "-p $pg_port -k $scratch -c listen_addresses=127.0.0.1" start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE licensing"
echo "PostgreSQL: Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=licensing"

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export Licensing__DataDirectory="$scratch/data"
export Licensing__Storage__Provider=PostgreSql
export Licensing__Storage__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=licensing"
export Licensing__Cluster__Clustering=AdoNet
mkdir -p "$Licensing__DataDirectory"

bin=$root/src/Silo/bin/Debug/net10.0
dotnet "$bin/Orleans.Licensing.Silo.dll" migrate

for i in $(seq 1 "$silos"); do
  Licensing__Cluster__SiloPort=$((11110 + i)) Licensing__Cluster__GatewayPort=$((29999 + i)) \
    dotnet "$bin/Orleans.Licensing.Silo.dll" >"$scratch/silo$i.log" 2>&1 &
  pids+=($!)
  echo "silo $i: silo port $((11110 + i)), gateway $((29999 + i)), log $scratch/silo$i.log"
done

for i in $(seq 1 "$frontends"); do
  Licensing__SiloMode=External Urls="http://127.0.0.1:$((5079 + i))" \
    dotnet "$root/src/Frontend/bin/Debug/net10.0/Orleans.Licensing.Frontend.dll" >"$scratch/frontend$i.log" 2>&1 &
  pids+=($!)
  echo "frontend $i: http://127.0.0.1:$((5079 + i))/ka (john / qwe123), log $scratch/frontend$i.log"
done

echo "running; Ctrl+C stops the cluster"
wait -n "${pids[@]}" || true
echo "a process exited; see the logs above"
