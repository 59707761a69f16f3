#!/usr/bin/env bash
# Whole-system smoke test: the desktop app, as the README's run command builds it, opens its window
# under a virtual X server and WebKitGTK draws the page in it (not a blank or an error page); then,
# started on its database with the wrong key, it still opens and says why it cannot start.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${TMPDIR:-/tmp}/kiosk-window-test
rm -rf "$out" && mkdir -p "$out"

cargo build --locked -q -p ipko-kiosk

# start_and_screenshot NAME: starts the app on $out/data under Xvfb, waits for its window, and
# writes $out/NAME.png (the screen) and $out/NAME.log (the app's log).
start_and_screenshot() {
  xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" bash -s "$out" "${CARGO_TARGET_DIR:-target}/debug/ipko-kiosk" "$1" <<'INNER'
set -euo pipefail
out=$1
app_bin=$2
name=$3
KIOSK_DATA_DIR="$out/data" "$app_bin" >"$out/$name.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
window=""
for _ in $(seq 1 60); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "window-opens: the app exited before opening a window:" >&2
    cat "$out/$name.log" >&2
    exit 1
  fi
  window=$(xdotool search --onlyvisible --name 'IPKO' 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  sleep 1
done
if [ -z "$window" ]; then
  echo "window-opens: no window titled IPKO appeared within 60 s" >&2
  cat "$out/$name.log" >&2
  exit 1
fi
# WebKitGTK paints a moment after the window maps.
sleep 4
import -window root "$out/$name.png"
INNER
}

start_and_screenshot screen
colours=$(convert "$out/screen.png" -format '%k' info:)
echo "window-opens: window found; the screenshot ($out/screen.png) has $colours distinct colours"
# A blank or failed page has a handful of colours; the drawn page has text, a logo and panels.
if [ "$colours" -lt 200 ]; then
  echo "window-opens: the window looks empty" >&2
  exit 1
fi

# The same kiosk with its database key replaced by another (a restored backup of the wrong
# kiosk, a tampered key file): the window still opens and says why the kiosk cannot start.
key=$(find "$out/data" -name kiosk.key | head -n 1)
[ -n "$key" ] || { echo "window-opens: the kiosk kept no key file (KIOSK_KEY_STORE=file expected)" >&2; exit 1; }
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$key"
start_and_screenshot wrong-key
grep -q "code=store_key_wrong" "$out/wrong-key.log" || {
  echo "window-opens: a wrong key was not reported as store_key_wrong:" >&2
  cat "$out/wrong-key.log" >&2
  exit 1
}
echo "window-opens: with a wrong key the window opens and the log says store_key_wrong ($out/wrong-key.png)"
echo "window-opens: 2 passed, 0 failed"
