package io.chingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the exit codes a program documents: its table in README.md (under "### Exit codes of PROGRAM": code, name,
 * then one column per subcommand, "-" where the subcommand never exits with the code) and the "Exit codes:" list of
 * a subcommand's {@code --help}. For tests that hold both to {@code ExitCodes}. Stateless.
 */
public final class ExitCodeTables {
    /** The README of the checkout; tests run in a module's directory. */
    public static final Path README = Path.of("..", "README.md");

    private static final Pattern HELP_ENTRY = Pattern.compile("^\\s+(\\d+)\\s{2,}\\S.*");

    /** One row of a README table: the code, the name of its ExitCodes constant, and each subcommand's cause. */
    public record Row(int code, String name, Map<String, String> causes) {}

    private ExitCodeTables() {}

    /** The rows of the program's table in the README. */
    public static List<Row> readme(String program) {
        List<String> lines;
        try {
            lines = Files.readAllLines(README);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int heading = lines.indexOf("### Exit codes of " + program);
        if (heading < 0) {
            throw new IllegalStateException("README.md has no heading '### Exit codes of " + program + "'");
        }
        int at = heading + 1;
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        List<String> header = cells(lines.get(at));
        List<Row> rows = new ArrayList<>();
        for (at += 2; at < lines.size() && lines.get(at).startsWith("|"); at++) {
            List<String> cells = cells(lines.get(at));
            Map<String, String> causes = new LinkedHashMap<>();
            for (int column = 2; column < header.size(); column++) {
                causes.put(header.get(column).replace("`", ""), cells.get(column));
            }
            rows.add(new Row(Integer.parseInt(cells.get(0)), cells.get(1).replace("`", ""), causes));
        }
        return rows;
    }

    /** The codes the README gives {@code subcommand} a cause for. */
    public static SortedSet<Integer> readmeCodes(String program, String subcommand) {
        SortedSet<Integer> codes = new TreeSet<>();
        for (Row row : readme(program)) {
            String cause = row.causes().get(subcommand);
            if (cause == null) {
                throw new IllegalStateException(
                        "README.md's exit codes of " + program + " have no column for " + subcommand);
            }
            if (!cause.startsWith("-")) {
                codes.add(row.code());
            }
        }
        return codes;
    }

    /** The codes listed under "Exit codes:" in a usage message. */
    public static SortedSet<Integer> helpCodes(String usage) {
        SortedSet<Integer> codes = new TreeSet<>();
        List<String> lines = usage.lines().toList();
        int heading = lines.indexOf("Exit codes:");
        if (heading < 0) {
            return codes;
        }
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
                break;
            }
            Matcher entry = HELP_ENTRY.matcher(line);
            if (entry.matches()) {
                codes.add(Integer.parseInt(entry.group(1)));
            }
        }
        return codes;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
