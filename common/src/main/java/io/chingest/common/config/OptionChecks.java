package io.chingest.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks for option values both programs take (broker lists, URLs, Kafka topic names, positive numbers and
 * durations); each failure is an {@link InvalidOptionException} naming the option. Stateless, thread-safe.
 */
public final class OptionChecks {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^\\s:\\[\\],]+):(\\d{1,5})");

    private OptionChecks() {}

    /** A comma-separated list of host:port (IPv6 hosts in brackets); spaces around the commas are allowed. */
    public static String hostPortList(String option, String value) {
        required(option, value);
        for (String server : value.split(",", -1)) {
            Matcher hostPort = HOST_PORT.matcher(server.trim());
            if (!hostPort.matches()
                    || Integer.parseInt(hostPort.group(2)) < 1
                    || Integer.parseInt(hostPort.group(2)) > 65535) {
                throw new InvalidOptionException(
                        option,
                        value,
                        "'" + server.trim() + "' is not host:port" + " (expected HOST:PORT[,HOST:PORT...])");
            }
        }
        return value;
    }

    /** An http:// or https:// URL with a host. */
    public static String httpUrl(String option, String value) {
        required(option, value);
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidOptionException(option, value, "'" + value + "' is not a URL: " + e.getMessage());
        }
        if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidOptionException(
                    option, value, "'" + value + "' must be an http:// or https:// URL" + " with a host");
        }
        return value.strip();
    }

    /** A legal Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-', and neither "." nor "..". */
    public static String topic(String option, String value) {
        required(option, value);
        if (!TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new InvalidOptionException(
                    option,
                    value,
                    "'" + value + "' is not a Kafka topic name (1 to 249" + " letters, digits, '.', '_' or '-')");
        }
        return value;
    }

    public static int positive(String option, int value) {
        if (value < 1) {
            throw new InvalidOptionException(option, String.valueOf(value), "must be at least 1, was " + value);
        }
        return value;
    }

    public static Duration positive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidOptionException(
                    option, String.valueOf(value), "must be a positive duration, was " + value);
        }
        return value;
    }

    public static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidOptionException(option, value, "must not be empty");
        }
        return value;
    }
}
