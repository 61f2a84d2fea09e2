package io.chingest.producer.parse;

/** The delimited text formats the producer reads. Immutable. */
public enum DelimitedFormat {
    /** RFC 4180 style: values may be quoted, quotes are escaped by doubling them, quoted values may span lines. */
    CSV(','),
    /**
     * Tab separated: no quoting; backslash escapes {@code \t \n \r \\} inside values, {@code \N} is null
     * (the convention of ClickHouse, MySQL and PostgreSQL dumps); one record per line.
     */
    TSV('\t');

    private final char defaultDelimiter;

    DelimitedFormat(char defaultDelimiter) {
        this.defaultDelimiter = defaultDelimiter;
    }

    public char defaultDelimiter() {
        return defaultDelimiter;
    }
}
