package io.github.gradcheck.report.summary;

import java.util.List;

/**
 * A small JSON writer: objects and arrays, indented two spaces, strings escaped as RFC 8259
 * requires, and numbers that JSON cannot hold (NaN, ±∞) written as {@code null}.
 *
 * <p>Hand-written so that the library keeps its two runtime dependencies; the summary's shape is
 * small and fixed.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    private int depth;
    /** Whether the next value in the current object or array needs a comma before it. */
    private boolean comma;
    /** Whether a member's name was just written, so that its value follows on the same line. */
    private boolean pendingValueOfMember;

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    /** Starts the member {@code name}; its value follows. */
    JsonWriter name(String name) {
        separate();
        string(out, name);
        out.append(": ");
        comma = false;
        pendingValueOfMember = true;
        return this;
    }

    JsonWriter value(String value) {
        prefix();
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
        return this;
    }

    JsonWriter value(double value) {
        prefix();
        out.append(number(value));
        return this;
    }

    JsonWriter value(long value) {
        prefix();
        out.append(value);
        return this;
    }

    JsonWriter value(boolean value) {
        prefix();
        out.append(value);
        return this;
    }

    /** An array of numbers on one line: element arrays stay readable however long they are. */
    JsonWriter numbers(double[] values, int from, int to) {
        prefix();
        out.append('[');
        for (int i = from; i < to; i++) {
            out.append(i == from ? "" : ", ").append(number(values[i]));
        }
        out.append(']');
        return this;
    }

    /** An array of whole numbers on one line, e.g. a shape. */
    JsonWriter integers(List<Integer> values) {
        prefix();
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(values.get(i));
        }
        out.append(']');
        return this;
    }

    /** An array of strings, one per line. */
    JsonWriter strings(List<String> values) {
        beginArray();
        for (String value : values) {
            value(value);
        }
        return endArray();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private JsonWriter open(char bracket) {
        prefix();
        out.append(bracket);
        depth++;
        comma = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        depth--;
        if (comma) {
            newline();
        }
        out.append(bracket);
        comma = true;
        return this;
    }

    /** Before a value: a comma and a new line inside arrays; nothing right after a member's name. */
    private void prefix() {
        if (pendingValueOfMember) {
            pendingValueOfMember = false;
        } else {
            separate();
        }
        comma = true;
    }

    private void separate() {
        if (comma) {
            out.append(',');
        }
        if (depth > 0) {
            newline();
        }
    }

    private void newline() {
        out.append('\n').append("  ".repeat(depth));
    }

    /** A finite double as Java prints it (a valid JSON number), anything else as null. */
    static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
