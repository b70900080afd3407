#!/usr/bin/env bash
# Quarter-report benchmark: fills the roll-up table with rows equivalent to ~100 M contacts (generated
# directly in SQL, no contact is written), starts the server on that database (no SIP) and times
# GET /api/v1/indicators for a quarter, all services, grouped by administration and service.
#
# Usage: bench/indicators-report.sh [h2|postgres]...   (default: both)
#   SERVICES=200 NUMBERS=3 DAYS=92 BUCKETS_PER_DAY=96 RUNS=20
# Quarter-hour rows = SERVICES × NUMBERS × DAYS × BUCKETS_PER_DAY, and their day roll-ups
# (SERVICES × NUMBERS × DAYS), all days sealed; rows (default 5,299,200, ~19.5 contacts per row on
# average ⇒ ~103 M contacts). BUCKETS_PER_DAY=40 models services open 08:00–18:00 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
services="${SERVICES:-200}"; numbers="${NUMBERS:-3}"; days="${DAYS:-92}"; per_day="${BUCKETS_PER_DAY:-96}"; runs="${RUNS:-20}"
databases=("$@"); [ ${#databases[@]} -eq 0 ] && databases=(h2 postgres)
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jar="$root/server/target/accueil.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl server -am install)

# First quarter of 2026 in Europe/Paris starts 2025-12-31T23:00Z. Buckets: the first BUCKETS_PER_DAY
# quarter hours after 07:00 UTC each day (all 96 when 96). Counters are consistent (numerator ≤
# denominator), varied by a hash of (bucket, service, number).
fill_sql() {
  cat <<SQL
insert into indicator_rollup (rule_set_version, bucket_start, administration, service, number, channel,
  received, closed_hours, received_in_hours, self_service_completed, short_abandons, presented, handled, connected,
  answered_within_target, speed_of_answer_millis, handling_count, handling_millis, ivr_abandons, queue_abandons,
  refused_at_capacity, transferred, callbacks_requested, callbacks_reached, survey_answers, satisfied, dissatisfied)
select 'bench-1', ts, 'admin-' || (s / 10), 'service-' || s, '01400000' || n, 'PHONE',
  r, mod(r, 3), r - mod(r, 3), mod(r, 4), 0, r - mod(r, 3) - mod(r, 4) - 1, r - mod(r, 3) - mod(r, 4) - 1 - mod(r, 5),
  r - mod(r, 3) - mod(r, 4) - 1 - mod(r, 5), r - mod(r, 3) - mod(r, 4) - 1 - mod(r, 5) - mod(r, 2),
  (r - mod(r, 3) - mod(r, 4) - 1 - mod(r, 5)) * 25000, r - mod(r, 3) - mod(r, 4) - 1 - mod(r, 5),
  (r - mod(r, 3) - mod(r, 4) - 1 - mod(r, 5)) * 180000, 1, mod(r, 5), 0, mod(r, 2), 0, 0, mod(r, 3), mod(r, 3), 0
from (select timestamp with time zone '2025-12-31 23:00:00+00' + (d * interval '1' day)
             + ((case when $per_day >= 96 then 0 else 32 end + b) * interval '15' minute) as ts,
             s, n, 10 + mod(d * 7 + b * 13 + s * 3 + n * 5, 20) as r
      from generate_series(0, $((days - 1))) as dd(d)
      cross join generate_series(0, $((per_day - 1))) as bb(b)
      cross join generate_series(0, $((services - 1))) as ss(s)
      cross join generate_series(1, $numbers) as nn(n)) g;
insert into indicator_rollup_day (rule_set_version, day_zone, local_day, administration, service, number, channel,
  $(tallies))
select rule_set_version, 'Europe/Paris', $1, administration, service, number, channel, $(sums)
from indicator_rollup where rule_set_version = 'bench-1'
group by rule_set_version, $1, administration, service, number, channel;
-- The day rows above are complete: seal their days (else reports read quarter hours for them). The
-- recompute run to migrate may have left a watermark row: replace it.
delete from indicator_rollup_sealed where rule_set_version = 'bench-1';
insert into indicator_rollup_sealed (rule_set_version, day_zone, sealed_through)
select 'bench-1', 'Europe/Paris', max(local_day) from indicator_rollup_day
where rule_set_version = 'bench-1' and day_zone = 'Europe/Paris';
SQL
}

tallies() { echo "received, closed_hours, received_in_hours, self_service_completed, short_abandons, presented, handled, connected, answered_within_target, speed_of_answer_millis, handling_count, handling_millis, ivr_abandons, queue_abandons, refused_at_capacity, transferred, callbacks_requested, callbacks_reached, survey_answers, satisfied, dissatisfied"; }
sums() { tallies | sed -E 's/([a-z_]+)/sum(\1)/g'; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

bench_one() {
  local db="$1" work schema="" url port pid
  work="$(mktemp -d /tmp/accueil-bench-report-XXXXXX)"
  local common=(--accueil.data-dir="$work/data" --accueil.sip.enabled=false --accueil.indicators.rule-set-version=bench-1)
  if [ "$db" = postgres ]; then
    schema="bench_report_$$"
    psql -q -h 127.0.0.1 -U postgres test -c "create schema $schema"
    common+=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema"
             --spring.datasource.username=postgres --spring.flyway.schemas="$schema")
  fi
  echo "== $db: migrating ..." >&2
  "$JAVA_HOME/bin/java" -jar "$jar" "${common[@]}" --accueil.command=recompute --spring.main.web-application-type=none \
      --logging.level.root=WARN >/dev/null
  echo "== $db: filling $((services * numbers * days * per_day)) roll-up rows ..." >&2
  local t0=$SECONDS
  if [ "$db" = postgres ]; then
    fill_sql "cast(bucket_start at time zone 'Europe/Paris' as date)" \
      | psql -q -h 127.0.0.1 -U postgres test -c "set search_path = $schema" -f - >/dev/null
    psql -q -h 127.0.0.1 -U postgres test -c "vacuum analyze $schema.indicator_rollup" \
      -c "vacuum analyze $schema.indicator_rollup_day" >/dev/null
  else
    # H2 casts a zoned timestamp to DATE in the session's zone: make it the publication zone.
    { echo "set time zone 'Europe/Paris';"; fill_sql "cast(bucket_start as date)"; } > "$work/fill.sql"
    (cd "$work" && unzip -q -o -j "$jar" 'BOOT-INF/lib/h2-*.jar' -d "$work")
    "$JAVA_HOME/bin/java" -cp "$work"/h2-*.jar org.h2.tools.RunScript -user sa -script "$work/fill.sql" \
      -url "jdbc:h2:file:$work/data/accueil;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  fi
  echo "   filled in $((SECONDS - t0)) s" >&2
  port="$(free_port)"
  "$JAVA_HOME/bin/java" ${ACCUEIL_JAVA_OPTS:--Xmx1g} -jar "$jar" "${common[@]}" --server.port="$port" \
      --logging.level.root=WARN >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 1; done
  local q="http://127.0.0.1:$port/api/v1/indicators?period=quarter&from=2026-01-01&to=2026-03-31&group=administration,service"
  local slices
  slices=$(curl -sf "$q" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["slices"]), sum(s["received"] for s in d["slices"]))')
  echo "   report: $slices (slices, contacts)" >&2
  for _ in 1 2 3; do curl -sf -o /dev/null "$q"; done  # warm-up (JIT, database caches)
  local times=()
  for _ in $(seq 1 "$runs"); do times+=("$(curl -sf -o /dev/null -w '%{time_total}' "$q")"); done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\n' "${times[@]}" | sort -n | awk -v db="$db" -v rows="$((services * numbers * days * per_day))" '
    { t[NR] = $1 * 1000 } END { printf "%s: %d roll-up rows, quarter report over %d runs: min %.0f ms, median %.0f ms, p90 %.0f ms, max %.0f ms\n",
      db, rows, NR, t[1], t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR] }'
  [ -n "$schema" ] && psql -q -h 127.0.0.1 -U postgres test -c "drop schema $schema cascade" >/dev/null
  rm -rf "$work"
}

echo "$(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for db in "${databases[@]}"; do bench_one "$db"; done
