package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.report.CheckSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** The elements sampled mode checks: every block represented, the largest gradients always among them. */
final class BlockSample {

    private BlockSample() {
    }

    /**
     * A seeded, stratified sample: per block, all elements of a small block, else
     * {@code samplesPerBlock} of them, a quarter the largest |gradient|, the rest at random.
     */
    static int[] of(ParameterLayout layout, double[] gradient, CheckSettings settings) {
        List<Integer> chosen = new ArrayList<>();
        for (ParameterBlock block : layout.blocks()) {
            int k = settings.samplesPerBlock();
            int from = block.offset();
            if (block.size() <= k) {
                for (int i = from; i < from + block.size(); i++) {
                    chosen.add(i);
                }
                continue;
            }
            boolean[] taken = new boolean[block.size()];
            Integer[] byMagnitude = new Integer[block.size()];
            Arrays.setAll(byMagnitude, j -> j);
            Arrays.sort(byMagnitude, Comparator.<Integer>comparingDouble(j -> -Math.abs(gradient[from + j]))
                    .thenComparingInt(j -> j));
            int largest = Math.max(1, k / 4);
            for (int j = 0; j < largest; j++) {
                taken[byMagnitude[j]] = true;
            }
            SplittableRandom random = Directions.sample(settings.seed(), from);
            for (int count = largest; count < k; ) {
                int j = random.nextInt(block.size());
                if (!taken[j]) {
                    taken[j] = true;
                    count++;
                }
            }
            for (int j = 0; j < block.size(); j++) {
                if (taken[j]) {
                    chosen.add(from + j);
                }
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
