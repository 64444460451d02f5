package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.ElementVerdict;
import java.util.Arrays;

/**
 * The numeric results per flat index; NaN and NOT_CHECKED where an element was not looked at. Two
 * forms behind the same methods: {@link #dense} for a full check, three arrays of N (17 bytes per
 * parameter), and {@link #sparse} for the partial modes, which check a few hundred elements of a
 * million: only the checked elements, sorted by index (24 bytes per checked element, up to 48
 * with spare capacity, none per parameter). Everything that reads the results walks the checked elements in index order
 * ({@link #nextChecked}), so both forms give the same sums in the same order.
 */
abstract sealed class ElementResults {

    /** The number of flat indices. */
    final int size;

    private ElementResults(int size) {
        this.size = size;
    }

    /** Results for every one of {@code n} elements, in arrays of n. */
    static ElementResults dense(int n) {
        return new Dense(n);
    }

    /** Results for the few elements a partial check looks at, held by index. */
    static ElementResults sparse(int n) {
        return new Sparse(n);
    }

    /** Records element i's result; called from several threads for different elements. */
    final void put(int i, ElementProbe.Result result) {
        put(i, result.numeric(), result.estimatedError(), result.verdict());
    }

    /**
     * Records element i's numeric derivative, estimated error and verdict, from primitives: a first
     * look writes through this, so that the pass over a million elements allocates nothing per
     * element whatever the JIT's escape analysis makes of a result object.
     */
    abstract void put(int i, double numeric, double estimatedError, ElementVerdict verdict);

    /** Element i's verdict, NOT_CHECKED where it was not looked at. */
    abstract ElementVerdict verdict(int i);

    /** Element i's numeric derivative, NaN where it was not looked at. */
    abstract double numeric(int i);

    /** Element i's estimated error, NaN where it was not looked at. */
    abstract double estimatedError(int i);

    /** Changes the verdict of element i, which was checked (a mismatch judged again at a kink). */
    abstract void judge(int i, ElementVerdict verdict);

    /** The first checked flat index at or after {@code from}, or {@link #size} where there is none. */
    abstract int nextChecked(int from);

    /** How many elements were checked. */
    final int count() {
        return checkedIn(0, size);
    }

    boolean checked(int i) {
        return verdict(i) != ElementVerdict.NOT_CHECKED;
    }

    /** How many elements among flat indices {@code [from, to)} were checked. */
    int checkedIn(int from, int to) {
        int count = 0;
        for (int i = nextChecked(from); i < to; i = nextChecked(i + 1)) {
            count++;
        }
        return count;
    }

    /**
     * How many elements of flat indices {@code [from, to)} have each verdict, indexed by its ordinal
     * (NOT_CHECKED: those not looked at): what the report counts, in one walk.
     */
    int[] verdictCounts(int from, int to) {
        int[] counts = new int[ElementVerdict.values().length];
        int checked = 0;
        for (int i = nextChecked(from); i < to; i = nextChecked(i + 1)) {
            counts[verdict(i).ordinal()]++;
            checked++;
        }
        counts[ElementVerdict.NOT_CHECKED.ordinal()] += (to - from) - checked;
        return counts;
    }

    /** Whether an element among flat indices {@code [from, to)} mismatches. */
    final boolean anyMismatch(int from, int to) {
        for (int i = nextChecked(from); i < to; i = nextChecked(i + 1)) {
            if (verdict(i) == ElementVerdict.MISMATCH) {
                return true;
            }
        }
        return false;
    }

    /** The first unchecked flat index at or after {@code from}. */
    final int firstUnchecked(int from) {
        int i = from;
        for (int c = nextChecked(from); c == i; c = nextChecked(i)) {
            i++;
        }
        return i;
    }

    /** The flat index just after the {@code count}-th unchecked element at or after {@code from}. */
    final int afterUnchecked(int from, int count) {
        int i = from + count;
        for (int c = nextChecked(from); c < i; c = nextChecked(c + 1)) {
            i++;
        }
        return i;
    }

