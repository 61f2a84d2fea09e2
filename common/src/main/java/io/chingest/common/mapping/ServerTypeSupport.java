package io.chingest.common.mapping;

/**
 * Which of the newer column types a ClickHouse server has, so that a table created for it uses them: DateTime64 for
 * sub-second timestamps, Bool for booleans, Map for Avro maps. Immutable.
 */
public record ServerTypeSupport(boolean dateTime64, boolean bool, boolean map) {
    /** A server with none of them, as 18.16 is: DateTime, UInt8, and no Map. */
    public static final ServerTypeSupport NONE = new ServerTypeSupport(false, false, false);
    /** A current server, which has all of them. */
    public static final ServerTypeSupport ALL = new ServerTypeSupport(true, true, true);
}
