package io.chingest.producer.progress;

/**
 * What one read of the progress topic found for a file about to be sent. Immutable.
 *
 * @param own      the progress under the file's own key, or {@link FileProgress#NONE}
 * @param sameName the last progress of another file with the same name sent to the same topic, when it has a
 *                 committed prefix; null when there is none
 */
public record ProgressLookup(FileProgress own, FileProgress sameName) {}
