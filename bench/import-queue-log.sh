#!/usr/bin/env bash
# Import throughput benchmark: generates a synthetic Asterisk queue_log (never real data) in /tmp and
# times `./accueil import queue-log` on a fresh H2 database (or PostgreSQL with DB=postgres), with a
# small heap to show that memory stays constant.
#
# Usage: bench/import-queue-log.sh            CALLS=500000 (≈ 2.1 M lines), DB=h2|postgres, HEAP=256m
# Output: the importer's summary (lines, records, added, problems, ms, lines/s) and the peak RSS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
calls="${CALLS:-500000}"
db="${DB:-h2}"
heap="${HEAP:-256m}"
work="$(mktemp -d /tmp/accueil-bench-import-XXXXXX)"
trap 'rm -rf "$work"; [ -n "${schema:-}" ] && psql -q -h 127.0.0.1 -U postgres test -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true' EXIT

# 10 queues mapped to 10 services; calls every ~0.3 s over the days; per call: ENTERQUEUE, then either
# CONNECT + COMPLETECALLER/COMPLETEAGENT (75 %), ABANDON (20 %) or EXITWITHTIMEOUT (5 %), and a
# RINGNOANSWER now and then: ≈ 4.2 lines per call. Calls do not overlap in time within a uniqueid.
echo "generating $calls synthetic calls in $work/queue_log ..." >&2
awk -v calls="$calls" 'BEGIN {
  srand(42); t = 1772438400;
  print t "|NONE|NONE|NONE|QUEUESTART|";
  for (i = 1; i <= calls; i++) {
    t += 0.3; q = "file-" (i % 10); u = int(t) "." i; e = int(t);
    print e "|" u "|" q "|NONE|ENTERQUEUE||06" sprintf("%08d", i) "|1";
    r = rand(); hold = int(rand() * 120);
    if (rand() < 0.2) print e + 5 "|" u "|" q "|PJSIP/agent" (i % 50) "|RINGNOANSWER|15000";
    if (r < 0.75) {
      print e + hold "|" u "|" q "|PJSIP/agent" (i % 50) "|CONNECT|" hold "|" u ".b|3";
      print e + hold + 200 "|" u "|" q "|PJSIP/agent" (i % 50) "|" (rand() < 0.5 ? "COMPLETECALLER" : "COMPLETEAGENT") "|" hold "|200|1";
    } else if (r < 0.95) {
      print e + hold "|" u "|" q "|NONE|ABANDON|1|1|" hold;
    } else {
      print e + 300 "|" u "|" q "|NONE|EXITWITHTIMEOUT|1|1|300";
    }
  }
}' > "$work/queue_log"
lines=$(wc -l < "$work/queue_log")
echo "$lines lines, $(du -h "$work/queue_log" | cut -f1)" >&2
{
  echo "name,administration,service,number"
  for i in 0 1 2 3 4 5 6 7 8 9; do echo "file-$i,bench-admin,service-$i,014000000$i"; done
} > "$work/map.csv"

if [ "$db" = postgres ]; then
  schema="bench_import_$$"
  psql -q -h 127.0.0.1 -U postgres test -c "create schema $schema"
  export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema"
  export SPRING_DATASOURCE_USERNAME=postgres SPRING_FLYWAY_SCHEMAS="$schema"
fi
export ACCUEIL_JAVA_OPTS="-Xms$heap -Xmx$heap -XX:+UseParallelGC"
echo "importing on $db, heap $heap, $(nproc) cores ..." >&2
/usr/bin/time -f "peak RSS %M kB, wall %e s (JVM start-up and Flyway included)" \
  "$root/accueil" import queue-log "$work/queue_log" --map "$work/map.csv" --data-dir "$work/data" || true
