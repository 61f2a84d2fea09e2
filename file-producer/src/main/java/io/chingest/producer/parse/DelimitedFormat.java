package io.chingest.producer.parse;

import java.util.Set;

/** The delimited text formats the producer reads. Immutable. */
public enum DelimitedFormat {
    /**
     * RFC 4180 style: values may be quoted, quotes are escaped by doubling them, quoted values may span lines; an
     * unquoted empty value is NULL.
     */
    CSV(',', Set.of("")),
    /**
     * Tab separated: no quoting; backslash escapes {@code \t \n \r \0 \b \f \' \\} inside values, an empty
     * value or {@code \N} is NULL (the convention of ClickHouse, MySQL and PostgreSQL dumps); one record per line.
     */
    TSV('\t', Set.of("", "\\N"));

    private final char defaultDelimiter;
    private final Set<String> defaultNullValues;

    DelimitedFormat(char defaultDelimiter, Set<String> defaultNullValues) {
        this.defaultDelimiter = defaultDelimiter;
        this.defaultNullValues = defaultNullValues;
    }

    /** The texts read as NULL unless others are configured; {@code ""} is an (unquoted) empty value. */
    public Set<String> defaultNullValues() {
        return defaultNullValues;
    }

    public char defaultDelimiter() {
        return defaultDelimiter;
    }
}
