#!/usr/bin/env python3
"""Writes docker/sample/orders.csv: a deterministic sample for the demo and the end-to-end test.

The rows exercise what a real export contains: quoted fields with embedded commas, quotes and
newlines, non-ASCII text, empty values for nullable columns (unquoted empty = NULL, quoted "" =
empty string), negative and large decimals. Columns are in a different order than the schema's
fields, so the producer must map by header name. Run: python3 docker/sample/generate_orders.py
"""
import csv
import datetime
import os
import random

ROWS = 12_000
HEADER = ["order_id", "order_date", "customer", "quantity", "weight_kg", "unit_price", "express",
          "total", "ledger_balance", "created_at", "note", "rating", "discount", "shipped_at"]
NAMES = ["Anna Schmidt", "José Álvarez", "Zoë Ünal", "Мария Иванова", "李小龙", "Søren Kierkegaard",
         "O'Brien, Patrick", 'Dwayne "The Rock" Johnson', "Ålesund Fisk AS", "Café Zürich 🍰"]
NOTES = ["leave at the door", "fragile, handle with care", 'customer said "urgent"',
         "line one\nline two", "call before delivery;\nback entrance", "tab\there", "back\\slash",
         "naïve façade", "≥ 3 pallets", "日本語のメモ"]


def main():
    rng = random.Random(20261126)
    base = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "orders.csv")
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write(",".join(HEADER) + "\n")
        for i in range(1, ROWS + 1):
            created = base + datetime.timedelta(milliseconds=rng.randrange(0, 3 * 365 * 86_400_000))
            values = {
                "order_id": str(10_000_000_000 + i),
                "order_date": created.date().isoformat(),
                "customer": f"{rng.choice(NAMES)} #{i}",
                "quantity": str(rng.randrange(-5, 100_000)),
                "weight_kg": str(rng.randrange(0, 40_000) / 4),
                "unit_price": repr(round(rng.uniform(0.01, 99_999.0), rng.randrange(0, 7))),
                "express": rng.choice(["true", "false"]),
                "total": f"{rng.randrange(-100_000_00, 9_999_999_999_99) / 100:.2f}",
                "ledger_balance": f"{rng.randrange(-10**25, 10**25)}.{rng.randrange(0, 10_000):04d}",
                "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.") + f"{created.microsecond // 1000:03d}Z",
                "note": None if i % 3 == 0 else ("" if i % 7 == 0 else rng.choice(NOTES)),
                "rating": None if i % 4 == 0 else str(rng.randrange(1, 6)),
                "discount": None if i % 5 == 0 else f"{rng.randrange(0, 99_999) / 100:.2f}",
                "shipped_at": None if i % 6 == 0 else
                (created + datetime.timedelta(hours=rng.randrange(1, 240))).strftime("%Y-%m-%d %H:%M:%S"),
            }
            f.write(",".join(encode(values[name]) for name in HEADER) + "\n")


def encode(value):
    """RFC 4180 quoting; None becomes an unquoted empty field, "" a quoted empty one."""
    if value is None:
        return ""
    if value == "" or any(c in value for c in ',"\n\r') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


if __name__ == "__main__":
    main()
