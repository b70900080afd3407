#!/usr/bin/env bash
# Queue benchmark: N simultaneous bridged calls, SIPp callers <-> SIPp agents that auto-answer, every
# packet relayed by Accueil (issue 3 target: >= 500 calls, relay loss < 0.1 %).
#
#   bench/bridged-calls.sh [--calls 500] [--agents 600] [--rate 25] [--hold 60] [--out DIR] [--rt]
#
# Starts its own Accueil (server/target/accueil.jar, build it first) on free loopback ports with
# bench/queues-directory.yaml and --agents generated agent accounts (service "file", {noop} passwords,
# digest md5 first for SIPp), then:
#   1. one SIPp (bench/sipp/agent-echo.xml, -rtp_echo) is the phone of every agent: it answers the
#      server's INVITEs and echoes the RTP it receives;
#   2. SIPp registers every agent (bench/sipp/agent-register.xml, digest) and each is logged in with
#      PUT /api/v1/agents/{id}/state {"state":"AVAILABLE"};
#   3. SIPp callers (bench/sipp/queue-caller.xml) ramp to --calls at --rate calls/s, press 1 (queue) and
#      speak (rtp_stream, a looped tone) until all are up and then --hold seconds more, and hang up.
# Measured over the hold window: bridges up (accueil_rtp_bridges_active, agents ON_CONTACT in
# GET /api/v1/agents), relay counters (relayed vs dropped packets), the kernel's UDP receive errors
# (packets lost in socket buffers anywhere on the box), server CPU; afterwards SIPp's failed calls and
# the contacts' outcomes (HANDLED_BY_AGENT) from GET /api/v1/contacts.
# --rt runs the server and both SIPps under SCHED_FIFO (chrt -f 10), as bench/relay.sh does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/queue-bench-lib.sh"
calls=500 rate=25 hold=60
bench_option() {
  case "$1" in
    --calls) calls=$2; taken=2 ;;
    --rate) rate=$2; taken=2 ;;
    --hold) hold=$2; taken=2 ;;
  esac
}
bench_args "$@"
[ "$agents" -ge "$calls" ] || { echo "--agents must be >= --calls" >&2; exit 2; }
bench_setup bridged-calls

start_bench $((calls * 2 + 200))

ramp=$(( (calls + rate - 1) / rate ))
hold_ms=$(( (ramp + hold + 5) * 1000 ))   # the first caller holds until the last is up, plus --hold
echo "bridged-calls: $calls callers at $rate/s (ramp ${ramp}s), each holding ${hold_ms} ms; $agents agents"
(cd "$out" && $rt sipp -sf "$here/sipp/queue-caller.xml" "127.0.0.1:$sip_port" -s file -i 127.0.0.1 -p 0 -mp "$caller_media" \
  -set hold "$hold_ms" -m "$calls" -l "$calls" -r "$rate" -nostdin -timeout $((ramp + hold + 120))s -timeout_error \
  -trace_stat -stf "$out/callers-stat.csv" -fd 5 -trace_screen -screen_file "$out/callers-screen.log" \
  -trace_err -error_file "$out/callers-errors.log" > "$out/callers.out" 2>&1) &
callers=$!
# Ramp plus 5 s for the last calls to reach their agent, then the measured window.
sleep $((ramp + 5))
snapshot before
samples="$out/samples.txt"; : > "$samples"
window_start=$(date +%s)
while [ $(( $(date +%s) - window_start )) -lt "$hold" ]; do
  echo "$(date +%T) bridges=$(metric accueil_rtp_bridges_active) on_contact=$(agents_in ON_CONTACT) load=$(cut -d' ' -f1 /proc/loadavg)" >> "$samples"
  sleep 5
done
snapshot after
set +e; wait "$callers"; sipp_code=$?; set -e
sleep 2

min_bridges=$(awk '{ split($2, a, "="); v = a[2] + 0; if (min == "" || v < min) min = v } END { print min + 0 }' "$samples")
min_on_contact=$(awk '{ split($3, a, "="); v = a[2] + 0; if (min == "" || v < min) min = v } END { print min + 0 }' "$samples")
handled=$(outcomes HANDLED_BY_AGENT)
echo "bridged-calls: asked $calls; during the ${hold}s window: bridges up min ${min_bridges}, agents ON_CONTACT min ${min_on_contact} (samples every 5 s: $samples)"
echo "sipp callers: $(sipp_summary "$out/callers-stat.csv") exit $sipp_code; contacts HANDLED_BY_AGENT: $handled / $(contacts_total)"
report_window "$hold"
echo "details: $out"
