#!/usr/bin/env bash
# Load test of the public results pages (target: p99 < 50 ms at 200 concurrent clients).
# Starts the packaged server on free loopback ports with a temp data directory (the demo directory),
# runs wrk (Debian package wrk, a separate C process) with 200 keep-alive connections against each
# page, prints req/s, p50/p90/p99/p99.9 (bench/wrk-percentiles.lua), the server's and wrk's CPU and
# the load average, then stops the server it started.
# Usage: bench/results-page.sh [duration, default 60s] [connections, default 200] [pages...]
#   SERVER_ARGS="--server.tomcat.threads.max=8"  extra server arguments (experiments)
#   WRK_HEADERS="Accept-Encoding: gzip"         one extra request header (browsers send this one)
#   WRK_DELAY_MS=50                             paced clients: each connection pauses 50 ms between requests
#   ACCUEIL_JAVA_OPTS="-Xms256m -XX:+UseZGC"    the server JVM options (default: as ./accueil)
# Note: without contacts (no simulator yet) the pages show « non disponible »; the cost measured is
# the page path itself (pre-rendered pages, re-rendered every 2 s from IndicatorQueries).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60s}"
connections="${2:-200}"
shift $(( $# < 2 ? $# : 2 ))
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(/resultats /resultats/caf-demoville /resultats/methodologie)
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v wrk >/dev/null || { echo "results-page.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }
[ -f server/target/accueil.jar ] || ./mvnw -q -pl server -am -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system, all threads, in clock ticks
http_port="$(free_port)"
data_dir="$(mktemp -d)"
log="$data_dir/server.log"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${ACCUEIL_JAVA_OPTS:--Xms256m -XX:+UseZGC} -jar server/target/accueil.jar \
    --server.port="$http_port" --server.address=127.0.0.1 --accueil.data-dir="$data_dir" \
    --accueil.sip.port=0 --accueil.sip.bind=127.0.0.1 --accueil.prompt-dirs="$PWD/prompts/fr" \
    --logging.level.root=WARN ${SERVER_ARGS:-} >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$data_dir"' EXIT

base="http://127.0.0.1:$http_port"
for _ in $(seq 1 120); do
  curl -fs "$base/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server did not start:" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 1
done
curl -fs "$base/actuator/health" >/dev/null

header=()
[ -z "${WRK_HEADERS:-}" ] || header=(-H "$WRK_HEADERS")
ticks="$(getconf CLK_TCK)"
for page in "${pages[@]}"; do
  curl -fs -o /dev/null "$base$page"                                  # warm the page path once
  WRK_DELAY_MS='' wrk -t2 -c"$connections" -d10s "${header[@]}" "$base$page" >/dev/null  # JIT warm-up
  echo "== $page: wrk -t2 -c$connections -d$duration ${WRK_HEADERS:+-H '$WRK_HEADERS'} ${WRK_DELAY_MS:+paced $WRK_DELAY_MS ms }($(uptime | sed 's/.*load/load/'))"
  server_before="$(cpu_ticks "$server_pid")"
  start="$(date +%s.%N)"
  TIMEFORMAT="%U %S"
  { time wrk -t2 -c"$connections" -d"$duration" "${header[@]}" -s bench/wrk-percentiles.lua "$base$page" \
      | sed -n '/^requests/,$p' >"$data_dir/wrk.out"; } 2>"$data_dir/wrk.time"
  end="$(date +%s.%N)"
  server_after="$(cpu_ticks "$server_pid")"
  cat "$data_dir/wrk.out"
  read -r wrk_user wrk_sys <"$data_dir/wrk.time"
  awk -v s0="$server_before" -v s1="$server_after" -v t0="$start" -v t1="$end" -v hz="$ticks" \
      -v wu="$wrk_user" -v ws="$wrk_sys" 'BEGIN { d = t1 - t0;
      printf "cpu: server %.0f %% of one core, wrk %.0f %% of one core (over %.1f s)\n", 100 * (s1 - s0) / hz / d, 100 * (wu + ws) / d, d }'
  # CPU pressure: share of the time some runnable task waited for a core (other builds, wrk, us).
  echo "after: $(uptime | sed 's/.*load/load/'); cpu pressure: $(head -1 /proc/pressure/cpu 2>/dev/null || echo n/a)"
done
