#!/usr/bin/env bash
# Runs OpenActions on this machine with a demo: an embedded PostgreSQL server, a Kafka broker (KRaft),
# the three services, and a demo tenant whose actions send a welcome email (to a local mail sink) and
# add a claim at login. Builds first when the build is missing or older than the sources.
# Ctrl-C stops everything it started. Usage: deploy/local/run.sh [--rebuild]
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

marker=executor-service/target/quarkus-app/quarkus-run.jar
needs_build=false
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$marker" ] || [ ! -f local-stack/target/classpath.txt ] \
   || [ ! -f action-registry-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f secrets-service/target/quarkus-app/quarkus-run.jar ] \
   || [ -n "$(find . -path ./.local -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$marker" -print -quit)" ]; then
  needs_build=true
fi
if [ "$needs_build" = true ]; then
  echo "Building (skipping tests) ..."
  mkdir -p .local
  ./mvnw -B -q -DskipTests install > .local/build.log 2>&1 || { tail -40 .local/build.log; echo "Build failed: see .local/build.log" >&2; exit 1; }
fi

exec "$JAVA" -Dopenactions.root="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "local-stack/target/classes:$(cat local-stack/target/classpath.txt)" \
  dev.openactions.localstack.LocalDemo
