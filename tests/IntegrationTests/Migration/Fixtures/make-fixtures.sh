#!/usr/bin/env bash
# Makes the fixtures of the legacy-migration tests with the real previous version: the build of commit 760eeaf,
# whose licenses live in Orleans' ADO.NET grain storage (OrleansStorage, one row per license). It runs that
# version's frontend twice, on the embedded default (SQLite) and on a scratch PostgreSQL 15, drives the same KA
# and operator traffic against each over HTTP, and keeps:
#
#   legacy-licensing.sqlite          the SQLite database as the old service left it (its licensing.db, checkpointed)
#   legacy-licensing.postgresql.sql  pg_dump (plain SQL) of the PostgreSQL database it wrote
#   manifest.sqlite.json             what the old service answered on SQLite: every request with its form, status,
#   manifest.postgresql.json         body (base64) and X-APS-Expiration-Date; each license as GET /operator/licenses/{id}
#                                    showed it (issuances, audit trail, usage); the listing and the billing report
#   signing-key.development.pem      the Development signing key both runs used (so a migrated data directory is
#                                    complete: a new RENEW after migration signs with the same key)
#
# Not run by the tests or CI: it needs the old build and a PostgreSQL server. Run it from anywhere:
#   bash tests/IntegrationTests/Migration/Fixtures/make-fixtures.sh
# OLD_TREE (default /tmp/old) is where the worktree of 760eeaf is made (or reused); PG_BIN the PostgreSQL binaries.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
old_commit=760eeaf
old_tree=${OLD_TREE:-/tmp/old}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [ ! -d "$old_tree" ]; then
  git -C "$repo" worktree add "$old_tree" "$old_commit"
fi
[ "$(git -C "$old_tree" rev-parse HEAD)" = "$(git -C "$repo" rev-parse "$old_commit")" ] || { echo "$old_tree is not at $old_commit" >&2; exit 1; }
echo "== building $old_commit (Release)"
dotnet build "$old_tree/src/Frontend" -c Release -v quiet -nologo >/dev/null
frontend=$old_tree/src/Frontend/bin/Release/net10.0/Orleans.Licensing.Frontend.dll

scratch=$(mktemp -d "${TMPDIR:-/tmp}/legacy-fixtures.XXXXXX")
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$scratch"   # PostgreSQL refuses to run as root.
  as_postgres=(runuser -u postgres --)
fi

service_pid=
pg_started=
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "$service_pid" ] && kill -KILL "$service_pid" 2>/dev/null || true
  [ -n "$pg_started" ] && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$scratch"
  exit "$status"
}
trap cleanup EXIT INT TERM

next_port=$((15000 + RANDOM % 10000))
free_port() {
  while (echo >"/dev/tcp/127.0.0.1/$next_port") 2>/dev/null; do next_port=$((next_port + 1)); done
  port=$next_port
  next_port=$((next_port + 1))
}

