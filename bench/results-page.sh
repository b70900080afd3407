#!/usr/bin/env bash
# Load test of the public results pages (target: p99 < 50 ms at 200 concurrent clients).
# Starts the packaged server on free loopback ports with a temp data directory (the demo directory),
# runs wrk (Debian package wrk) with 200 connections against each page, prints wrk's latency
# distribution, then stops the server it started.
# Usage: bench/results-page.sh [duration, default 30s] [connections, default 200]
# Note: without contacts (no simulator yet) the pages show « non disponible »; the cost measured is
# the page path itself (IndicatorQueries through the 2 s page cache, Thymeleaf, Spring Security).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30s}"
connections="${2:-200}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v wrk >/dev/null || { echo "results-page.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }
[ -f server/target/accueil.jar ] || ./mvnw -q -pl server -am -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
http_port="$(free_port)"
data_dir="$(mktemp -d)"
log="$data_dir/server.log"
"$JAVA_HOME/bin/java" -Xms256m -XX:+UseZGC -jar server/target/accueil.jar \
    --server.port="$http_port" --server.address=127.0.0.1 --accueil.data-dir="$data_dir" \
    --accueil.sip.port=0 --accueil.sip.bind=127.0.0.1 --accueil.prompt-dirs="$PWD/prompts/fr" \
    --logging.level.root=WARN >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$data_dir"' EXIT

base="http://127.0.0.1:$http_port"
for _ in $(seq 1 120); do
  curl -fs "$base/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server did not start:" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 1
done
curl -fs "$base/actuator/health" >/dev/null

for page in /resultats /resultats/caf-demoville /resultats/methodologie; do
  curl -fs -o /dev/null "$base$page"                       # warm the page path once
  wrk -t2 -c"$connections" -d5s "$base$page" >/dev/null     # JIT warm-up
  echo "== $page: wrk -t2 -c$connections -d$duration"
  wrk -t2 -c"$connections" -d"$duration" --latency "$base$page" | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket errors'
done
