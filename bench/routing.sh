#!/usr/bin/env bash
# Builds core + bench and runs the routing decision benchmark (JMH, SampleTime: p50/p99/p99.9).
# Short by design (the machine is shared): 1 fork, 3 × 2 s warm-up, 5 × 2 s measurement.
# Extra arguments go to JMH, e.g. bench/routing.sh -f 2 -i 10
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -pl bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=runtime
CP="bench/target/classes:$(cat bench/target/jmh.classpath)"
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main 'fr.accueil.bench.routing.RoutingDecisionBenchmark' \
    -f 1 -wi 3 -w 2s -i 5 -r 2s -tu us -bm sample "$@"
