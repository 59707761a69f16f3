#!/usr/bin/env bash
# Whole-system test of printing the data access report on a real CUPS: a private CUPS scheduler
# with a cups-pdf queue (a printer that writes PDF files), the reference central API with its demo
# store, and the real kioskctl. It renders a demo customer's report, prints it with
# `kioskctl print --wait`, and checks the PDF that comes out of the printer: the page count of the
# rendered report, a section heading and the customer's name. Then the errors a clerk would see:
# a printer that does not exist, a stopped printer, one that rejects jobs, and CUPS not running.
#
# The scheduler is private (its own configuration, spool and socket under a temporary folder,
# reached through CUPS_SERVER), so the machine's own CUPS and printers are never touched; the one
# file outside that folder is cups-pdf's per-queue configuration (/etc/cups/cups-pdf-NAME.conf,
# a path cups-pdf has built in), removed at the end. Needs root: cups-pdf runs as root.
set -euo pipefail
cd "$(dirname "$0")/../.."

name=print
fail() { echo "$name: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); echo "  ok: $*"; }

[ "$(id -u)" = 0 ] || fail "needs root (a private CUPS scheduler and the cups-pdf backend run as root)"
for tool in cupsd lpadmin lpinfo lpstat cupsdisable cupsenable cupsreject cupsaccept pdfinfo pdftotext curl python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run .dev/setup (it installs cups, printer-driver-cups-pdf, poppler-utils)"
done
[ -x /usr/lib/cups/backend/cups-pdf ] || fail "the cups-pdf backend is missing: run .dev/setup (printer-driver-cups-pdf)"

cargo build --locked -q -p central-api -p kioskctl
api="${CARGO_TARGET_DIR:-target}/debug/central-api"
ctl="${CARGO_TARGET_DIR:-target}/debug/kioskctl"
. tests/system/lib/central-api.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-print.XXXXXX")
# CUPS's filters run as the user lp and must reach the spool below this folder.
chmod 711 "$work"
queue=KioskPDF
instance="kiosktest$$"
cupspdf_conf="/etc/cups/cups-pdf-$instance.conf"
cupsd_pid=""
server=""
stop_cupsd() {
  if [ -n "$cupsd_pid" ]; then
    kill "$cupsd_pid" 2>/dev/null || true
    wait "$cupsd_pid" 2>/dev/null || true
    cupsd_pid=""
  fi
}
cleanup() {
  stop_cupsd
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -f "$cupspdf_conf"
  if [ "${KEEP:-0}" = 1 ]; then echo "$name: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- A private CUPS scheduler -------------------------------------------------------------------
cups="$work/cups"
mkdir -p "$cups"/{conf,spool/tmp,cache,state,log} "$work/out" "$work/cups-pdf-spool"
chmod 755 "$cups" "$cups/conf" "$work/out"
cat >"$cups/conf/cupsd.conf" <<EOF
LogLevel info
Listen $cups/cups.sock
Browsing No
WebInterface No
# What a kiosk should say too (README, "Printing"): the document is deleted once printed.
PreserveJobFiles No
<Location />
  Order allow,deny
  Allow from all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
cat >"$cups/conf/cups-files.conf" <<EOF
ServerRoot $cups/conf
RequestRoot $cups/spool
TempDir $cups/spool/tmp
CacheDir $cups/cache
StateDir $cups/state
AccessLog $cups/log/access_log
ErrorLog $cups/log/error_log
PageLog $cups/log/page_log
Printcap $cups/printcap
SystemGroup root
EOF
cupsd -f -c "$cups/conf/cupsd.conf" -s "$cups/conf/cups-files.conf" >"$cups/log/cupsd.out" 2>&1 &
cupsd_pid=$!
export CUPS_SERVER="$cups/cups.sock"
for _ in $(seq 1 100); do
  [ "$(lpstat -r 2>/dev/null)" = "scheduler is running" ] && break
  kill -0 "$cupsd_pid" 2>/dev/null || { cat "$cups/log/cupsd.out" "$cups/log/error_log" >&2 2>/dev/null; fail "cupsd exited"; }
  sleep 0.1
done
[ "$(lpstat -r)" = "scheduler is running" ] || fail "the private CUPS scheduler does not answer on $CUPS_SERVER"
ok "private CUPS scheduler on $CUPS_SERVER"

# cups-pdf reads /etc/cups/cups-pdf-INSTANCE.conf for a queue whose device is cups-pdf:/INSTANCE:
# this queue writes into the test's folder, not into ~/PDF or /var/spool/cups-pdf.
cat >"$cupspdf_conf" <<EOF
Out $work/out
AnonDirName $work/out
Spool $work/cups-pdf-spool
Log $cups/log
EOF
ppd=$(lpinfo -m 2>/dev/null | awk '$1 ~ /CUPS-PDF_opt\.ppd$/ {print $1; exit}')
[ -n "$ppd" ] || ppd=$(lpinfo -m 2>/dev/null | awk '$1 ~ /CUPS-PDF.*\.ppd$/ {print $1; exit}')
[ -n "$ppd" ] || fail "CUPS lists no CUPS-PDF driver (lpinfo -m): is printer-driver-cups-pdf installed?"
# cups-pdf turns PostScript into PDF with Ghostscript; poppler's default PDF-to-PostScript step
# turns the report's embedded fonts into glyphs without text, pdftocairo keeps them as text
# (Debian's README of cups-pdf, bug #928738).
lpadmin -p "$queue" -E -v "cups-pdf:/$instance" -m "$ppd" -o pdftops-renderer-default=pdftocairo \
  >"$work/lpadmin.out" 2>&1 || { cat "$work/lpadmin.out" >&2; fail "lpadmin could not create the $queue queue"; }
"$ctl" printers >"$work/printers.txt" || fail "kioskctl printers failed: $(cat "$work/printers.txt")"
grep -qx "$queue: idle, accepting jobs" "$work/printers.txt" || fail "kioskctl printers does not show $queue ready: $(cat "$work/printers.txt")"
ok "cups-pdf queue $queue ($ppd); kioskctl printers: $(head -n 1 "$work/printers.txt")"

# --- A demo customer's report -------------------------------------------------------------------
start_central_api
kiosk="$work/kiosk"
"$ctl" --data-dir "$kiosk" enroll --url "$url" --store DEMO-PRISHTINA --secret demo-enrolment-secret --name "Print test" >/dev/null
# The kiosk's own token is sealed in its encrypted database: the test reads the report as a second
# device of the store, enrolled here.
token=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"store_code":"DEMO-PRISHTINA","enrolment_secret":"demo-enrolment-secret","device_name":"Print test reader"}' \
  "$url/v1/devices/enroll" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') ||
  fail "enrolling the test's reader failed"
