#!/usr/bin/env bash
# Load benchmark: SIPp callers through the IVR menu of a running Accueil
# (INVITE -> welcome -> DTMF 1 -> message -> BYE, scenario bench/sipp/ivr-load.xml).
#
#   bench/ivr-load.sh [--host 127.0.0.1] [--port 5060] [--service 3939] [--rate 300] [--duration 60]
#                     [--limit 2000] [--pid SERVER_PID] [--out DIR] [--scenario FILE] [--media-port N]
#
# Target: >= 300 new calls/s for 60 s with 0 failed calls (issue 2). Prints a summary (calls asked,
# successful, failed, SIPp exit code, wall time) and CPU used during the run by the server
# (--pid, or the process listening on the SIP port), by SIPp, and by the whole machine.
# Exit code: SIPp's (0 = every call succeeded, 1 = some failed, other = SIPp error), 2 = bad usage.
# SIPp's statistics (-trace_stat, one row per second), screen and errors are kept in --out.
# SIPp's media port defaults to the first free one from 6000 up; every call shares it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
host=127.0.0.1 port=5060 service=3939 rate=300 duration=60 limit=2000 pid="" out="" media_port="" scenario="$here/sipp/ivr-load.xml"
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --service) service=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --pid) pid=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --media-port) media_port=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$host" in 127.*|::1|localhost) ;; *) echo "refusing non-loopback host $host" >&2; exit 2 ;; esac
command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
[ -f "$scenario" ] || { echo "no scenario $scenario" >&2; exit 2; }

out=${out:-$(mktemp -d -t ivr-load-XXXXXX)}
mkdir -p "$out"
calls=$((rate * duration))

if [ -z "$pid" ] && command -v ss >/dev/null; then
  # The server: whoever listens on the SIP UDP port.
  pid=$(ss -H -lunp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
fi

cpu_ticks() { # utime+stime of a process and its children, in clock ticks
  [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] || { echo 0; return; }
  awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"
}
machine_ticks() { awk '/^cpu / { idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total, idle }' /proc/stat; }

hz=$(getconf CLK_TCK)
server_before=$(cpu_ticks "$pid")
read -r machine_total_before machine_idle_before < <(machine_ticks)
start=$(date +%s.%N)

# Foreground run, bounded: SIPp's own -timeout plus a hard kill from timeout(1).
bound=$((duration + 60))
set +e
timeout --kill-after=10 "$((bound + 15))" \
  sipp -sf "$scenario" "$host:$port" -s "$service" -i 127.0.0.1 -p 0 ${media_port:+-mp "$media_port"} \
    -r "$rate" -m "$calls" -l "$limit" -nostdin \
    -timeout "${bound}s" -timeout_error \
    -trace_stat -stf "$out/stat.csv" -fd 1 \
    -trace_screen -screen_file "$out/screen.log" \
    -trace_err -error_file "$out/errors.log" > "$out/sipp.out" 2>&1 &
sipp_wrapper=$!
sleep 0.2
sipp_pid=$(pgrep -P "$sipp_wrapper" sipp | head -1 || true)
sipp_ticks=0
while kill -0 "$sipp_wrapper" 2>/dev/null; do
  t=$(cpu_ticks "$sipp_pid"); [ "$t" -gt 0 ] && sipp_ticks=$t
  sleep 1
done
wait "$sipp_wrapper"
code=$?
set -e

end=$(date +%s.%N)
server_after=$(cpu_ticks "$pid")
read -r machine_total_after machine_idle_after < <(machine_ticks)

stat() { # last value of a column of SIPp's stat CSV
  [ -f "$out/stat.csv" ] || { echo "?"; return; }
  awk -F';' -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } NF > 1 { v = $c } END { print (c ? v : "?") }' "$out/stat.csv"
}
ok=$(stat 'SuccessfulCall(C)')
failed=$(stat 'FailedCall(C)')
created=$(stat 'TotalCallCreated')
elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
pct() { awk -v t="$1" -v hz="$hz" -v s="$elapsed" 'BEGIN { printf "%.0f%%", 100 * t / hz / s }'; }

echo "ivr-load: $host:$port service $service, asked $calls calls at $rate/s (limit $limit) in ${elapsed}s"
echo "calls: created $created, successful $ok, failed $failed; sipp exit code $code"
if [ -n "$pid" ]; then
  echo "cpu: server pid $pid $(pct $((server_after - server_before))) of one core"
else
  echo "cpu: server unknown (give --pid)"
fi
echo "cpu: sipp $(pct "$sipp_ticks") of one core"
awk -v t=$((machine_total_after - machine_total_before)) -v i=$((machine_idle_after - machine_idle_before)) -v n="$(nproc)" \
  'BEGIN { if (t > 0) printf "cpu: machine %.0f%% busy over %d cores\n", 100 * (t - i) / t, n }'
echo "details: $out (stat.csv, screen.log, errors.log)"
exit "$code"
