#!/usr/bin/env bash
# The local stack: a Kafka broker (127.0.0.1:9092, controller 9093), the schema registry
# (http://127.0.0.1:8081/apis/ccompat/v7) and ClickHouse (HTTP 8123, native 9000) as local processes,
# with data, logs and pid files under .local-stack/ in the checkout.
#
#   docker/local-stack.sh up        start what is not running, wait until each serves, print where the logs are
#   docker/local-stack.sh down      stop them
#   docker/local-stack.sh status    print each service as up or down with its address (exit 3 if one is down)
#   docker/local-stack.sh install   install the Debian packages clickhouse-server and clickhouse-client (root)
#
# Ports and configuration come from one place, the Java launcher io.chingest.testing.LocalStack in common's
# test classes, which the tests use too; this script builds those classes with Maven when they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_DIR="$ROOT/.local-stack"
PACKAGES=(clickhouse-server clickhouse-client)
TEST_CLASSES="$ROOT/common/target/test-classes"
CLASSES="$ROOT/common/target/classes"
CLASSPATH_FILE="$ROOT/common/target/local-services.classpath"
LAUNCHER_CLASS="$TEST_CLASSES/io/chingest/testing/LocalStack.class"

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

clickhouse_installed() {
  { [ -x /usr/bin/clickhouse-server ] || [ -x /usr/sbin/clickhouse-server ]; } && command -v clickhouse-client >/dev/null
}

install_clickhouse() {
  if clickhouse_installed; then
    echo "clickhouse-server and clickhouse-client are installed"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "ClickHouse is not installed and installing it needs root. As root, run:" >&2
    echo "  apt-get update && apt-get install -y ${PACKAGES[*]}" >&2
    echo "or: sudo $0 install" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}"
  clickhouse_installed || { echo "apt-get installed ${PACKAGES[*]} but clickhouse-server is still missing" >&2; exit 1; }
}

# Builds common's classes, test classes, the unpacked registry and the class-path file when any is missing or
# older than the sources.
ensure_launcher_built() {
  local stale=""
  if [ ! -f "$LAUNCHER_CLASS" ] || [ ! -f "$CLASSPATH_FILE" ] || ! compgen -G "$ROOT/common/target/apicurio-registry-*/*-runner.jar" >/dev/null; then
    stale="missing"
  elif [ -n "$(find "$ROOT/common/src" "$ROOT/common/pom.xml" "$ROOT/pom.xml" -newer "$LAUNCHER_CLASS" -type f -print -quit)" ]; then
    stale="out of date"
  fi
  if [ -n "$stale" ]; then
    echo "common's test classes are $stale: building them with Maven (mvn -pl common test-compile)"
    (cd "$ROOT" && { mvn -B -q -Dstyle.color=never -o -pl common -am test-compile || mvn -B -q -Dstyle.color=never -pl common -am test-compile; })
  fi
}

run_launcher() {
  ensure_launcher_built
  exec java -cp "$TEST_CLASSES:$CLASSES:$(cat "$CLASSPATH_FILE")" io.chingest.testing.LocalStack "$1" --dir "$STACK_DIR"
}

[ $# -eq 1 ] || usage
case "$1" in
  up)
    clickhouse_installed || install_clickhouse
    run_launcher up
    ;;
  down|status)
    run_launcher "$1"
    ;;
  install)
    install_clickhouse
    ;;
  *)
    usage
    ;;
esac
