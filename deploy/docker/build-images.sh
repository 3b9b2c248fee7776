#!/usr/bin/env bash
# Builds the three OpenActions images from the packaged services.
#
#   ./mvnw -B package -DskipTests          # fills */target/quarkus-app and executor-service/target/graal-jit
#   deploy/docker/build-images.sh 0.1.0    # tags openactions/<service>:0.1.0
#
# CONTAINER_BUILDER picks the tool (default docker; needs BuildKit for the per-Dockerfile
# .dockerignore files). IMAGE_PREFIX replaces "openactions/" (e.g. your registry and project), in
# which case set the same names in your overlay's `images:`.
set -euo pipefail

tag="${1:-dev}"
builder="${CONTAINER_BUILDER:-docker}"
prefix="${IMAGE_PREFIX:-openactions/}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
docker_dir="$root/deploy/docker"

require() {
  [ -e "$root/$1" ] || { echo "build-images: $1 is missing: run ./mvnw -B package first" >&2; exit 1; }
}

for service in action-registry-service:8081 secrets-service:8083; do
  module="${service%%:*}"
  port="${service##*:}"
  require "$module/target/quarkus-app/quarkus-run.jar"
  "$builder" build -f "$docker_dir/Dockerfile.jvm" --build-arg "MODULE=$module" --build-arg "PORT=$port" \
    -t "${prefix}${module}:${tag}" "$root"
done

require executor-service/target/quarkus-app/quarkus-run.jar
require executor-service/target/graal-jit
"$builder" build -f "$docker_dir/Dockerfile.executor" -t "${prefix}executor-service:${tag}" "$root"
