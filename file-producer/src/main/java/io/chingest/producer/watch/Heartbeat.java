package io.chingest.producer.watch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One renewal of a watcher's lease as written in {@code DIR/.watchers/<id>.heartbeat}: the incarnation token of the
 * process (new at every start), a beat number that grows with every renewal (so two renewals never read the same), the
 * renewal interval the writer uses, and its host and pid for people reading the file. Immutable.
 */
public record Heartbeat(String token, long beat, long intervalMillis, String host, long pid) {

    private static final Pattern TEXT =
            Pattern.compile("token=(\\S+) beat=(\\d+) interval-ms=(\\d+) host=(\\S*) pid=(\\d+)\\s*");

    /** The next renewal of the same incarnation. */
    public Heartbeat next() {
        return new Heartbeat(token, beat + 1, intervalMillis, host, pid);
    }

    /** "token=... beat=7 interval-ms=5000 host=ingest-1 pid=4242\n". */
    public String toText() {
        return "token=" + token + " beat=" + beat + " interval-ms=" + intervalMillis + " host=" + host + " pid=" + pid
                + "\n";
    }

    /** The heartbeat the text holds, or empty when it is not one (a file of another version, or damaged). */
    public static Optional<Heartbeat> parse(String text) {
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Heartbeat(
                matcher.group(1),
                Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)),
                matcher.group(4),
                Long.parseLong(matcher.group(5))));
    }
}
