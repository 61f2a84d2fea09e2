package io.chingest.producer.progress;

/** Tells how far a file was sent, from wherever progress is kept. Implementations say their thread-safety. */
public interface ProgressReader {

    /** The last committed progress under {@code key}, or {@link FileProgress#NONE}. */
    FileProgress progressOf(byte[] key);

    /**
     * The file's own progress and the last committed progress of another file of the same name (without directory)
     * sent to the same topic that has a committed prefix. This default knows no other files.
     */
    default ProgressLookup lookup(String topic, FileIdentity file, String fileName) {
        return new ProgressLookup(progressOf(FileProgress.key(topic, file)), null);
    }
}
