package io.github.gradcheck.internal.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned columns, two spaces apart, without trailing spaces: the one layout of every
 * monospaced table (failure messages, the console summary, the diff viewer's values).
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    /**
     * A table whose first row is {@code header}; every row has as many cells.
     *
     * @param header the column names; none for a table without a header row
     */
    public TextTable(String... header) {
        if (header.length > 0) {
            rows.add(header);
        }
    }

    /**
     * A table without a header row.
     *
     * @return an empty table; its first row sets the number of columns
     */
    public static TextTable withoutHeader() {
        return new TextTable();
    }

    /**
     * Adds a row.
     *
     * @param cells one per column
     * @return this table
     */
    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    /**
     * Appends every row, each after {@code indent} and ending in a newline.
     *
     * @param out where to append
     * @param indent what each line starts with
     */
    public void appendTo(StringBuilder out, String indent) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
