package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.ElementVerdict;

/**
 * The elements a report ranks as its worst offenders: mismatches first, then by relative error,
 * largest first, then by index; elements without any error are left out. A bounded heap of
 * primitive indices, so that ranking a million elements neither boxes nor sorts them: the work is
 * one comparison per element with an error, and a heap step only for the few that enter. Each kept
 * element's relative error is kept beside it, so that it is computed once per element, not at
 * every comparison.
 */
final class WorstElements {

    private final ElementResults elements;
    /** A heap whose root is the least bad element kept. */
    private final int[] heap;
    /** The relative error of the element at each place of {@link #heap}. */
    private final double[] errors;
    private int size;

    /**
     * An empty ranking of the elements of {@code elements} that keeps the {@code count} worst (0 or
     * more) of those {@link #offer}ed, mismatches by their verdicts there. The report offers each
     * checked element as it walks them, in the same walk that finds each block's worst relative
     * error, so that an element's relative error is computed once.
     */
    WorstElements(ElementResults elements, int count) {
        this.elements = elements;
        this.heap = new int[count];
        this.errors = new double[count];
    }

    private boolean mismatch(int i) {
        return elements.verdict(i) == ElementVerdict.MISMATCH;
    }

    /** Whether element {@code a}, of relative error {@code errorA}, ranks before (is worse than) element {@code b}. */
    private boolean worse(int a, double errorA, int b, double errorB) {
        boolean aMismatch = mismatch(a);
        boolean bMismatch = mismatch(b);
        if (aMismatch != bMismatch) {
            return aMismatch;
        }
        int byError = Double.compare(-errorA, -errorB);
        return byError != 0 ? byError < 0 : a < b;
    }

    /** Whether the element at heap place {@code p} is worse than the one at place {@code q}. */
    private boolean worseAt(int p, int q) {
        return worse(heap[p], errors[p], heap[q], errors[q]);
    }

    /** Offers element {@code i}, of relative error {@code error}; an element without any error (0) is left out. */
    void offer(int i, double error) {
        if (error == 0 || heap.length == 0) {
            return;
        }
        if (size < heap.length) {
            heap[size] = i;
            errors[size] = error;
            up(size++);
            return;
        }
        // An element that is no mismatch, with a smaller error than the root's, cannot be worse than the
        // root: most of a passing check's million are turned away by one comparison and one look-up.
        if (!(error < errors[0] && !mismatch(i)) && worse(i, error, heap[0], errors[0])) {
            heap[0] = i;
            errors[0] = error;
            down(0);
        }
    }

    private void up(int k) {
        int element = heap[k];
        double error = errors[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!worse(heap[parent], errors[parent], element, error)) {
                break;
            }
            heap[k] = heap[parent];
            errors[k] = errors[parent];
            k = parent;
        }
        heap[k] = element;
        errors[k] = error;
    }

    private void down(int k) {
        int element = heap[k];
        double error = errors[k];
        while (true) {
            int child = 2 * k + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worseAt(child, child + 1)) {
                child++;
            }
            if (!worse(element, error, heap[child], errors[child])) {
                break;
            }
            heap[k] = heap[child];
            errors[k] = errors[child];
            k = child;
        }
        heap[k] = element;
        errors[k] = error;
    }

    /** The kept elements' indices, worst first; the ranking is empty after. */
    int[] worstFirst() {
        int[] ranked = new int[size];
        for (int k = size - 1; k >= 0; k--) {
            ranked[k] = heap[0];
            heap[0] = heap[--size];
            errors[0] = errors[size];
            down(0);
        }
        return ranked;
    }
}
