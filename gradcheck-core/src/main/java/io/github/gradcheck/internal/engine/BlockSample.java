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
     * rest at random. Linear in the block's size, and no array of its size: the largest are found by a
     * bounded heap ({@link LargestGradients}), not by sorting.
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
            // The largest by a bounded heap, the rest drawn as before: no array of the block's size.
            int largest = Math.max(1, k / 4);
            IndexSet taken = new IndexSet(k);
            for (int i : LargestGradients.of(gradient, from, block.size(), largest)) {
                taken.add(i - from);
            }
            SplittableRandom random = Directions.sample(settings.seed(), from);
            for (int drawn = largest; drawn < k; ) {
                if (taken.add(random.nextInt(block.size()))) {
                    drawn++;
                }
            }
            for (int j : taken.sorted()) {
                chosen[next++] = from + j;
            }
        }
        return chosen;
    }
}
