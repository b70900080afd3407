#!/usr/bin/env bash
# Cost of the indicator roll-up upkeep on writing contacts: the same concurrent load through the
# contact journal without and with the upkeep (RollupUpkeepBenchmark), on H2 and PostgreSQL.
#
# Usage: bench/rollup-upkeep.sh [h2|postgres]...  CONTACTS=50000 CALLERS=200 ROUNDS=3 SPREAD=false PAST=false
#        MODES=without,with,alternate LINGER_MS=25 (the journal's group-commit window, the product default; 0: none)
#        FOLD_MS=5000 (the roll-up folding period, the product's RollupFolding.EVERY; the folding counts as upkeep)
# (SPREAD=true: worst case, every contact of a journal batch in a different quarter hour;
#  PAST=true: contacts of an earlier day, whose batches lock the sealing watermark; default: today,
#  as live contacts are; run it before 23:00 Paris time, after which today may be sealed soon)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
databases=("$@"); [ ${#databases[@]} -eq 0 ] && databases=(h2 postgres)
cd "$root"
./mvnw -q -o -B -pl server -am test-compile || ./mvnw -q -B -pl server -am test-compile
# Online: on a fresh machine the dependency plugin is not in the local repository yet.
./mvnw -q -B -pl server dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/accueil-upkeep.cp >/dev/null
cp="server/target/test-classes:server/target/classes:$(cat /tmp/accueil-upkeep.cp)"
echo "$(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for db in "${databases[@]}"; do
  "$JAVA_HOME/bin/java" -Xmx1g -Daccueil.test.postgres="jdbc:postgresql://127.0.0.1:5432/test?user=postgres" \
    -Dspread="${SPREAD:-false}" -Dpast="${PAST:-false}" -Dmodes="${MODES:-without,with,alternate}" -Dlinger="${LINGER_MS:-25}" -Dfold.ms="${FOLD_MS:-5000}" -cp "$cp" fr.accueil.server.indicators.RollupUpkeepBenchmark \
    "$db" "${CONTACTS:-50000}" "${CALLERS:-200}" "${ROUNDS:-3}" 2> >(grep -v "^WARNING\|INFO\|DEBUG" >&2)
done