    /**
     * The numeric derivatives of every element, where every element was checked and they are held
     * in an array of N (after any full check); else null. For the report's walks over a million
     * elements, which then read the array without asking element by element whether it was checked.
     */
    double[] numericOfEvery() {
        return null;
    }

    /** The numeric derivatives over all of θ, NaN where not checked: the form's own array, or one made for the report. */
    abstract double[] numericArray();

    /** The verdicts over all of θ, NOT_CHECKED where not checked: an array made for the caller. */
    abstract ElementVerdict[] verdictArray();

    /** The numeric derivatives at {@link #checkedIndices()}, in its order. */
    final double[] checkedNumeric() {
        double[] values = new double[count()];
        int next = 0;
        for (int i = nextChecked(0); i < size; i = nextChecked(i + 1)) {
            values[next++] = numeric(i);
        }
        return values;
    }

    /** The checked flat indices, ascending. */
    final int[] checkedIndices() {
        int[] indices = new int[count()];
        int next = 0;
        for (int i = nextChecked(0); i < size; i = nextChecked(i + 1)) {
            indices[next++] = i;
        }
        return indices;
    }

    /**
     * Two arrays of N doubles and one of bytes. A verdict is kept as a byte (its ordinal + 1; 0 where
     * the element was not looked at): 1 byte per parameter rather than a 4-byte reference, and no
     * garbage collector's barrier on each of a million writes. An element not looked at has whatever
     * numbers: the arrays start as the JVM zeroes them, not filled (three passes over N). Once
     * {@link #numericOfEvery} has found every element checked, as after any full check, the walks over
     * the checked elements step through the arrays without testing each verdict.
     */
    private static final class Dense extends ElementResults {

        private static final ElementVerdict[] VERDICTS = ElementVerdict.values();
        private static final byte NOT_CHECKED = (byte) (ElementVerdict.NOT_CHECKED.ordinal() + 1);
        private static final byte MATCH = (byte) (ElementVerdict.MATCH.ordinal() + 1);

        private final double[] numeric;
        private final double[] estimatedError;
        private final byte[] verdicts;
        /** Whether every element has a verdict; once true, stays true (a verdict is changed, never taken away). */
        private boolean complete;

        Dense(int n) {
            super(n);
            numeric = new double[n];
            estimatedError = new double[n];
            verdicts = new byte[n];
        }

        @Override
        void put(int i, double value, double error, ElementVerdict verdict) {
            numeric[i] = value;
            estimatedError[i] = error;
            verdicts[i] = (byte) (verdict.ordinal() + 1);
        }

        @Override
        ElementVerdict verdict(int i) {
            return unset(i) ? ElementVerdict.NOT_CHECKED : VERDICTS[verdicts[i] - 1];
        }

        @Override
        double numeric(int i) {
            return unset(i) ? Double.NaN : numeric[i];
        }

        @Override
        double estimatedError(int i) {
            return unset(i) ? Double.NaN : estimatedError[i];
        }

        @Override
        void judge(int i, ElementVerdict verdict) {
            verdicts[i] = (byte) (verdict.ordinal() + 1);
        }

        @Override
        int nextChecked(int from) {
            if (complete) {
                return Math.min(from, size);
            }
            int i = from;
            while (i < size && unset(i)) {
                i++;
            }
            return i;
        }

        @Override
        double[] numericOfEvery() {
            if (!complete) {
                complete = verdictCounts(0, size)[ElementVerdict.NOT_CHECKED.ordinal()] == 0;
            }
            return complete ? numeric : null;
        }

        /**
         * A verdict's ordinal + 1 is its byte: one pass that only counts the matches, which in a passing
         * check are all, and a histogram of the bytes where some element is something else.
         */
        @Override
        int[] verdictCounts(int from, int to) {
            int[] counts = new int[VERDICTS.length];
            int matches = 0;
            for (int i = from; i < to; i++) {
                matches += verdicts[i] == MATCH ? 1 : 0;
            }
            if (matches == to - from) {
                counts[ElementVerdict.MATCH.ordinal()] = matches;
                return counts;
            }
            int[] byByte = new int[VERDICTS.length + 1];
            for (int i = from; i < to; i++) {
                byByte[verdicts[i]]++;
            }
            for (int v = 0; v < VERDICTS.length; v++) {
                counts[v] = byByte[v + 1];
            }
            // Never looked at (0) or looked at and left unchecked: both unchecked.
            counts[ElementVerdict.NOT_CHECKED.ordinal()] += byByte[0];
            return counts;
        }