[ -n "$token" ] || fail "the test's reader got no token"
customer=C-000002
curl -fsS -H "Authorization: Bearer $token" "$url/v1/customers/$customer/data-report" -o "$work/report.json" ||
  fail "GET /v1/customers/$customer/data-report failed"
customer_name=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["customer"]; print(c["first_name"], c["last_name"])' "$work/report.json")
rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["traffic"]))' "$work/report.json")

"$ctl" --data-dir "$kiosk" report render --data "$work/report.json" --lang en --clerk PR-0101 --out "$work/report.pdf" >"$work/render.out" 2>&1 ||
  fail "kioskctl report render failed: $(cat "$work/render.out")"
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 1 ] || fail "the rendered report has no pages"
ok "rendered $customer's report ($rows traffic rows): $pages pages, $(stat -c %s "$work/report.pdf") bytes"

# --- Print it and read what the printer made ----------------------------------------------------
"$ctl" print "$work/report.pdf" --printer "$queue" --title "IPKO data report (system test)" --wait --wait-secs 120 \
  >"$work/print.out" 2>"$work/print.err" ||
  fail "kioskctl print --wait failed: $(cat "$work/print.out" "$work/print.err"; tail -n 20 "$cups/log/error_log")"
job=$(sed -n "s/^Sent to printer $queue as job \($queue-[0-9]*\)\.$/\1/p" "$work/print.out")
[ -n "$job" ] || fail "kioskctl print gave no job id: $(cat "$work/print.out")"
grep -qx "$job: printed" "$work/print.out" || fail "kioskctl print --wait did not report the job printed: $(cat "$work/print.out")"
ok "kioskctl print --wait: job $job printed"

