/** Confluent wire format: 0x00, 4-byte big-endian schema id, Avro binary body; encoder and registry-backed decoder. */
package io.chingest.common.wire;
