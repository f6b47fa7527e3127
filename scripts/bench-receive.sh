#!/usr/bin/env bash
# The receive-mail benchmark (`make bench-receive`): one 10 MB message with
# four PDF attachments fed to `server receive-mail` on a fresh database;
# peak memory (max RSS) and time, beside a 1 KB message for the baseline.
#   scripts/bench-receive.sh <server binary> <dir> [sqlite|postgres] [postgres server URL]
set -euo pipefail
cd "$(dirname "$0")/.."
server=$1 dir=$2 db=${3:-sqlite} pg=${4:-postgres://postgres@127.0.0.1:5432}
name=helpdesk_bench_receive_$$
cleanup() {
  if [ "$db" = postgres ]; then psql -qc "DROP DATABASE IF EXISTS $name" "$pg/postgres" || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
rm -rf "$dir" && mkdir -p "$dir"
if [ "$db" = postgres ]; then
  psql -qc "CREATE DATABASE $name" "$pg/postgres"
  url="$pg/$name"
else
  url="sqlite://$dir/helpdesk.db"
fi

python3 - "$dir" <<'PY'
import base64, os, sys
d = sys.argv[1]
def message(n, files, size):
    parts = [
        f"From: Bench <bench{n}@example.com>", "To: help@example.com",
        f"Subject: Benchmark {n}", f"Message-ID: <bench-{n}@example.com>",
        "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="b"', "",
        "--b", "Content-Type: text/plain; charset=utf-8", "", "Please see the attached invoices.",
    ]
    for i in range(files):
        pdf = b"%PDF-1.4\n" + os.urandom(size)
        parts += ["--b", f"Content-Type: application/pdf; name=invoice-{i}.pdf",
                  f"Content-Disposition: attachment; filename=invoice-{i}.pdf",
                  "Content-Transfer-Encoding: base64", "",
                  base64.encodebytes(pdf).decode().rstrip("\n")]
    parts.append("--b--")
    return "\r\n".join(parts).replace("\n", "\r\n").replace("\r\r\n", "\r\n") + "\r\n"
open(f"{d}/big.eml", "w").write(message(1, 4, 1_900_000))
open(f"{d}/small.eml", "w").write(message(2, 0, 0))
PY

run() {
  local label=$1 file=$2
  local bytes; bytes=$(stat -c %s "$file")
  /usr/bin/time -f "%M %e" -o "$dir/time" env RUST_LOG=error \
    "$server" --data-dir "$dir" --database-url "$url" receive-mail < "$file" > "$dir/out"
  read -r rss secs < "$dir/time"
  awk -v l="$label" -v b="$bytes" -v r="$rss" -v s="$secs" -v o="$(cat "$dir/out")" \
    'BEGIN { printf "%-22s %5.1f MB message: peak memory %5.1f MB, %s s (%s)\n", l, b / 1e6, r / 1024, s, o }'
}
echo "receive-mail on $db:"
run "1 KB, no attachment" "$dir/small.eml"
run "10 MB, 4 PDFs" "$dir/big.eml"
