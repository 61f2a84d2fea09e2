package io.chingest.producer.progress;

/** Tells how far a file was sent, from wherever progress is kept. Implementations say their thread-safety. */
public interface ProgressReader {

    /** The last committed progress under {@code key}, or {@link FileProgress#NONE}. */
    FileProgress progressOf(byte[] key);
}
