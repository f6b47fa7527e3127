#!/usr/bin/env bash
# The outbox benchmark (`make bench-mail`): maildev on free loopback ports
# as the SMTP server, a fresh database, 10,000 mails.
#   scripts/bench-mail.sh <helpdesk-tools> <dir> [sqlite|postgres] [postgres server URL]
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$1 dir=$2 db=${3:-sqlite} pg=${4:-postgres://postgres@127.0.0.1:5432}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
smtp=$(free_port) web=$(free_port)
end2end/node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --silent \
  --smtp "$smtp" --web "$web" &
maildev=$!
name=helpdesk_bench_mail_$$
cleanup() {
  kill "$maildev" 2>/dev/null || true
  if [ "$db" = postgres ]; then psql -qc "DROP DATABASE IF EXISTS $name" "$pg/postgres" || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$web/api/healthz" >/dev/null && break; sleep 0.1; done

rm -rf "$dir" && mkdir -p "$dir"
if [ "$db" = postgres ]; then
  psql -qc "CREATE DATABASE $name" "$pg/postgres"
  url="$pg/$name"
else
  url="sqlite://$dir/helpdesk.db"
fi
RUST_LOG=error "$tools" --data-dir "$dir" --database-url "$url" bench-mail --smtp-url "smtp://127.0.0.1:$smtp"
