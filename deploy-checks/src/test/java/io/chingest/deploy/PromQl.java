package io.chingest.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: every identifier that is not a function or aggregation (followed by
 * "("), a keyword, a label name (in {...}, by (...), without (...), on (...), ignoring (...), group_left/right (...)),
 * a string, a number or duration, or a Grafana variable ($__rate_interval, ${x}). Names are as stored, suffix included:
 * a histogram is read as name_bucket / name_sum / name_count, a counter as name_total. Stateless.
 */
final class PromQl {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS =
            Pattern.compile("(?i)\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern GRAFANA_VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern MODIFIERS =
            Pattern.compile("(?i)\\boffset\\s+-?[0-9a-z]+|@\\s*(?:start\\(\\)|end\\(\\)|[0-9.]+)");
    private static final Pattern TOKEN = Pattern.compile(
            "(?<number>(?<![A-Za-z0-9_:])(?:0x[0-9a-fA-F]+|[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?[a-z]*))"
                    + "|(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "inf",
            "nan");

    private PromQl() {}

    static Set<String> metricNames(String expression) {
        String text = STRINGS.matcher(expression).replaceAll(" ");
        text = GRAFANA_VARIABLES.matcher(text).replaceAll(" ");
        text = LABEL_MATCHERS.matcher(text).replaceAll(" ");
        text = RANGES.matcher(text).replaceAll(" ");
        text = LABEL_LISTS.matcher(text).replaceAll(" ");
        text = MODIFIERS.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String name = token.group("name");
            if (name != null
                    && token.group("call") == null
                    && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
