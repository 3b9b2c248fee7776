#!/usr/bin/env bash
# Deploy -> first execution of actions with npm dependencies (node-ses tree, axios), JIT on as in
# production. Usage: bench/run-npm-cold-start.sh [versions per tree, default 30] [preload]  (results: BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f bench/target/classpath.txt ] || [ ! -d executor-service/target/graal-jit ]; then
  ./mvnw -B -q -DskipTests -pl bench -am package
fi
CP="bench/target/classes:executor-service/target/classes:contracts/target/classes:test-support/target/classes:$(cat bench/target/classpath.txt)"
JIT="-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$PWD/executor-service/target/graal-jit --enable-native-access=ALL-UNNAMED"
# no -ea: assertions make the JS interpreter ~2.7x slower (STACK.md)
exec "$JAVA" $JIT -Xmx512m -cp "$CP" dev.openactions.executor.runtime.NpmColdStart "$@"
