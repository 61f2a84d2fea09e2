package io.chingest.producer;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of the ingest host, for provenance headers and progress records. Stateless. */
final class IngestHost {

    private IngestHost() {}

    /** The local host name; HOSTNAME when the resolver cannot tell; "unknown" without either. */
    static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String variable = System.getenv("HOSTNAME");
            return variable == null || variable.isBlank() ? "unknown" : variable;
        }
    }
}
