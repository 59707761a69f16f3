#!/usr/bin/env bash
# Reconnect storm: 200 simulated kiosks (the sync library, one process), each with 50 changes
# queued during an outage, come back at once against one reference server with admission control
# (8 concurrent pushes). All must drain with zero lost and zero duplicated; prints the time to
# drain and the peak of concurrent pushes. A release build: in debug the set-up alone (10,000
# signed captures) takes a minute.
set -uo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp "${TMPDIR:-/tmp}/kiosk-storm.XXXXXX")
trap 'rm -f "$log"' EXIT
cargo test --release --locked -q -p kiosk-core --test storm -- --ignored --nocapture >"$log" 2>&1
status=$?
if [ $status -eq 0 ]; then
  grep -E '^(storm|reconnect storm):' "$log"
else
  cat "$log"
fi
exit $status
