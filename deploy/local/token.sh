#!/usr/bin/env bash
# Prints a bearer token that the local platform (deploy/local/run.sh) accepts, signed with the local key
# pair in .local/keys (generated on first use). Examples:
#   deploy/local/token.sh --tenant default --scopes "read:actions create:actions update:actions delete:actions"
#   deploy/local/token.sh --tenant default --scopes "execute:flows"          # what an auth server sends to the executor
#   deploy/local/token.sh --scopes "admin:keys read:audit" --subject ops:me   # an operator (no tenant)
#   deploy/local/token.sh --partner acme --scopes "create:integrations submit:integrations"   # a marketplace partner
# Options: --tenant ID or --partner ID, --scopes "s1 s2", --ttl 1h (default), --subject NAME.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f local-stack/target/classpath.txt ] || [ ! -d local-stack/target/classes ]; then
  echo "Build first: deploy/local/run.sh (or ./mvnw -DskipTests install)" >&2
  exit 1
fi
exec "$JAVA" -Dopenactions.root="$PWD" -cp "local-stack/target/classes:$(cat local-stack/target/classpath.txt)" \
  dev.openactions.localstack.MintToken "$@"
