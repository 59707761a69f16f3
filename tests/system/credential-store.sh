#!/usr/bin/env bash
# Whole-system test of the database key in the operating system's credential store, as on a Linux
# desktop: the Secret Service of gnome-keyring, unlocked, in a D-Bus session of this test's own (so
# the machine's own keyring, if any, is never touched). kioskctl enrols a kiosk with the key store
# left at its default (auto): the key must land in the credential store, not in a file; the
# database must open with it and be encrypted; without the credential store the database must be
# refused with a message naming it; removing the kiosk's data must remove the key too.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${KIOSK_TEST_IN_OWN_BUS:-}" ]; then
  cargo build --locked -q -p central-api -p kioskctl
  export KIOSK_TEST_IN_OWN_BUS=1
  exec dbus-run-session -- "$0" "$@"
fi

api="${CARGO_TARGET_DIR:-target}/debug/central-api"
ctl="${CARGO_TARGET_DIR:-target}/debug/kioskctl"
. tests/system/lib/central-api.sh
work=$(mktemp -d)
server=""
keyring=""
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  [ -z "$keyring" ] || kill "$keyring" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "credential-store: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }

# A keyring of this test's own: a fresh home, a login keyring created and unlocked with a password.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
printf 'kiosk-test-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
keyring=$(pgrep -u "$(id -u)" -n gnome-keyring-d || true)
secret-tool store --label=probe service kiosk-test-probe username probe <<<"probe" ||
  fail "the test's keyring does not take secrets"
ok "a Secret Service (gnome-keyring) in this test's own D-Bus session"

start_central_api

kiosk="$work/kiosk"
export KIOSK_KEY_STORE=auto
kioskctl() { "$ctl" --data-dir "$kiosk" "$@"; }
kioskctl enroll --url "$url" --store DEMO-PRISHTINA --secret demo-enrolment-secret --name "Keyring test" >/dev/null ||
  fail "enrolment failed"
kioskctl capture-demo --count 3 >/dev/null || fail "capture-demo failed"

status=$(kioskctl status --json)
[ "$(jq -r .key.kind <<<"$status")" = credential_store ] || fail "the key is not in the credential store: $status"
[ ! -e "$kiosk/kiosk.key" ] || fail "a key file was written although the credential store works"
account=$(jq -r .key.account <<<"$status")
secret=$(secret-tool lookup service com.ipko.privacykiosk username "$account") ||
  fail "the credential store has no entry for \"$account\""
[[ "$secret" =~ ^[0-9a-f]{64}$ ]] || fail "the stored key is not 256 bits in hex"
ok "the key is in the credential store ($account), no key file"
grep -q "$secret" <<<"$status" && fail "status printed the key"
if head -c 16 "$kiosk/kiosk.sqlite3" | grep -q "SQLite format 3"; then fail "the database is not encrypted"; fi
[ "$(jq .queue.pending <<<"$status")" -ge 3 ] || fail "the captured changes are not there: $status"
kioskctl audit verify >/dev/null || fail "the audit chain does not verify"
ok "the database is encrypted and opens with that key ($(jq .queue.pending <<<"$status") changes waiting)"

# The same folder from a session without the credential store (a locked or absent keyring): the
# database is refused, saying where the key was looked for and why the credential store failed.
set +e
out=$(env -u DBUS_SESSION_BUS_ADDRESS DISPLAY= "$ctl" --data-dir "$kiosk" status 2>&1)
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "without the credential store: exit $rc, not 2: $out"
grep -q "credential store" <<<"$out" || fail "the message does not name the credential store: $out"
grep -q "cannot be reached" <<<"$out" || fail "the message does not say the store cannot be reached: $out"
[ ! -e "$kiosk/kiosk.key" ] || fail "a new key file was written for an existing database"
ok "without the credential store: refused, naming it ($(head -c 90 <<<"$out")…)"

# Removing the kiosk's data removes its key.
kioskctl sync --once >/dev/null || fail "sync failed"
kioskctl remove-data --yes >"$work/remove.out" 2>&1 || { cat "$work/remove.out" >&2; fail "remove-data failed"; }
if secret-tool lookup service com.ipko.privacykiosk username "$account" >/dev/null 2>&1; then
  fail "the key stayed in the credential store after remove-data"
fi
[ ! -e "$kiosk/kiosk.sqlite3" ] || fail "the database stayed"
ok "remove-data removed the database and its key from the credential store"
