#!/usr/bin/env bash
# Whole-system test: a second start of the kiosk hands over to the running one (which comes to the
# front) and exits at once with success, instead of opening a second counter on the same data. The
# app finds its running copy through the desktop session's D-Bus, so the test gives it one.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${TMPDIR:-/tmp}/kiosk-single-instance-test
rm -rf "$out" && mkdir -p "$out"

cargo build --locked -q -p ipko-kiosk
app_bin="${CARGO_TARGET_DIR:-target}/debug/ipko-kiosk"

xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
  dbus-run-session -- bash -s "$out" "$app_bin" <<'INNER'
set -euo pipefail
out=$1
app_bin=$2
export KIOSK_DATA_DIR="$out/data"
"$app_bin" >"$out/first.log" 2>&1 &
first=$!
trap 'kill $first 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  xdotool search --onlyvisible --name 'IPKO' >/dev/null 2>&1 && break
  kill -0 "$first" 2>/dev/null || { echo "single-instance: the first kiosk exited:" >&2; cat "$out/first.log" >&2; exit 1; }
  sleep 1
done
start=$(date +%s%N)
if ! timeout 20 "$app_bin" >"$out/second.log" 2>&1; then
  echo "single-instance: the second start did not exit with success within 20 s:" >&2
  cat "$out/second.log" >&2
  exit 1
fi
ms=$(( ($(date +%s%N) - start) / 1000000 ))
kill -0 "$first" 2>/dev/null || { echo "single-instance: the first kiosk is gone" >&2; exit 1; }
windows=$(xdotool search --onlyvisible --name 'IPKO' | wc -l)
if [ "$windows" -ne 1 ]; then
  echo "single-instance: $windows kiosk windows are open, expected 1" >&2
  exit 1
fi
echo "single-instance: the second start handed over and exited in ${ms} ms; one window open"
INNER
