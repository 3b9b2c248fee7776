#!/usr/bin/env bash
# The benchmarks in one run (< 20 min on 2 cores), printing one table (also written to
# bench/target/results.md):
#   1. engine (JMH, Graal JIT on, -Xmx512m forks) and Node's vm on the same small action;
#   2. the sync post-login flow (3 actions) over HTTP: Node reference (fresh, reused, and reused doing
#      the executor's same work: JWT verification + execution record to Kafka), then the packaged
#      executor (saturated from readiness for 2 min: time to steady state), each: closed-loop
#      saturation, fixed rate at 50 %;
#   3. async: CloudEvents through Kafka to the executor, "done" read on actions.executions (warm-up,
#      sustained burst, fixed rate, an action that fetches a local sink, then 2 and 3 executor processes
#      on the identity topic's 6 partitions).
# Needs JDK 25 (JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64) and node (>= 18) on PATH or in $NODE.
# Usage: bench/run.sh [--quick] [--only jmh,http,async] [--authorization "Bearer <jwt>"]
#                     [--http-warmup S] [--saturation S] [--fixed-rate S] [--connections N]
#                     [--async-warmup N] [--async-burst N] [--async-rate N] [--async-seconds S]
#                     [--async-fetch-burst N] [--async-processes N] [--node-workers N]
#        BENCH_SKIP_BUILD=1 reuses what is built; BENCH_EXECUTOR_JVM_FLAGS adds executor JVM flags
#        (e.g. JFR: "-XX:StartFlightRecording=filename=/tmp/executor.jfr,settings=profile");
#        BENCH_LOADGEN_FLAGS adds load generator JVM flags (e.g. "-Dbench.slowLog=/tmp/slow.txt": when each
#        request slower than 3 ms in the fixed-rate phase was meant to be sent, to line up with a GC log).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
NODE="${NODE:-$(command -v node || true)}"
if [ -z "$NODE" ]; then
  echo "node is needed for the Node.js reference (e.g. apt-get install nodejs)" >&2
  exit 1
fi
export NODE
if [ ! -d bench/node-reference/node_modules/kafkajs ]; then
  echo "[bench] installing the Node reference's one dependency (kafkajs, from its lockfile)"
  (cd bench/node-reference && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "[bench] building the executor, the Kafka broker classpath and the benchmarks"
  ./mvnw -B -q -DskipTests package -pl bench -am
fi
# the project's own modules from their build output first: the resolved classpath may name older
# installed jars of them
CP="bench/target/classes:executor-service/target/classes:contracts/target/classes:local-stack/target/classes"
CP="$CP:$(cat bench/target/classpath.txt)"
# the load generator's own GC pauses count as latency (open-loop measurement): logged to tell them apart
mkdir -p bench/target/run/logs
exec "$JAVA" ${BENCH_LOADGEN_FLAGS:-} -Xmx512m -Xlog:gc:file=bench/target/run/logs/load-generator-gc.log:uptime \
  -Dopenactions.root="$PWD" -cp "$CP" dev.openactions.bench.BenchRun "$@"
