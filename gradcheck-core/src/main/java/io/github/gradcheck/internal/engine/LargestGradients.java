package io.github.gradcheck.internal.engine;

import java.util.Arrays;

/**
 * The elements of a block with the largest |gradient|, ties to the lower index, a NaN counting as
 * the smallest: a bounded heap of primitive indices, one comparison per element and a heap step only
 * for those that enter, so that picking a few of a million neither boxes, sorts nor copies the block.
 */
final class LargestGradients {

    private final double[] gradient;
    /** A heap whose root is the smallest element kept. */
    private final int[] heap;
    private int size;

    private LargestGradients(double[] gradient, int count) {
        this.gradient = gradient;
        this.heap = new int[count];
    }

    /**
     * The flat indices of the {@code count} elements of {@code [from, from + size)} with the largest
     * |gradient|, ascending; all of them where the range has at most {@code count}.
     */
    static int[] of(double[] gradient, int from, int size, int count) {
        LargestGradients largest = new LargestGradients(gradient, Math.min(count, size));
        int end = from + size;
        int i = from;
        for (; i < end && largest.size < largest.heap.length; i++) {
            largest.heap[largest.size] = i;
            largest.up(largest.size++);
        }
        if (largest.size > 0) {
            // With the heap full, i enters only with a magnitude above the root's (on a tie, its higher
            // index ranks it below), so that most elements of a large block cost one comparison.
            double root = magnitude(gradient[largest.heap[0]]);
            for (; i < end; i++) {
                if (magnitude(gradient[i]) > root) {
                    largest.heap[0] = i;
                    largest.down(0);
                    root = magnitude(gradient[largest.heap[0]]);
                }
            }
        }
        int[] indices = largest.heap;
        Arrays.sort(indices);
        return indices;
    }

    private static double magnitude(double g) {
        return Double.isNaN(g) ? -1 : Math.abs(g);
    }

    /** Whether element a ranks below element b: a smaller magnitude, or the same at a higher index. */
    private boolean below(int a, int b) {
        double ma = magnitude(gradient[a]);
        double mb = magnitude(gradient[b]);
        return ma != mb ? ma < mb : a > b;
    }

    private void up(int k) {
        int element = heap[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!below(element, heap[parent])) {
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
            if (child + 1 < size && below(heap[child + 1], heap[child])) {
                child++;
            }
            if (!below(heap[child], element)) {
                break;
            }
            heap[k] = heap[child];
            k = child;
        }
        heap[k] = element;
    }
}
