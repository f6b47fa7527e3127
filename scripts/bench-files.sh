#!/usr/bin/env bash
# The attachment benchmark (issue 4): a release server on a temporary data
# directory, the demo customer uploading and downloading a 20 MiB PDF over
# loopback with curl. Prints the server's peak memory growth for one
# 20 MiB upload (VmHWM before and after) and the throughput both ways.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
PORT=${BENCH_PORT:-3310}
BIN=target/release/server
BASE="http://127.0.0.1:$PORT"
DIR=$(mktemp -d)
JAR="$DIR/cookies"
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT

HELPDESK_DATA_DIR="$DIR/data" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=error \
  "$BIN" serve >"$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "$BASE/" -o /dev/null && break; sleep 0.1; done

curl -sf -c "$JAR" -H 'Accept: application/json' \
  -d 'email=customer@example.com&password=customer-demo' "$BASE/api/auth/sign_in" >/dev/null
case=$(curl -sf -b "$JAR" -H 'Accept: application/json' \
  -d 'subject=Benchmark&case_type=other&description=Files' "$BASE/api/cases/open")

{ printf '%%PDF-1.7\n'; head -c $((20 * 1024 * 1024 - 9)) /dev/urandom; } >"$DIR/big.pdf"
printf '%%PDF-1.7\nsmall' >"$DIR/small.pdf"

upload() { # file → JSON answer; speed (bytes/s) in $DIR/speed
  curl -sf -b "$JAR" -H 'Accept: application/json' -H 'Expect:' \
    -F "body=bench" -F "files=@$1;type=application/pdf" \
    -w '%{stderr}%{speed_upload}' "$BASE/upload/cases/$case" 2>"$DIR/speed"
}
hwm() { awk '/VmHWM/ {print $2}' "/proc/$PID/status"; }

upload "$DIR/small.pdf" >/dev/null # warm up every code path once
before=$(hwm)
id=$(upload "$DIR/big.pdf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["attachments"][0])')
after=$(hwm)

up=0
for _ in $(seq "$RUNS"); do
  upload "$DIR/big.pdf" >/dev/null
  up=$(python3 -c "print($up + $(cat "$DIR/speed"))")
done
down=0
for _ in $(seq "$RUNS"); do
  s=$(curl -sf -b "$JAR" -o /dev/null -w '%{speed_download}' "$BASE/files/$id")
  down=$(python3 -c "print($down + $s)")
done

python3 - "$before" "$after" "$up" "$down" "$RUNS" <<'PY'
import sys
before, after, up, down, runs = map(float, sys.argv[1:])
mb = 1024 * 1024
print("| measure | result |\n|---|---:|")
print(f"| peak memory growth, one 20 MiB upload | {(after - before) / 1024:.1f} MiB |")
print(f"| upload throughput (mean of {runs:.0f}) | {up / runs / mb:.0f} MiB/s |")
print(f"| download throughput (mean of {runs:.0f}) | {down / runs / mb:.0f} MiB/s |")
PY