# The job is complete when cups-pdf has written and closed its file.
printed=""
for _ in $(seq 1 100); do
  printed=$(find "$work/out" -maxdepth 1 -name '*.pdf' -print -quit)
  [ -n "$printed" ] && pdfinfo "$printed" >/dev/null 2>&1 && break
  sleep 0.2
done
[ -n "$printed" ] || fail "no PDF came out of the printer in $work/out (cups-pdf log: $(cat "$cups/log"/cups-pdf-*_log 2>/dev/null | tail -n 5))"
printed_pages=$(pdfinfo "$printed" | awk '/^Pages:/ {print $2}')
[ "$printed_pages" = "$pages" ] || fail "the printer made $printed_pages pages of a $pages-page report"
pdftotext -layout "$printed" "$work/printed.txt"
for heading in "4. Traffic data" "7. Consents on record"; do
  grep -qF "$heading" "$work/printed.txt" || fail "the printed report lacks the section heading \"$heading\""
done
grep -qF "$customer_name" "$work/printed.txt" || fail "the printed report lacks the customer's name"
ok "the printer made $printed_pages pages with the section headings and $customer's name ($(stat -c %s "$printed") bytes)"
# CUPS keeps no copy of a printed report when told so (PreserveJobFiles No).
leftover=$(find "$cups/spool" -maxdepth 1 -name 'd*' | wc -l)
[ "$leftover" -eq 0 ] || fail "CUPS kept $leftover document(s) in its spool after printing"
ok "no copy of the report left in CUPS's spool"

# --- What the clerk hears when printing cannot work --------------------------------------------
expect_refusal() {
  local what=$1 pattern=$2
  shift 2
  if "$ctl" "$@" >"$work/refused.out" 2>"$work/refused.err"; then
    fail "$what: kioskctl $* succeeded"
  fi
  grep -qF -- "$pattern" "$work/refused.err" || fail "$what: no clear message, got: $(cat "$work/refused.err")"
  ok "$what: $(head -n 1 "$work/refused.err")"
}
jobs_before=$(lpstat -W all -o | wc -l)
expect_refusal "a printer that does not exist" "There is no printer named \"NoSuchPrinter\" on this computer. Printers here: $queue." \
  print "$work/report.pdf" --printer NoSuchPrinter
cupsdisable -r "Paper jam (test)" "$queue"
expect_refusal "a stopped printer" "The printer \"$queue\" is stopped (Paper jam (test))" \
  print "$work/report.pdf" --printer "$queue"
cupsenable "$queue"
cupsreject -r "Moving store (test)" "$queue"
expect_refusal "a printer that rejects jobs" "The printer \"$queue\" is not accepting jobs (Moving store (test))" \
  print "$work/report.pdf" --printer "$queue"
cupsaccept "$queue"
[ "$(lpstat -W all -o | wc -l)" = "$jobs_before" ] || fail "a refused printout was queued anyway"
printf 'not a pdf\n' >"$work/not.pdf"
expect_refusal "a file that is not a PDF" "is not a PDF" print "$work/not.pdf" --printer "$queue"
stop_cupsd
expect_refusal "CUPS not running" "The print service (CUPS) is not running" print "$work/report.pdf" --printer "$queue"

echo "$name: $checks passed, 0 failed"
