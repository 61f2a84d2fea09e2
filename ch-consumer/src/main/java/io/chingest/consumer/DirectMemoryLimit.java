package io.chingest.consumer;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's limit on direct buffers ({@code -XX:MaxDirectMemorySize}, by default the heap's maximum), which holds the
 * row chunks of the buffer budget: a budget the limit cannot hold would end the consumer with an OutOfMemoryError at
 * its first large backlog, so it is refused at start-up instead. Immutable.
 *
 * @param bytes the most the JVM lets direct buffers hold
 */
record DirectMemoryLimit(long bytes) {
    /**
     * Direct memory the consumer needs beside the budget: a partly filled chunk per open partition buffer, and the JDK's
     * temporary direct buffer of a socket read, as large as the fetch response it reads (8 MiB at most).
     */
    static final long HEADROOM_BYTES = 16L * 1024 * 1024;

    /** This JVM's limit. */
    static DirectMemoryLimit ofThisJvm() {
        String configured = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxDirectMemorySize")
                .getValue();
        return of(Long.parseLong(configured), Runtime.getRuntime().maxMemory());
    }

    /** The limit from the option's value, where 0 (not set) means the heap's maximum. */
    static DirectMemoryLimit of(long maxDirectMemorySize, long maxHeapBytes) {
        return new DirectMemoryLimit(maxDirectMemorySize > 0 ? maxDirectMemorySize : maxHeapBytes);
    }

    /** @throws InvalidSettingException when a budget of {@code maxBufferedBytes} and the headroom do not fit */
    void check(long maxBufferedBytes) {
        if (maxBufferedBytes > bytes - HEADROOM_BYTES) {
            throw new InvalidSettingException("--max-buffered-bytes (" + mebibytes(maxBufferedBytes)
                    + ") does not fit this JVM's direct memory of " + mebibytes(bytes)
                    + ", which holds the buffered rows and needs " + mebibytes(HEADROOM_BYTES)
                    + " more: lower --max-buffered-bytes, or raise -XX:MaxDirectMemorySize (by default the heap's -Xmx)"
                    + " in JAVA_OPTS");
        }
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
