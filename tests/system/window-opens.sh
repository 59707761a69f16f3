#!/usr/bin/env bash
# Whole-system smoke test: the desktop app, as the README's run command builds it, opens its window
# under a virtual X server and WebKitGTK draws the page in it (not a blank or an error page).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${TMPDIR:-/tmp}/kiosk-window-test
rm -rf "$out" && mkdir -p "$out"

cargo build --locked -q -p ipko-kiosk

xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" bash -s "$out" "${CARGO_TARGET_DIR:-target}/debug/ipko-kiosk" <<'INNER'
set -euo pipefail
out=$1
app_bin=$2
KIOSK_DATA_DIR="$out/data" "$app_bin" >"$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
window=""
for _ in $(seq 1 60); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "window-opens: the app exited before opening a window:" >&2
    cat "$out/app.log" >&2
    exit 1
  fi
  window=$(xdotool search --onlyvisible --name 'IPKO' 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  sleep 1
done
if [ -z "$window" ]; then
  echo "window-opens: no window titled IPKO appeared within 60 s" >&2
  cat "$out/app.log" >&2
  exit 1
fi
# WebKitGTK paints a moment after the window maps.
sleep 4
import -window root "$out/screen.png"
INNER

colours=$(convert "$out/screen.png" -format '%k' info:)
echo "window-opens: window found; the screenshot ($out/screen.png) has $colours distinct colours"
# A blank or failed page has a handful of colours; the drawn page has text, a logo and panels.
if [ "$colours" -lt 200 ]; then
  echo "window-opens: the window looks empty" >&2
  exit 1
fi
echo "window-opens: 1 passed, 0 failed"
