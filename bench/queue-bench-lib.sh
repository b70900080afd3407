# Shared by bench/bridged-calls.sh and bench/queued-calls.sh (sourced, not run): their common options
# and set-up, the server with generated agents, the agents' SIPp phone, registration and log-in, and
# the measurements. Expects: here, root. Sourcing only defines functions; bench_args and bench_setup
# then set agents, out, rt (a command prefix such as "chrt -f 10", or empty), java, jar, the ports, api.

# bench_args "$@": the options both scripts take (--agents, --out, --rt, --help); the script's own are
# given to its function bench_option, which sets "taken" to the number of words it used (0: not its own).
# --help prints the script's header comment.
bench_args() {
  agents=600 out="" rt=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --agents) agents=$2; shift 2 ;;
      --out) out=$2; shift 2 ;;
      --rt) rt="chrt -f 10"; shift ;;
      -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
      *)
        taken=0
        bench_option "$@"
        [ "$taken" -gt 0 ] || { echo "unknown argument: $1" >&2; exit 2; }
        shift "$taken" ;;
    esac
  done
}

# bench_setup NAME: checks the jar and SIPp, makes the output directory (a temporary NAME-XXXXXX one
# unless --out), picks free ports and arranges for every process started here to be killed on exit.
bench_setup() {
  export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  java="$JAVA_HOME/bin/java"
  jar="$root/server/target/accueil.jar"
  [ -f "$jar" ] || { echo "build first: ./mvnw -B -q -o -pl server -am package -DskipTests" >&2; exit 2; }
  command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
  out=${out:-$(mktemp -d -t "$1-XXXXXX")}
  mkdir -p "$out"
  sip_port=$(free_port); http_port=$(free_port); agent_port=$(free_port)
  # SIPp's [auto_media_port] grows by 4 per call and does not wrap before 65536 (the server then refuses
  # the SDP with 400): the callers start low, below the server's RTP range and the agents' echo port.
  caller_media=2000 agent_media=39000
  api="http://127.0.0.1:$http_port"
  pids=()
  trap cleanup EXIT
}

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() { for p in "${pids[@]}" ${callers:-}; do kill "$p" 2>/dev/null || true; done; }

# start_bench MAX_CALLS: the server, the agents' phone, every agent registered and AVAILABLE, and the
# callers' audio: what both scripts need before their callers start.
start_bench() {
  start_server "$agents" "$1"
  start_agent_phones
  register_agents "$agents"
  login_agents "$agents"
  make_caller_audio
}

# start_server AGENTS MAX_CALLS: agents agent1..agentN (password secretN) serve the queue's service.
start_server() {
  local n=$1 max_calls=$2 i
  {
    echo "accueil:"
    echo "  agents:"
    echo "    algorithms: [md5, sha256]"
    echo "    accounts:"
    for i in $(seq 1 "$n"); do
      echo "      - { id: agent$i, name: \"Agent $i\", username: agent$i, password: \"{noop}secret$i\", services: [file] }"
    done
  } > "$out/agents.yaml"
  $rt "$java" -Xms1g -Xmx1g -XX:+UseZGC -jar "$jar" --spring.config.additional-location="file:$out/agents.yaml" \
    --accueil.data-dir="$out/data" --accueil.sip.port="$sip_port" --accueil.sip.bind=127.0.0.1 \
    --server.port="$http_port" --accueil.prompt-dirs="$root/prompts/fr" \
    --accueil.directory-file="$here/queues-directory.yaml" --accueil.max-calls="$max_calls" \
    --accueil.rtp.port-min=40000 --accueil.rtp.port-max=49999 > "$out/server.log" 2>&1 &
  server=$!; pids+=("$server")
  for _ in $(seq 1 300); do curl -sf "$api/actuator/health" >/dev/null && break; sleep 1; done
  curl -sf "$api/actuator/health" >/dev/null || { echo "server did not start: $out/server.log" >&2; exit 1; }
}

# One SIPp answers for every agent and echoes the RTP it receives (the "agent" speaks back).
start_agent_phones() {
  (cd "$out" && exec $rt sipp -sf "$here/sipp/agent-echo.xml" -i 127.0.0.1 -p "$agent_port" -mp "$agent_media" -rtp_echo \
    -set ring 100 -nostdin -trace_stat -stf "$out/agents-stat.csv" -fd 5 -trace_err -error_file "$out/agents-errors.log" \
    > "$out/agents.out" 2>&1) &
  pids+=("$!")
  sleep 0.5
}

# One SIPp per agent (bench/sipp/agent-register.xml): SIPp 3.6.1 cannot take digest credentials
# from an injection file.
register_agents() {
  local n=$1 registered
  seq 1 "$n" | xargs -P 6 -I{} sh -c "cd '$out' && timeout 30 sipp -sf '$here/sipp/agent-register.xml' 127.0.0.1:$sip_port \
      -i 127.0.0.1 -p 0 -m 1 -s agent{} -au agent{} -ap secret{} -set contact 127.0.0.1:$agent_port -nostdin \
      -timeout 20s -timeout_error >/dev/null 2>&1 || echo agent{} >> '$out/register-failed.txt'"
  registered=$(curl -sf "$api/api/v1/agents" | grep -o '"contacts":\[{' | wc -l)
  echo "agents: $registered of $n registered"
  [ "$registered" -eq "$n" ] || { echo "not every agent registered ($out/register-failed.txt)" >&2; exit 1; }
}

