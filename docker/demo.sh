#!/usr/bin/env bash
# The whole job on the embedded local stack: build both programs, bring up Kafka, the schema
# registry and ClickHouse on this machine, send the bundled sample file with file-producer, drain
# it into ClickHouse with ch-consumer, then show the row count and a few rows.
# Each run loads a fresh topic and table named after the time of the run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

run_id=$(date -u +%Y%m%d_%H%M%S)
topic="orders-demo-${run_id//_/-}"
table="default.orders_demo_${run_id}"

echo "== building file-producer and ch-consumer"
mvn -B -q -DskipTests package

echo "== starting the local stack (Kafka :9092, schema registry :8081, ClickHouse :8123)"
bash docker/local-stack.sh up

echo "== file-producer: docker/sample/orders.csv -> Kafka topic ${topic}"
java -jar file-producer/target/file-producer.jar send \
  --topic "$topic" --schema docker/sample/orders.avsc docker/sample/orders.csv

echo "== ch-consumer: Kafka topic ${topic} -> ClickHouse table ${table}"
ch-consumer/target/ch-consumer run \
  --topic "$topic" --group "${topic}-loader" --table "$table" --create-table --stop-at-end

echo "== rows in ${table}:"
clickhouse-client --host 127.0.0.1 --port 9000 --query "SELECT count() FROM ${table}"
echo "== the first three rows:"
clickhouse-client --host 127.0.0.1 --port 9000 --format Vertical --query \
  "SELECT * FROM ${table} ORDER BY order_id LIMIT 3"
echo "== done. The stack keeps running: 'bash docker/local-stack.sh down' stops it."
