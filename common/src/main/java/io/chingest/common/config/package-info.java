/** Program configuration: picocli commands fed from a properties file, CH_INGEST_* variables and flags; value converters. */
package io.chingest.common.config;
