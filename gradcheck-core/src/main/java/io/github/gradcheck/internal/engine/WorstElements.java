package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.ElementVerdict;
import java.util.function.IntToDoubleFunction;

/**
 * The elements a report ranks as its worst offenders: mismatches first, then by relative error,
 * largest first, then by index; elements without any error are left out. A bounded heap of
 * primitive indices, so that ranking a million elements neither boxes nor sorts them: the work is
 * one comparison per element with an error, and a heap step only for the few that enter.
 */
final class WorstElements {

    private final IntToDoubleFunction relativeError;
    private final ElementVerdict[] verdicts;
    /** A heap whose root is the least bad element kept. */
    private final int[] heap;
    private int size;

    private WorstElements(IntToDoubleFunction relativeError, ElementVerdict[] verdicts, int count) {
        this.relativeError = relativeError;
        this.verdicts = verdicts;
        this.heap = new int[count];
    }

    /**
     * The {@code count} worst elements, worst first.
     *
     * @param relativeError each element's relative error; 0 where there is none (or the element was not checked)
     * @param verdicts each element's verdict
     * @param count how many to keep, 0 or more
     * @return the indices, worst first; fewer than {@code count} where fewer elements have an error
     */
    static int[] of(double[] relativeError, ElementVerdict[] verdicts, int count) {
        return of(new Stored(relativeError), relativeError.length, verdicts, count);
    }

    /**
     * The {@code count} worst of {@code n} elements whose relative errors are computed where asked
     * for, so that a check keeps no array of them.
     *
     * @param relativeError element i's relative error; 0 where there is none (or the element was not checked)
     * @param n how many elements
     * @param verdicts each element's verdict
     * @param count how many to keep, 0 or more
     * @return the indices, worst first; fewer than {@code count} where fewer elements have an error
     */
    static int[] of(IntToDoubleFunction relativeError, int n, ElementVerdict[] verdicts, int count) {
        WorstElements worst = keeping(relativeError, verdicts, count);
        if (count > 0) {
            for (int i = 0; i < n; i++) {
                worst.consider(i, relativeError.applyAsDouble(i));
            }
        }
        return worst.worstFirst();
    }

    /**
     * An empty ranking of the {@code count} worst elements, to be given them one by one
     * ({@link #consider}) by a caller that walks every element anyway (a report, block by block).
     *
     * @param relativeError element i's relative error, as {@link #of(IntToDoubleFunction, int, ElementVerdict[], int)} takes it
     * @param verdicts each element's verdict
     * @param count how many to keep, 0 or more
     * @return the ranking; {@link #worstFirst} empties it
     */
    static WorstElements keeping(IntToDoubleFunction relativeError, ElementVerdict[] verdicts, int count) {
        return new WorstElements(relativeError, verdicts, count);
    }

    /** Ranks element {@code i}, whose relative error is {@code error} (the function's value at i); left out where it is 0. */
    void consider(int i, double error) {
        if (error != 0 && heap.length > 0) {
            offer(i);
        }
    }

    /** Whether element {@code a} ranks before (is worse than) element {@code b}. */
    private boolean worse(int a, int b) {
        boolean aMismatch = verdicts[a] == ElementVerdict.MISMATCH;
        boolean bMismatch = verdicts[b] == ElementVerdict.MISMATCH;
        if (aMismatch != bMismatch) {
            return aMismatch;
        }
        int byError = Double.compare(-relativeError.applyAsDouble(a), -relativeError.applyAsDouble(b));
        return byError != 0 ? byError < 0 : a < b;
    }

    private void offer(int i) {
        if (size < heap.length) {
            heap[size] = i;
            up(size++);
        } else if (worse(i, heap[0])) {
            heap[0] = i;
            down(0);
        }
    }

    private void up(int k) {
        int element = heap[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!worse(heap[parent], element)) {
                break;
            }
            heap[k] = heap[parent];
            k = parent;
        }
        heap[k] = element;
    }

    private void down(int k) {
        int element = heap[k];
        while (true) {
            int child = 2 * k + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(heap[child], heap[child + 1])) {
                child++;
            }
            if (!worse(element, heap[child])) {
                break;
            }
            heap[k] = heap[child];
            k = child;
        }
        heap[k] = element;
    }

    /** Relative errors kept in an array. */
    private record Stored(double[] relativeError) implements IntToDoubleFunction {
        @Override
        public double applyAsDouble(int i) {
            return relativeError[i];
        }
    }

    /** The elements kept, worst first: empties the heap, least bad first, into an array filled from its end. */
    int[] worstFirst() {
        int[] ranked = new int[size];
        for (int k = size - 1; k >= 0; k--) {
            ranked[k] = heap[0];
            heap[0] = heap[--size];
            down(0);
        }
        return ranked;
    }
}
