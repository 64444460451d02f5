package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.report.CheckSettings;
import java.util.SplittableRandom;

/** The elements sampled mode checks: every block represented, the largest gradients always among them. */
final class BlockSample {

    private BlockSample() {
    }

    /**
     * A seeded, stratified sample: per block, all elements of a block of at most
     * {@code samplesPerBlock} (or {@link DirectionalSearch#ELEMENTWISE}, whichever is more) elements, else
     * {@code samplesPerBlock} of them, a quarter the largest |gradient| (ties to the lower index), the
     * rest at random. Linear in the block's size: the largest are found by selection, not by sorting.
     */
    static int[] of(ParameterLayout layout, double[] gradient, CheckSettings settings) {
        int k = settings.samplesPerBlock();
        int whole = Math.max(k, DirectionalSearch.ELEMENTWISE);
        int count = 0;
        for (ParameterBlock block : layout.blocks()) {
            count += block.size() <= whole ? block.size() : k;
        }
        int[] chosen = new int[count];
        int next = 0;
        for (ParameterBlock block : layout.blocks()) {
            int from = block.offset();
            if (block.size() <= whole) {
                for (int i = from; i < from + block.size(); i++) {
                    chosen[next++] = i;
                }
                continue;
            }
            boolean[] taken = new boolean[block.size()];
            int largest = Math.max(1, k / 4);
            takeLargest(gradient, from, block.size(), largest, taken);
            SplittableRandom random = Directions.sample(settings.seed(), from);
            for (int drawn = largest; drawn < k; ) {
                int j = random.nextInt(block.size());
                if (!taken[j]) {
                    taken[j] = true;
                    drawn++;
                }
            }
            for (int j = 0; j < block.size(); j++) {
                if (taken[j]) {
                    chosen[next++] = from + j;
                }
            }
        }
        return chosen;
    }

    /**
     * Marks the {@code count} elements of the block at {@code from} with the largest |gradient|, ties
     * to the lower index (a NaN counts as the smallest): the threshold is the count-th largest
     * magnitude, found by selection; those above it are taken, then those equal to it in index order.
     */
    private static void takeLargest(double[] gradient, int from, int size, int count, boolean[] taken) {
        double[] magnitudes = new double[size];
        for (int j = 0; j < size; j++) {
            magnitudes[j] = magnitude(gradient[from + j]);
        }
        double threshold = select(magnitudes.clone(), size - count);
        int left = count;
        for (int j = 0; j < size; j++) {
            if (magnitudes[j] > threshold) {
                taken[j] = true;
                left--;
            }
        }
        for (int j = 0; j < size && left > 0; j++) {
            if (magnitudes[j] == threshold) {
                taken[j] = true;
                left--;
            }
        }
    }

    private static double magnitude(double g) {
        return Double.isNaN(g) ? -1 : Math.abs(g);
    }

    /**
     * The value that would be at index {@code rank} of {@code values} sorted ascending (Hoare's
     * selection with a median-of-three pivot; expected linear time). Reorders {@code values}.
     */
    static double select(double[] values, int rank) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double pivot = median(values[lo], values[mid], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (rank <= j) {
                hi = j;
            } else if (rank >= i) {
                lo = i;
            } else {
                return values[rank];
            }
        }
        return values[rank];
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
