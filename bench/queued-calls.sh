#!/usr/bin/env bash
# Queue benchmark: new queued calls per second (issue 3 target: >= 100/s for 60 s, 0 failed calls).
#
#   bench/queued-calls.sh [--rate 100] [--duration 60] [--agents 600] [--talk 2] [--out DIR] [--rt]
#
# Every call goes the whole way, so that the rate measured is that of calls the queue really takes
# in and serves: SIPp caller (bench/sipp/queue-caller.xml) -> menu -> key 1 by SIP INFO -> enqueued ->
# offered to the longest-idle agent -> the agents' SIPp (agent-echo.xml, 100 ms ring, -rtp_echo)
# answers -> bridged, audio both ways for --talk seconds -> the caller hangs up -> the agent is
# available again at once (wrap-up 0). --agents must cover rate x (talk + ring + signalling).
# Same server set-up as bench/bridged-calls.sh (bench/queue-bench-lib.sh). --rt runs the server and both
# SIPps under SCHED_FIFO (chrt -f 10), as bench/relay.sh does, when other work loads the machine.
# Measured: SIPp's successful / failed calls; from the contact journal (H2, read after the server
# stopped and drained it): "enqueued" events per second over the run (min and median of the full
# seconds, overall rate), answered events, HANDLED_BY_AGENT outcomes, enqueue -> answered p50 / p99;
# server CPU and machine load.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/queue-bench-lib.sh"
rate=100 duration=60 talk=2
bench_option() {
  case "$1" in
    --rate) rate=$2; taken=2 ;;
    --duration) duration=$2; taken=2 ;;
    --talk) talk=$2; taken=2 ;;
  esac
}
bench_args "$@"
bench_setup queued-calls

calls=$((rate * duration))
start_bench $((rate * (talk + 4) * 2 + 400))

echo "queued-calls: $calls calls at $rate/s, each talking ${talk}s with an agent; $agents agents"
snapshot before
set +e
(cd "$out" && exec timeout --kill-after=10 $((duration + 120)) $rt sipp -sf "$here/sipp/queue-caller.xml" "127.0.0.1:$sip_port" \
  -s file -i 127.0.0.1 -p 0 -mp "$caller_media" -set hold $((talk * 1000 + 500)) -m "$calls" -l $((rate * (talk + 4) * 2)) \
  -r "$rate" -nostdin -timeout $((duration + 90))s -timeout_error -trace_stat -stf "$out/callers-stat.csv" -fd 1 \
  -trace_screen -screen_file "$out/callers-screen.log" -trace_err -error_file "$out/callers-errors.log" > "$out/callers.out" 2>&1)
sipp_code=$?
set -e
snapshot after
sleep 2
echo "sipp callers: $(sipp_summary "$out/callers-stat.csv") exit $sipp_code"
report_window "$duration"

# Stop the server so that the journal is drained and H2 releases the file, then read the journal.
kill "$server"; wait "$server" 2>/dev/null || true
unzip -q -o -j "$jar" 'BOOT-INF/lib/h2-*.jar' -d "$out/h2"
sql() { "$java" -cp "$(ls "$out"/h2/h2-*.jar)" org.h2.tools.Shell -url "jdbc:h2:file:$out/data/accueil;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
  -user sa -password "" -sql "$1" | grep -v '^(' ; }
sql "select extract(epoch from date_trunc('second', at)) as s, count(*) as n from contact_event where type = 'enqueued' group by s order by s" \
  | awk -F'|' 'NR > 1 { gsub(/ /, ""); print $2 }' > "$out/enqueued-per-second.txt"
# The first and last seconds are partial: keep the full ones.
sort -n <(sed '1d;$d' "$out/enqueued-per-second.txt") > "$out/enqueued-sorted.txt"
n=$(wc -l < "$out/enqueued-sorted.txt")
echo "journal: enqueued per full second over $n s: min $(head -1 "$out/enqueued-sorted.txt"), median $(sed -n "$(( (n + 1) / 2 ))p" "$out/enqueued-sorted.txt"), max $(tail -1 "$out/enqueued-sorted.txt") (per second: $out/enqueued-per-second.txt)"
sql "select count(*) as enqueued, extract(epoch from max(at) - min(at)) as span from contact_event where type = 'enqueued'" \
  | awk -F'|' 'NR == 2 { gsub(/ /, ""); printf "journal: %d enqueued over %.1f s = %.1f/s\n", $1, $2, $1 / $2 }'
sql "select count(*) from contact_event where type = 'answered'" | awk 'NR == 2 { print "journal: answered " $1 }'
sql "select count(*) from contact where outcome = 'HANDLED_BY_AGENT'" | awk 'NR == 2 { print "journal: HANDLED_BY_AGENT " $1 }'
sql "select percentile_cont(0.5) within group (order by w), percentile_cont(0.99) within group (order by w) from (select extract(epoch from a.at - e.at) * 1000 as w from contact_event e join contact_event a on a.contact_id = e.contact_id and a.type = 'answered' where e.type = 'enqueued')" \
  | awk -F'|' 'NR == 2 { gsub(/ /, ""); printf "journal: enqueued -> answered p50 %.0f ms, p99 %.0f ms\n", $1, $2 }'
echo "details: $out"
exit "$sipp_code"