# start_service DATA_DIR [ENV=VALUE...]: the old frontend, embedded silo, Development; sets base and service_pid.
start_service() {
  local data=$1
  shift
  free_port; local http=$port
  free_port; local silo=$port
  free_port; local gateway=$port
  base=http://127.0.0.1:$http
  (cd "$scratch" && exec env Licensing__DataDirectory="$data" Urls="$base" Licensing__Cluster__SiloPort="$silo" \
    Licensing__Cluster__GatewayPort="$gateway" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$frontend" --environment Development) >>"$scratch/service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1200); do
    curl -sf -o /dev/null "$base/.well-known/jwks.json" && return 0
    kill -0 "$service_pid" 2>/dev/null || { tail -n 40 "$scratch/service.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the old service did not serve within 120 s" >&2
  exit 1
}

# stop_service: SIGTERM, as systemd stops it; the service shuts its silo and storage down cleanly.
stop_service() {
  kill -TERM "$service_pid"
  for _ in $(seq 600); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$service_pid" 2>/dev/null; then echo "the old service did not stop within 60 s" >&2; exit 1; fi
  wait "$service_pid" || true
  service_pid=
}

# KA's dates: day first, with backslashes (%5c) as in the guide's examples; the termination date with slashes.
d() { date -u -d "$1" +%d%%5c%m%%5c%Y; }
t() { date -u -d "$1" +%d%%2f%m%%2f%Y; }
uri() { jq -rn --arg v "$1" '$v|@uri'; }

declare -A previous   # PURCHASE_ID -> base64 of the last body issued (what KA holds)

# ka PURCHASE_ID ACTION FORM REPLAY [STATUS]: posts FORM, fails unless STATUS (200) came back, records the exchange.
# REPLAY says what the same form must get once everything below has run: identical (a repeat: the same body and
# expiry), conflict (409: the license was terminated since) or none (no longer a repeat: see the license's notes).
ka() {
  local id=$1 action=$2 form=$3 replay=$4 expect=${5:-200} status body expiration
  status=$(curl -sS -u john:qwe123 -o "$scratch/body" -D "$scratch/headers" -w '%{http_code}' --data "$form" "$base/ka")
  [ "$status" = "$expect" ] || { echo "$action $id answered $status, expected $expect: $(cat "$scratch/body")" >&2; exit 1; }
  body=$(base64 -w0 "$scratch/body")
  expiration=$(tr -d '\r' <"$scratch/headers" | sed -n 's/^[Xx]-[Aa][Pp][Ss]-[Ee]xpiration-[Dd]ate: //p')
  jq -nc --arg id "$id" --arg action "$action" --arg form "$form" --argjson status "$status" --arg body "$body" \
    --arg expiration "$expiration" --arg replay "$replay" \
    '{purchaseId: $id, action: $action, form: $form, status: $status, body: $body, expiration: $expiration, replay: $replay}' >>"$requests"
  case $action in PURCHASE | RENEW | UPGRADE) previous[$id]=$body ;; esac
  last_body=$body
}

# [reg_name=REG_NAME] issue ACTION PURCHASE_ID PRODUCT START EXPIRY SUBSCRIBED REPLAY [TEST_MODE] [EXTRA_FIELDS]
issue() {
  local action=$1 id=$2 product=$3 start=$4 expiry=$5 subscribed=$6 replay=$7 test=${8:-N} extra=${9:-}
  local form="APS_PROTOCOL_MODEL=2&APS_ACTION=$action&APS_TEST_MODE=$test&PURCHASE_ID=$id&PRODUCT_ID=$product&PURCHASE_DATE=$(d "$start")&SUBSCRIPTION_DATE=$(d "$subscribed")&START_DATE=$(d "$start")&EXPIRY_DATE=$(d "$expiry")&REG_NAME=${reg_name:-54321}$extra"
  if [ "$action" != PURCHASE ] && [ -n "${previous[$id]:-}" ]; then
    form+="&PREVIOUS_LICENSE_BODY=$(uri "${previous[$id]}")"
  fi

  ka "$id" "$action" "$form" "$replay"
}

# usage PURCHASE_ID JSON: the operator API's usage report.
usage() {
  local id=$1 json=$2 status
  status=$(curl -sS -u operator:operator-dev -o "$scratch/body" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    --data "$json" "$base/operator/licenses/$id/usage")
  [ "$status" = 200 ] || { echo "usage $id answered $status: $(cat "$scratch/body")" >&2; exit 1; }
  jq -nc --arg id "$id" --arg json "$json" --argjson status "$status" --arg body "$(base64 -w0 "$scratch/body")" \
    '{purchaseId: $id, action: "USAGE", form: $json, status: $status, body: $body, expiration: "", replay: "none"}' >>"$requests"
}

# The body of a license the database never holds: PURCHASE 20250007 on a throwaway instance sharing the signing
# key. KA later RENEWs it with that body as PREVIOUS_LICENSE_BODY, and the service restores it (B.5).
echo "== a lost license (throwaway instance)"
requests=$scratch/lost.jsonl
start_service "$scratch/lost"
issue PURCHASE 20250007 someproduct1 2025-01-15 2025-02-25 2025-01-15 none
lost_body=$last_body
stop_service
cp "$scratch/lost/signing-key.development.pem" "$scratch/key.pem"

