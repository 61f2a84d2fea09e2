-- Run by the ClickHouse image on its first start (an empty data volume): the table the consumers load, in the
-- layout `ch-consumer run --create-table` makes for docker/sample/orders.avsc: one column per field, then the
-- provenance columns, sorted by them, which give exactly-once inserts (README, "Exactly once into ClickHouse").
-- deploy-checks' DockerFilesTest keeps it equal to what --create-table would run.
CREATE TABLE IF NOT EXISTS default.orders (
    `order_id` Int64,
    `customer` String,
    `quantity` Int32,
    `weight_kg` Float32,
    `unit_price` Float64,
    `express` UInt8,
    `total` Decimal(12, 2),
    `ledger_balance` Decimal(30, 4),
    `order_date` Date,
    `created_at` DateTime,
    `note` Nullable(String),
    `rating` Nullable(Int32),
    `discount` Nullable(Decimal(5, 2)),
    `shipped_at` Nullable(DateTime),
    _kafka_topic String,
    _kafka_partition Int32,
    _kafka_offset Int64
) ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset);
