/** Shared by both programs: wire format, schema registry client, type mapping, configuration, metrics. */
package io.chingest.common;
