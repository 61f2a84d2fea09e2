package io.chingest.producer.map;

import io.chingest.producer.parse.ParsedRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Maps the records of one file to Avro records of the target schema: by header name when the file has a header, else
 * by position. Immutable and thread-safe; one per file because each file may order its columns differently.
 */
public final class RowToAvroMapper {

    private static final int ABSENT = -1;

    private final TargetSchema target;
    private final Path file;
    /** The schema's fields in schema order, an array so that mapping a row iterates without an iterator. */
    private final TargetField[] fields;
    /** Per schema field: the 0-based column that feeds it, or ABSENT. */
    private final int[] sourceColumns;

    private final boolean byName;
    private final int expectedColumns;
    private final List<String> ignoredColumns;

    private RowToAvroMapper(
            TargetSchema target,
            Path file,
            int[] sourceColumns,
            boolean byName,
            int expectedColumns,
            List<String> ignoredColumns) {
        this.target = target;
        this.file = file;
        this.fields = target.fields().toArray(new TargetField[0]);
        this.sourceColumns = sourceColumns;
        this.byName = byName;
        this.expectedColumns = expectedColumns;
        this.ignoredColumns = ignoredColumns;
    }

    /**
     * Binds the schema fields to the header's columns by name. Every field needs a column unless it is nullable or
     * has a default; columns the schema does not know are ignored and listed in {@link #ignoredColumns()}.
     *
     * @throws HeaderMismatchException naming the file and header line
     */
    public static RowToAvroMapper byHeader(TargetSchema target, ParsedRow header) {
        Map<String, Integer> columnByName = new HashMap<>();
        Set<String> fieldNames = new LinkedHashSet<>();
        target.fields().forEach(field -> fieldNames.add(field.name()));
        for (int i = 0; i < header.columnCount(); i++) {
            String name = header.value(i);
            Integer previous = columnByName.putIfAbsent(name, i);
            if (previous != null && fieldNames.contains(name)) {
                throw new HeaderMismatchException(
                        header.file(),
                        header.line(),
                        "the header names column '" + name + "' twice (columns " + (previous + 1) + " and " + (i + 1)
                                + ")");
            }
        }
        int[] sourceColumns = new int[target.fields().size()];
        List<String> missing = new ArrayList<>();
        for (TargetField field : target.fields()) {
            Integer column = columnByName.get(field.name());
            sourceColumns[field.position()] = column == null ? ABSENT : column;
            if (column == null && !field.mayBeAbsent()) {
                missing.add("'" + field.name() + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new HeaderMismatchException(
                    header.file(),
                    header.line(),
                    "no header column for schema field"
                            + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                            + ", which can be left out only when nullable or with a default; the header has "
                            + header.values().stream()
                                    .map(name -> "'" + name + "'")
                                    .collect(Collectors.joining(", ")));
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.columnCount(); i++) {
            String name = header.value(i);
            if (!fieldNames.contains(name)) {
                ignored.add(name == null || name.isEmpty() ? "column " + (i + 1) : name);
            }
        }
        return new RowToAvroMapper(
                target, header.file(), sourceColumns, true, header.columnCount(), List.copyOf(ignored));
    }

    /** Binds the n-th column to the n-th schema field; every record must have exactly one column per field. */
    public static RowToAvroMapper byPosition(TargetSchema target, Path file) {
        int[] sourceColumns = new int[target.fields().size()];
        for (int i = 0; i < sourceColumns.length; i++) {
            sourceColumns[i] = i;
        }
        return new RowToAvroMapper(target, file, sourceColumns, false, sourceColumns.length, List.of());
    }

    /** Header columns that feed no schema field (their names, or "column N" for unnamed ones), in file order. */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    /**
     * @throws RowMappingException naming file, line, column, value and reason for the first value that does not fit
     */
    public GenericRecord map(ParsedRow row) {
        if (row.columnCount() != expectedColumns) {
            throw columnCountMismatch(row);
        }
        GenericData.Record record = new GenericData.Record(target.schema());
        for (int position = 0; position < fields.length; position++) {
            TargetField field = fields[position];
            int column = sourceColumns[position];
            if (column == ABSENT) {
                record.put(position, field.absentValue());
                continue;
            }
            String text = row.value(column);
            try {
                record.put(position, field.valueOf(text));
            } catch (ValueRejectedException e) {
                throw byName
                        ? new RowMappingException(file, row.line(), field.name(), true, null, text, e.getMessage())
                        : new RowMappingException(
                                file,
                                row.line(),
                                String.valueOf(column + 1),
                                false,
                                field.name(),
                                text,
                                e.getMessage());
            }
        }
        return record;
    }

    private RowMappingException columnCountMismatch(ParsedRow row) {
        String expected = byName
                ? "the header has " + expectedColumns
                : "the schema has " + expectedColumns + " field" + (expectedColumns == 1 ? "" : "s");
        String reason = "the record has " + row.columnCount() + " column" + (row.columnCount() == 1 ? "" : "s") + ", "
                + expected;
        if (row.columnCount() < expectedColumns) {
            return new RowMappingException(
                    file, row.line(), String.valueOf(row.columnCount() + 1), false, null, null, "missing: " + reason);
        }
        return new RowMappingException(
                file,
                row.line(),
                String.valueOf(expectedColumns + 1),
                false,
                null,
                row.value(expectedColumns),
                "unexpected: " + reason);
    }
}
