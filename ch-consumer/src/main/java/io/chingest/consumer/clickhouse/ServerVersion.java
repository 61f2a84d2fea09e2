package io.chingest.consumer.clickhouse;

import io.chingest.common.mapping.ServerTypeSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse server version as {@code SELECT version()} reports it (e.g. 18.16.1 or 24.3.2.23), kept so that
 * features of newer servers can be switched on by version. Immutable.
 */
public record ServerVersion(int major, int minor, int patch, String text) implements Comparable<ServerVersion> {
    private static final Pattern LEADING_NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?.*");

    public static ServerVersion parse(String text) {
        String trimmed = text.strip();
        Matcher matcher = LEADING_NUMBERS.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a ClickHouse version");
        }
        return new ServerVersion(number(matcher.group(1)), number(matcher.group(2)), number(matcher.group(3)), trimmed);
    }

    public boolean isAtLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /**
     * The newer column types this server has, for the tables {@code --create-table} makes: DateTime64 from 20.1, Map
     * from 21.8 (experimental behind a setting in 21.1-21.7), Bool from 22.1 (it came late in 21.x; 22.1 is the first
     * release line where every build has it).
     */
    public ServerTypeSupport typeSupport() {
        return new ServerTypeSupport(isAtLeast(20, 1), isAtLeast(22, 1), isAtLeast(21, 8));
    }

    @Override
    public int compareTo(ServerVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return text;
    }

    private static int number(String digits) {
        if (digits == null) {
            return 0;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
