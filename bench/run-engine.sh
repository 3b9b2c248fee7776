#!/usr/bin/env bash
# JMH benchmarks of the executor's sandbox (warm execution on a reused context, execution on a fresh
# context, bare context creation), with the Graal JIT enabled as in production.
# Usage: bench/run-engine.sh [JMH options, e.g. -wi 5 -i 5 -f 1]
# (bench/run.sh runs all the benchmarks, these included; see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f bench/target/classpath.txt ] || [ ! -d executor-service/target/graal-jit ]; then
  ./mvnw -B -q -DskipTests -pl bench -am install
fi
CP="bench/target/classes:executor-service/target/classes:contracts/target/classes:$(cat bench/target/classpath.txt)"
JIT="-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$PWD/executor-service/target/graal-jit --enable-native-access=ALL-UNNAMED"
# no -ea: assertions make the JS interpreter ~2.7x slower (STACK.md)
if [ $# -eq 0 ]; then
  set -- -wi 5 -w 2s -i 5 -r 2s -f 1
fi
exec "$JAVA" $JIT -cp "$CP" org.openjdk.jmh.Main -jvmArgsAppend "$JIT -Xmx512m" "$@" EngineBenchmark
