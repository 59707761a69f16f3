# Sourced by the whole-system tests (not a test itself: tests/run runs tests/system/*.sh only).
# start_central_api [ARGS…]: starts the reference central API with its demo store on a free port,
# its database in $work; needs $api (the binary), $work and a `fail` function; sets $server (the
# process) and $url (its base URL). Extra arguments go to the server (e.g. TLS options).
start_central_api() {
  : >"$work/server.out"
  RUST_LOG=warn "$api" --db "$work/central.sqlite3" --listen 127.0.0.1:0 --demo-data "$@" \
    >"$work/server.out" 2>"$work/server.err" &
  server=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^listening on \(https\{0,1\}:\/\/[0-9.:]*\)$/\1/p' "$work/server.out")
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.err" >&2; fail "the central API exited"; }
    sleep 0.1
  done
  [ -n "$url" ] || fail "the central API printed no 'listening on' line"
}
