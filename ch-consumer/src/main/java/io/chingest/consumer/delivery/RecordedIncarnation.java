package io.chingest.consumer.delivery;

/**
 * One incarnation of a topic that a table's provenance offsets were recorded for: its topic id and when it was first
 * seen. Immutable.
 */
public record RecordedIncarnation(String topicId, String firstSeen) {}
