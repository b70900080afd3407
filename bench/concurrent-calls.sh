#!/usr/bin/env bash
# Media benchmark: N simultaneous calls hearing prompts, RTP send-interval jitter measured at the
# receiver (issue 2 target: >= 1,000 calls, p99 < 5 ms), plus server CPU, heap and memory per call.
#
#   bench/concurrent-calls.sh [--calls 1000] [--rate 100] [--measure 60] [--out DIR]
#
# Starts its own Accueil (server/target/accueil.jar, build it first with ./accueil build) on free
# loopback ports with bench/directory.yaml, then SIPp (bench/sipp/concurrent-calls.xml) places the
# calls; every call's SDP points at one UDP port where RtpJitterProbe separates the streams by SSRC.
# SIPp sends no RTP, so the server's RTP inactivity time-out is raised for the run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
calls=1000 rate=100 measure=60 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --measure) measure=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
jar="$root/server/target/accueil.jar"
[ -f "$jar" ] || { echo "build first: ./accueil build" >&2; exit 2; }
command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
out=${out:-$(mktemp -d -t concurrent-calls-XXXXXX)}
mkdir -p "$out"
(cd "$root" && ./mvnw -q -o -pl bench -am -DskipTests package >/dev/null 2>&1 || ./mvnw -q -pl bench -am -DskipTests package >/dev/null)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sip_port=$(free_port); http_port=$(free_port); probe_port=$(free_port)
data="$out/data"
"$java" -Xms1g -Xmx1g -XX:+UseZGC -jar "$jar" --accueil.data-dir="$data" --accueil.sip.port="$sip_port" \
  --accueil.sip.bind=127.0.0.1 --server.port="$http_port" --accueil.prompt-dirs="$root/prompts/fr" \
  --accueil.directory-file="$here/directory.yaml" --accueil.sip.rtp-timeout=600s --accueil.max-calls=$((calls + 100)) \
  > "$out/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; [ -n "${sipp_pid:-}" ] && kill "$sipp_pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$http_port/actuator/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$http_port/actuator/health" >/dev/null || { echo "server did not start: $out/server.log" >&2; exit 1; }

heap_used_mb() { # after a full GC, in MB
  "$JAVA_HOME/bin/jcmd" "$server" GC.run >/dev/null
  # ZGC prints "ZHeap used 62M, capacity …"; G1 prints "used 63488K".
  "$JAVA_HOME/bin/jcmd" "$server" GC.heap_info | awk '/used/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); u=v; gsub(/[^0-9]/,"",v); if (u ~ /K/) v=int(v/1024); print v; exit } }'
}
rss_mb() { awk '/VmRSS/ { print int($2/1024) }' "/proc/$server/status"; }
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$server/stat"; }

heap0=$(heap_used_mb); rss0=$(rss_mb)
ramp=$(( (calls + rate - 1) / rate + 5 ))
hold_ms=$(( (ramp + measure + 10) * 1000 ))
# Epsilon GC: the probe must not add pauses of its own to what it measures.
"$java" -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp "$root/bench/target/classes" fr.accueil.bench.media.RtpJitterProbe "$probe_port" "$ramp" "$measure" > "$out/probe.txt" &
probe=$!
sleep 0.5
sipp -sf "$here/sipp/concurrent-calls.xml" "127.0.0.1:$sip_port" -s bench -i 127.0.0.1 -key probe_port "$probe_port" \
  -m "$calls" -l "$calls" -r "$rate" -d "$hold_ms" -timeout $((ramp + measure + 60))s -bg \
  -trace_stat -stf "$out/sipp-stat.csv" -trace_err -error_file "$out/sipp-errors.log" > "$out/sipp.out" 2>&1 || true
sipp_pid=$(pgrep -n -f "concurrent-calls.xml" || true)
sleep "$ramp"
hz=$(getconf CLK_TCK); t0=$(cpu_ticks)
sleep "$measure"
t1=$(cpu_ticks)
wait "$probe" || true
heap1=$(heap_used_mb); rss1=$(rss_mb)
calls_up=$(curl -s "http://127.0.0.1:$http_port/api/v1/contacts?service=ecoute&size=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
cpu=$(( (t1 - t0) * 100 / hz / measure ))
echo "concurrent-calls: $calls calls asked at $rate/s, $calls_up answered; measured ${measure}s after a ${ramp}s ramp"
echo "rtp: $(cat "$out/probe.txt")"
echo "server: cpu ${cpu}% of one core; heap after GC ${heap0} MB idle -> ${heap1} MB with calls ($(( (heap1 - heap0) * 1024 / calls )) KB/call); RSS ${rss0} MB -> ${rss1} MB ($(( (rss1 - rss0) * 1024 / calls )) KB/call)"
echo "details: $out"
