/**
 * Credentials and TLS trust shared by both programs: {@link io.chingest.common.security.Secret} values that never print,
 * secrets read from files, truststores turned into an {@code SSLContext}, and the redaction of settings dumps.
 */
package io.chingest.common.security;
