package io.github.gradcheck.internal.engine;

import java.util.Arrays;

/**
 * A set of a few non-negative ints, open addressing on primitives: what a draw of distinct
 * coordinates among a million needs to tell a repeat, without a flag per coordinate or a boxed set.
 */
final class IndexSet {

    private static final int EMPTY = -1;
    private int[] table;
    private int size;

    /** A set that holds {@code expected} indices without growing. */
    IndexSet(int expected) {
        table = new int[Integer.highestOneBit(Math.max(4, expected) * 2) * 2];
        Arrays.fill(table, EMPTY);
    }

    /** Adds {@code index}; whether it was new. */
    boolean add(int index) {
        if (2 * (size + 1) > table.length) {
            int[] old = table;
            table = new int[2 * old.length];
            Arrays.fill(table, EMPTY);
            size = 0;
            for (int value : old) {
                if (value != EMPTY) {
                    add(value);
                }
            }
        }
        int mask = table.length - 1;
        for (int slot = mix(index) & mask; ; slot = (slot + 1) & mask) {
            if (table[slot] == index) {
                return false;
            }
            if (table[slot] == EMPTY) {
                table[slot] = index;
                size++;
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    /** The indices, ascending. */
    int[] sorted() {
        int[] values = new int[size];
        int next = 0;
        for (int value : table) {
            if (value != EMPTY) {
                values[next++] = value;
            }
        }
        Arrays.sort(values);
        return values;
    }

    private static int mix(int index) {
        int h = index * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
