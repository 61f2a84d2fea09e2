/** The programs' meter registry and its one-line counter summary. */
package io.chingest.common.metrics;