traffic() {
  # 20250001: a model-3 product renewed monthly eight times (nine issuances: more than the new state keeps),
  # with usage reported between renewals.
  issue PURCHASE 20250001 someproduct1 2025-01-01 2025-02-11 2025-01-01 identical
  for k in 1 2 3 4 5 6 7 8; do
    local start expiry
    start=$(date -u -d "2025-01-01 +$k month" +%F)
    expiry=$(date -u -d "$start +1 month +10 day" +%F)
    issue RENEW 20250001 someproduct1 "$start" "$expiry" 2025-01-01 identical
    if [ "$k" = 3 ]; then usage 20250001 '{"usedAccounts":20,"usedClusters":4}'; fi
    if [ "$k" = 6 ]; then usage 20250001 '{"usedAccounts":37}'; fi
  done

  # 20250002: UPGRADE to Pro and back (same dates), then RENEW; bound to an IP. Once back on someproduct1 the
  # UPGRADE to Pro is no longer a repeat (B.5: Basic -> Pro -> Basic -> Pro is three upgrades), so it is not replayed.
  issue PURCHASE 20250002 someproduct1 2025-03-01 2025-04-11 2025-03-01 identical N '&ACTIVATION_DATA=10.0.0.7'
  issue UPGRADE 20250002 someproduct1-pro 2025-03-01 2025-04-11 2025-03-01 none N '&ACTIVATION_DATA=10.0.0.7'
  issue UPGRADE 20250002 someproduct1 2025-03-01 2025-04-11 2025-03-01 identical N '&ACTIVATION_DATA=10.0.0.7'
  usage 20250002 '{"usedClusters":2}'
  issue RENEW 20250002 someproduct1 2025-04-01 2025-05-11 2025-03-01 identical N '&ACTIVATION_DATA=10.0.0.7'

  # 0012345 beside 12345: leading zeros make another license. 0012345 has a non-ASCII owner name.
  reg_name='M%C3%BCller+%26+S%C3%B6hne' issue PURCHASE 0012345 someproduct1 2025-02-01 2025-03-11 2025-02-01 identical
  issue PURCHASE 12345 someproduct1-pro 2025-02-01 2025-03-11 2025-02-01 identical
  reg_name='M%C3%BCller+%26+S%C3%B6hne' issue RENEW 0012345 someproduct1 2025-03-01 2025-04-11 2025-02-01 identical
  issue RENEW 12345 someproduct1-pro 2025-03-01 2025-04-11 2025-02-01 identical

  # 20250005: terminated; termination is final, so every replay is refused (409).
  issue PURCHASE 20250005 someproduct1 2025-02-01 2025-03-11 2025-02-01 conflict
  issue RENEW 20250005 someproduct1 2025-03-01 2025-04-11 2025-02-01 conflict
  ka 20250005 TERMINATE "APS_ACTION=TERMINATE&APS_TEST_MODE=N&PURCHASE_ID=20250005&PRODUCT_ID=someproduct1&APS_TERMINATION_DATE=$(t 2025-06-20)&PREVIOUS_LICENSE_BODY=$(uri "${previous[20250005]}")" none

  # 20250006: a test order (APS_TEST_MODE=Y), kept out of billing.
  issue PURCHASE 20250006 someproduct1 2025-05-01 2025-06-11 2025-05-01 identical Y
  issue RENEW 20250006 someproduct1 2025-06-01 2025-07-11 2025-05-01 identical Y

  # 20250007: restored from the lost body by a RENEW (two audit entries in one change: Restore, KA RENEW).
  previous[20250007]=$lost_body
  issue RENEW 20250007 someproduct1 2025-02-15 2025-03-25 2025-01-15 identical
}