login_agents() {
  local n=$1
  seq 1 "$n" | xargs -P 4 -I{} curl -sf -o /dev/null -X PUT -H 'Content-Type: application/json' \
    -d '{"state":"AVAILABLE"}' "$api/api/v1/agents/agent{}/state"
  echo "agents: $(agents_in AVAILABLE) AVAILABLE"
}

agents_in() { curl -sf "$api/api/v1/agents" | grep -o "\"state\":\"$1\"" | wc -l; }
metric() { curl -sf "$api/actuator/prometheus" | awk -v m="$1" '$1 == m || index($1, m "{") == 1 { v += $2 } END { printf "%.0f", v }'; }
udp_counter() { awk -v c="$1" '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++) col[$i] = i; h = 1 } else { print $col[c]; exit } }' /proc/net/snmp; }
# Datagrams the kernel dropped on the server's own UDP sockets (full receive buffers): the drops column
# of /proc/net/udp for the socket inodes the server holds. The box-wide RcvbufErrors also counts the
# SIPp callers' rtp_stream sockets, which SIPp 3.6.1 never reads (every echoed packet is dropped there).
server_udp_drops() {
  local inodes
  inodes=$(ls -l "/proc/$server/fd" 2>/dev/null | grep -o 'socket:\[[0-9]*\]' | tr -dc '0-9\n' | sort -u | tr '\n' ' ')
  awk -v list=" $inodes " 'NR > 1 && index(list, " " $10 " ") { d += $NF } END { print d + 0 }' /proc/net/udp
}
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu / { idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total, idle }' /proc/stat; }

# snapshot NAME: counters at one instant, as shell variables NAME_relayed, NAME_dropped, ...
snapshot() {
  local p=$1 mt mi
  eval "${p}_at=$(date +%s.%N)"
  eval "${p}_relayed=$(metric accueil_rtp_packets_relayed_total)"
  eval "${p}_dropped=$(metric accueil_rtp_relay_dropped_total)"
  eval "${p}_received=$(metric accueil_rtp_packets_received_total)"
  eval "${p}_rcvbuf=$(udp_counter RcvbufErrors)"
  eval "${p}_inerrors=$(udp_counter InErrors)"
  eval "${p}_sockdrops=$(server_udp_drops)"
  eval "${p}_server=$(cpu_ticks "$server")"
  read -r mt mi < <(machine_ticks)
  eval "${p}_mtotal=$mt ${p}_midle=$mi"
  eval "${p}_load=$(cut -d' ' -f1 /proc/loadavg)"
}

report_window() {
  local hz relayed dropped received rcvbuf inerrors secs sockdrops
  hz=$(getconf CLK_TCK)
  secs=$(awk -v a="$before_at" -v b="$after_at" 'BEGIN { printf "%.1f", b - a }')
  relayed=$((after_relayed - before_relayed)); dropped=$((after_dropped - before_dropped))
  received=$((after_received - before_received))
  rcvbuf=$((after_rcvbuf - before_rcvbuf)); inerrors=$((after_inerrors - before_inerrors))
  sockdrops=$((after_sockdrops - before_sockdrops))
  echo "relay over ${secs}s: received $received, relayed $relayed ($(awk -v r="$relayed" -v s="$secs" 'BEGIN { printf "%.0f", r / s }') packets/s), dropped $dropped ($(awk -v d="$dropped" -v r="$relayed" 'BEGIN { if (r + d > 0) printf "%.4f", 100 * d / (r + d); else print "n/a" }') %)"
  echo "kernel drops on the server's UDP sockets: +$sockdrops; relay loss (socket drops + dropped) / (received + socket drops): $(awk -v s="$sockdrops" -v d="$dropped" -v r="$received" 'BEGIN { if (r + s > 0) printf "%.4f", 100 * (s + d) / (r + s); else print "n/a" }') %"
  echo "kernel UDP over the window (whole box, SIPp included): RcvbufErrors +$rcvbuf, InErrors +$inerrors"
  echo "server cpu: $(awk -v t=$((after_server - before_server)) -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.0f", 100 * t / hz / s }')% of one core; machine busy $(awk -v t=$((after_mtotal - before_mtotal)) -v i=$((after_midle - before_midle)) 'BEGIN { printf "%.0f", 100 * (t - i) / t }')% of 2 cores; load average $before_load -> $after_load"
}

# Contacts of the bench service today with this outcome.
outcomes() {
  local page=0 count=0 got
  while :; do
    got=$(curl -sf "$api/api/v1/contacts?service=file&size=500&page=$page")
    count=$((count + $(grep -o "\"outcome\":\"$1\"" <<< "$got" | wc -l)))
    grep -q '"id"' <<< "$got" || break
    page=$((page + 1))
    [ "$page" -lt 200 ] || break
  done
  echo "$count"
}
contacts_total() { curl -sf "$api/api/v1/contacts?service=file&size=1" | grep -o '"total":[0-9]*' | cut -d: -f2; }

# Successful and failed calls from a SIPp statistics file (last row).
sipp_summary() {
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
    END { n = split(last, f, ";"); print "successful " f[col["SuccessfulCall(C)"]] ", failed " f[col["FailedCall(C)"]] }' "$1"
}

# What the callers say: 5 s of a sweeping tone, raw A-law for SIPp's rtp_stream (read from the cwd).
make_caller_audio() { sox -n -r 8000 -c 1 -e a-law -t al "$out/caller.al" synth 5 sine 300-900 vol 0.5; }
