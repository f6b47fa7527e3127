#!/usr/bin/env bash
# The load benchmark: the release server on a fresh database with its demo
# content, then `helpdesk-tools load` (200 people for 60 s by default) over
# loopback; fails on an error, a p99 of 100 ms or more, or a panic in the
# server's log.
#   scripts/bench-load.sh <tools> <server> <dir> <sqlite|postgres> <pg server>
set -euo pipefail
tools=$1 server=$2 dir=$3 db=$4 pg=$5
port=${LOAD_PORT:-3200}
rm -rf "$dir" && mkdir -p "$dir"
if [ "$db" = postgres ]; then
  psql -qc 'DROP DATABASE IF EXISTS helpdesk_load' "$pg/postgres"
  psql -qc 'CREATE DATABASE helpdesk_load' "$pg/postgres"
  url="$pg/helpdesk_load"
else
  url="sqlite://$dir/helpdesk.db"
fi
DATABASE_URL=$url HELPDESK_DATA_DIR=$dir LEPTOS_SITE_ADDR=127.0.0.1:$port RUST_LOG=warn \
  "$server" serve >"$dir/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$db" = postgres ]; then psql -qc 'DROP DATABASE IF EXISTS helpdesk_load' "$pg/postgres"; fi
}
trap cleanup EXIT
for _ in $(seq 300); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
status=0
# LOAD_COMMAND=live (or chat) runs the live-update (or chat) benchmark
# instead; the chat one reads the server's memory from /proc.
BENCH_SERVER_PID=$pid RUST_LOG=error "$tools" --database-url "$url" "${LOAD_COMMAND:-load}" --url "http://127.0.0.1:$port" \
  ${LOAD_ARGS:-} || status=$?
if grep -q panicked "$dir/server.log"; then
  echo "the server panicked:" && grep -A3 panicked "$dir/server.log" && status=1
fi
exit $status