        private boolean unset(int i) {
            return verdicts[i] == 0 || verdicts[i] == NOT_CHECKED;
        }

        @Override
        double[] numericArray() {
            if (!complete) {
                for (int i = 0; i < size; i++) {
                    if (unset(i)) {
                        numeric[i] = Double.NaN;
                    }
                }
            }
            return numeric;
        }

        @Override
        ElementVerdict[] verdictArray() {
            ElementVerdict[] all = new ElementVerdict[size];
            for (int i = 0; i < size; i++) {
                all[i] = verdict(i);
            }
            return all;
        }
    }

    /**
     * The checked elements only, in arrays sorted by flat index that double when full. Elements
     * mostly arrive in index order (a sample's chunks, a search's ranges), so that an insertion is
     * mostly an append; {@link #put} is synchronized for the sample's threads.
     */
    private static final class Sparse extends ElementResults {

        private int[] indices = new int[16];
        private double[] numeric = new double[16];
        private double[] estimatedError = new double[16];
        private ElementVerdict[] verdicts = new ElementVerdict[16];
        private int count;

        Sparse(int n) {
            super(n);
        }

        @Override
        synchronized void put(int i, double value, double error, ElementVerdict verdict) {
            int at = Arrays.binarySearch(indices, 0, count, i);
            if (at < 0) {
                at = -at - 1;
                if (count == indices.length) {
                    int capacity = 2 * count;
                    indices = Arrays.copyOf(indices, capacity);
                    numeric = Arrays.copyOf(numeric, capacity);
                    estimatedError = Arrays.copyOf(estimatedError, capacity);
                    verdicts = Arrays.copyOf(verdicts, capacity);
                }
                int after = count - at;
                System.arraycopy(indices, at, indices, at + 1, after);
                System.arraycopy(numeric, at, numeric, at + 1, after);
                System.arraycopy(estimatedError, at, estimatedError, at + 1, after);
                System.arraycopy(verdicts, at, verdicts, at + 1, after);
                indices[at] = i;
                count++;
            }
            numeric[at] = value;
            estimatedError[at] = error;
            verdicts[at] = verdict;
        }

        private int slot(int i) {
            return Arrays.binarySearch(indices, 0, count, i);
        }

        @Override
        ElementVerdict verdict(int i) {
            int at = slot(i);
            return at < 0 ? ElementVerdict.NOT_CHECKED : verdicts[at];
        }

        @Override
        double numeric(int i) {
            int at = slot(i);
            return at < 0 ? Double.NaN : numeric[at];
        }

        @Override
        double estimatedError(int i) {
            int at = slot(i);
            return at < 0 ? Double.NaN : estimatedError[at];
        }

        @Override
        void judge(int i, ElementVerdict verdict) {
            verdicts[slot(i)] = verdict;
        }

        @Override
        int nextChecked(int from) {
            int at = slot(from);
            at = at < 0 ? -at - 1 : at;
            return at < count ? indices[at] : size;
        }

        @Override
        int checkedIn(int from, int to) {
            int first = slot(from);
            int last = slot(to);
            return (last < 0 ? -last - 1 : last) - (first < 0 ? -first - 1 : first);
        }

        @Override
        double[] numericArray() {
            double[] all = new double[size];
            Arrays.fill(all, Double.NaN);
            for (int k = 0; k < count; k++) {
                all[indices[k]] = numeric[k];
            }
            return all;
        }

        @Override
        ElementVerdict[] verdictArray() {
            ElementVerdict[] all = new ElementVerdict[size];
            Arrays.fill(all, ElementVerdict.NOT_CHECKED);
            for (int k = 0; k < count; k++) {
                all[indices[k]] = verdicts[k];
            }
            return all;
        }
    }
}
