#!/usr/bin/env bash
# Crash test: `kioskctl capture-demo --sync` (captures signed changes and syncs them in the same
# process) is killed with SIGKILL at random moments, CYCLES times (default 200), against the
# reference server. A change is acknowledged to the caller when its `saved …` line is printed
# (after the commit). At the end every acknowledged change must be on the server exactly once, the
# server must hold nothing else of this device than what the kiosk queued, every effect must be
# applied once, the local queue must be empty, and the audit chain intact.
#   tests/system/crash.sh [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/../.."

cycles=${1:-${CRASH_CYCLES:-200}}
out=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-crash.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "crash: kept $out"; else rm -rf "$out"; fi
}
trap cleanup EXIT

cargo build --locked -q -p kioskctl -p central-api
bin=${CARGO_TARGET_DIR:-target}/debug
kioskctl() { "$bin/kioskctl" --data-dir "$out/kiosk" "$@"; }

"$bin/central-api" --db "$out/central.sqlite3" --listen 127.0.0.1:0 --demo-data \
  >"$out/server.out" 2>"$out/server.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(awk '/^listening on /{print $3}' "$out/server.out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "crash: the server did not start" >&2; cat "$out/server.log" >&2; exit 1; }

kioskctl enroll --url "$url" --store DEMO-PRISHTINA --secret demo-enrolment-secret --name "Crash test" >/dev/null

start=$(date +%s)
finished=0
for i in $(seq 1 "$cycles"); do
  # The binary itself, not the shell function: $! must be the process that is killed.
  "$bin/kioskctl" --data-dir "$out/kiosk" capture-demo --count 10 --interval-ms 15 --sync --wait-secs 3 >"$out/cycle-$i.out" 2>>"$out/cycles.err" &
  pid=$!
  # Kill at a random moment between start-up and the last pushes (0–700 ms).
  sleep "0.$(printf '%03d' $((RANDOM % 700)))"
  kill -9 "$pid" 2>/dev/null || true
  rc=0
  wait "$pid" 2>/dev/null || rc=$?
  [ "$rc" -eq 137 ] || finished=$((finished + 1))
done
elapsed=$(( $(date +%s) - start ))
mid_capture=0
for i in $(seq 1 "$cycles"); do
  n=$(awk '$1 == "saved"' "$out/cycle-$i.out" | wc -l)
  [ "$n" -ge 10 ] || mid_capture=$((mid_capture + 1))
done

# Acknowledged = a complete "saved SEQ MUTATION_ID KIND CUSTOMER" line.
cat "$out"/cycle-*.out | awk '$1 == "saved" && NF == 5 && length($3) == 36 {print $3}' | sort >"$out/acked.txt"
acked=$(wc -l <"$out/acked.txt")
unique=$(sort -u "$out/acked.txt" | wc -l)
[ "$acked" -eq "$unique" ] || { echo "crash: a change was acknowledged twice" >&2; exit 1; }
[ "$acked" -gt 0 ] || { echo "crash: no change was acknowledged" >&2; exit 1; }

# Whatever the kills left pending goes now (a few tries: the last kill may have left a push in
# flight that the server finishes).
for _ in 1 2 3 4 5; do
  if kioskctl sync --once >"$out/final-sync.out" 2>&1; then break; fi
  sleep 1
done
pending=$(kioskctl queue status --json | jq .pending)
[ "$pending" -eq 0 ] || { echo "crash: $pending change(s) still pending" >&2; cat "$out/final-sync.out" >&2; exit 1; }
kioskctl audit verify >/dev/null || { echo "crash: the audit chain is broken" >&2; kioskctl audit verify >&2; exit 1; }

# The kiosk's database is encrypted: it is read through kioskctl (the server's is plain).
device=$(kioskctl status --json | jq -r .device.device_id)
server_db="$out/central.sqlite3"
q() { sqlite3 -cmd ".timeout 5000" "$server_db" "$@"; }
kioskctl queue list --all --json --limit 100000000 | jq -r '.mutation_id + "|" + .state' | LC_ALL=C sort >"$out/local.txt"
q "SELECT mutation_id || '|' || CASE outcome WHEN 'applied' THEN 'acknowledged' ELSE outcome END
   FROM mutations WHERE device_id = '$device' ORDER BY mutation_id" >"$out/server.txt"

# The server holds exactly what the kiosk queued, once, with the same outcome on both sides.
if ! diff -q "$out/local.txt" "$out/server.txt" >/dev/null; then
  echo "crash: the server's changes differ from the kiosk's:" >&2
  diff "$out/local.txt" "$out/server.txt" | head -20 >&2
  exit 1
fi
# Every acknowledged change is among them.
cut -d'|' -f1 "$out/server.txt" | sort >"$out/server-ids.txt"
missing=$(comm -23 "$out/acked.txt" "$out/server-ids.txt" | wc -l)
[ "$missing" -eq 0 ] || { echo "crash: $missing acknowledged change(s) missing on the server" >&2; exit 1; }
# Every effect once.
twice=$(q "SELECT
  (SELECT count(*) FROM (SELECT record_id FROM consents WHERE device_id = '$device' GROUP BY record_id HAVING count(DISTINCT mutation_id) > 1))
  + (SELECT count(*) FROM (SELECT mutation_id FROM audit_events WHERE device_id = '$device' GROUP BY mutation_id HAVING count(*) > 1))")
[ "$twice" -eq 0 ] || { echo "crash: $twice effect(s) applied twice" >&2; exit 1; }
applied_rows=$(q "SELECT count(*) FROM mutations WHERE device_id = '$device' AND outcome = 'applied'")
effects=$(q "SELECT (SELECT count(DISTINCT mutation_id) FROM consents WHERE device_id = '$device')
  + (SELECT count(DISTINCT mutation_id) FROM requests WHERE device_id = '$device')
  + (SELECT count(*) FROM identity_verifications WHERE device_id = '$device')
  + (SELECT count(*) FROM audit_events WHERE device_id = '$device')")
[ "$effects" -eq "$applied_rows" ] || { echo "crash: $applied_rows applied changes but $effects effects" >&2; exit 1; }
metrics=$(curl -sf "$url/metrics")
applied_metric=$(awk '$1 == "central_api_mutations_applied_total" {print $2}' <<<"$metrics")
duplicates=$(awk '$1 == "central_api_mutations_duplicate_total" {print $2}' <<<"$metrics")
# The counters move right after a batch commits, on the server's database thread, so a client
# killed mid-push does not make them lag behind the table: they must agree.
[ "$applied_metric" -eq "$applied_rows" ] || { echo "crash: the server counted $applied_metric applications for $applied_rows changes" >&2; exit 1; }

total=$(wc -l <"$out/local.txt")
echo "crash: $cycles cycles in ${elapsed}s ($((cycles - finished)) killed, $mid_capture of them before all 10 changes were saved; $finished finished first); $acked changes acknowledged to the caller, $total rows queued in all; all on the server exactly once ($applied_rows applied, $((total - applied_rows)) conflict/rejected), $duplicates re-sent as duplicates; queue empty; audit chain intact"
