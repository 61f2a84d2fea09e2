/** The programs' meter registries, their one-line counter summary, and a Prometheus endpoint. */
package io.chingest.common.metrics;
