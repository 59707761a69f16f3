#!/usr/bin/env bash
# Whole-system test of what store IT does when installing a kiosk, with the real binaries: start the
# reference central API with its demo store, list the demo customers, enrol a kiosk with kioskctl
# (a wrong secret first), read the queue status and verify the audit chain, then restart the server
# on the same database and check that the enrolment and the demo data survived.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --locked -q -p central-api -p kioskctl
api="${CARGO_TARGET_DIR:-target}/debug/central-api"
ctl="${CARGO_TARGET_DIR:-target}/debug/kioskctl"
. tests/system/lib/central-api.sh

work=$(mktemp -d)
server=""
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT
fail() { echo "enrol-and-status: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); echo "  ok: $*"; }

start_server() { start_central_api; }

start_server
ok "central-api listens on $url"

curl -fsS "$url/v1/health" | grep -q '"status":"ok"' || fail "health is not ok"
metrics=$(curl -fsS "$url/metrics")
for counter in central_api_mutations_applied_total central_api_mutations_duplicate_total \
  central_api_mutations_rejected_total central_api_mutations_conflict_total central_api_push_throttled_total; do
  grep -q "^$counter " <<<"$metrics" || fail "/metrics lacks $counter"
done
ok "health and the five push counters"

"$api" demo list --db "$work/central.sqlite3" >"$work/demo.jsonl"
python3 - "$work/demo.jsonl" <<'PY' || fail "demo list is not what the README promises"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert len(rows) >= 50, f"only {len(rows)} demo customers"
for key in ("customer_id", "personal_number", "name", "traffic_rows"):
    assert all(key in r for r in rows), f"a row lacks {key}"
assert max(r["traffic_rows"] for r in rows) >= 20000, "no customer with 12 months of traffic"
names = " ".join(r["name"] for r in rows)
for letter in "ëçčćđšž":
    assert letter in names.lower(), f"no demo name with {letter}"
assert any("\u0400" <= c <= "\u04ff" for c in names), "no name in Cyrillic"
PY
ok "demo list: $(wc -l <"$work/demo.jsonl") customers with the required cases"

kiosk="$work/kiosk"
if "$ctl" --data-dir "$kiosk" enroll --url "$url" --store DEMO-PRISHTINA --secret wrong-secret 2>"$work/enrol.err"; then
  fail "enrolment with a wrong secret succeeded"
fi
grep -qi "refused" "$work/enrol.err" || fail "a wrong secret gave no clear message: $(cat "$work/enrol.err")"
ok "a wrong enrolment secret is refused: $(head -n 1 "$work/enrol.err")"

"$ctl" --data-dir "$kiosk" enroll --url "$url" --store DEMO-PRISHTINA --secret demo-enrolment-secret --name "Counter 1" >"$work/enrol.out"
grep -q "DEMO-PRISHTINA" "$work/enrol.out" || fail "enrol printed no store: $(cat "$work/enrol.out")"
ok "enrolled: $(head -n 1 "$work/enrol.out")"

"$ctl" --data-dir "$kiosk" queue status --json >"$work/status.json"
python3 - "$work/status.json" <<'PY' || fail "queue status --json is wrong: $(cat "$work/status.json")"
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
for key in ("pending", "rejected"):
    assert isinstance(s[key], int), key
assert s["rejected"] == 0
PY
"$ctl" --data-dir "$kiosk" queue status >"$work/status.txt"
ok "queue status: $(head -n 1 "$work/status.txt")"

"$ctl" --data-dir "$kiosk" audit verify >"$work/audit.txt" || fail "audit verify failed on a fresh kiosk"
ok "audit verify: $(head -n 1 "$work/audit.txt")"

stop_server
start_server
curl -fsS "$url/v1/health" >/dev/null || fail "the restarted server does not answer"
"$api" demo list --db "$work/central.sqlite3" | cmp -s - "$work/demo.jsonl" || fail "the demo data changed across a restart"
ok "restart on the same database keeps the demo data"

echo "enrol-and-status: $checks passed, 0 failed"