# replay_on_old: every recorded issuance again, against the old service, as its REPLAY says: the expectations the
# tests hold the new version to are the old version's own behaviour.
replay_on_old() {
  local n
  n=$(jq -s length "$requests")
  for i in $(seq 0 $((n - 1))); do
    local row id action form replay body expiration status got_expiration
    row=$(jq -sc ".[$i]" "$requests")
    replay=$(jq -r .replay <<<"$row")
    [ "$replay" = none ] && continue
    id=$(jq -r .purchaseId <<<"$row"); action=$(jq -r .action <<<"$row"); form=$(jq -r .form <<<"$row")
    body=$(jq -r .body <<<"$row"); expiration=$(jq -r .expiration <<<"$row")
    status=$(curl -sS -u john:qwe123 -o "$scratch/body" -D "$scratch/headers" -w '%{http_code}' --data "$form" "$base/ka")
    got_expiration=$(tr -d '\r' <"$scratch/headers" | sed -n 's/^[Xx]-[Aa][Pp][Ss]-[Ee]xpiration-[Dd]ate: //p')
    case $replay in
      identical)
        [ "$status" = 200 ] && [ "$(base64 -w0 "$scratch/body")" = "$body" ] && [ "$got_expiration" = "$expiration" ] \
          || { echo "old replay of $action $id: $status, not the identical answer" >&2; exit 1; } ;;
      conflict)
        [ "$status" = 409 ] || { echo "old replay of $action $id: $status, expected 409" >&2; exit 1; } ;;
    esac
  done
}

ids=(20250001 20250002 0012345 12345 20250005 20250006 20250007)

# run STORAGE [ENV=VALUE...]: the traffic against a fresh old service on STORAGE; writes its manifest.
run() {
  local storage=$1
  shift
  echo "== $storage: traffic against $old_commit"
  local data=$scratch/$storage
  mkdir -p "$data"
  cp "$scratch/key.pem" "$data/signing-key.development.pem"
  requests=$scratch/$storage.jsonl
  : >"$requests"
  start_service "$data" "$@"
  traffic
  replay_on_old
  local views=$scratch/$storage.views.jsonl
  : >"$views"
  for id in "${ids[@]}"; do
    curl -sSf -u operator:operator-dev "$base/operator/licenses/$id" | jq -c --arg id "$id" '{purchaseId: $id, view: .}' >>"$views"
  done
  curl -sSf -u operator:operator-dev "$base/operator/licenses?limit=1000" >"$scratch/$storage.listing.json"
  curl -sSf -u operator:operator-dev "$base/operator/billing?from=2025-01-01&to=2025-12-31" >"$scratch/$storage.billing.json"
  stop_service
  jq -n --arg commit "$(git -C "$repo" rev-parse "$old_commit")" --arg storage "$storage" --arg lost "$lost_body" \
    --slurpfile requests "$requests" --slurpfile licenses "$views" \
    --slurpfile listing "$scratch/$storage.listing.json" --slurpfile billing "$scratch/$storage.billing.json" \
    '{madeBy: $commit, storage: $storage, lostBody: $lost, requests: $requests, licenses: $licenses,
      listing: $listing[0], billing: {from: "2025-01-01", to: "2025-12-31", report: $billing[0]}}' >"$here/manifest.$storage.json"
}

run sqlite
db=$scratch/sqlite/licensing.db
if [ -e "$db-wal" ]; then
  # The old service left its WAL behind: fold it into the database file (content unchanged) so one file is the fixture.
  sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fi
[ ! -e "$db-wal" ] || [ ! -s "$db-wal" ] || { echo "$db-wal is still there" >&2; exit 1; }
cp "$db" "$here/legacy-licensing.sqlite"

echo "== PostgreSQL 15 (scratch)"
free_port
pg_port=$port
"${as_postgres[@]}" "$pg_bin/initdb" -D "$scratch/pg" --auth=trust -U postgres --no-instructions >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -l "$scratch/pg.log" -w \
  -o "-p $pg_port -k $scratch -c listen_addresses=127.0.0.1" start >/dev/null
pg_started=1
psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q -c 'CREATE DATABASE licensing'
run postgresql Licensing__Storage__Provider=PostgreSql \
  "Licensing__Storage__ConnectionString=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=licensing"
"$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres --no-owner --no-privileges -f "$here/legacy-licensing.postgresql.sql" licensing

cp "$scratch/key.pem" "$here/signing-key.development.pem"
echo "== fixtures in $here"
ls -l "$here"
