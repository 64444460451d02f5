package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.report.CheckSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockSampleTest {

    /**
     * The sample as it was drawn when each block was sorted by |gradient| (but for blocks of up to
     * {@link DirectionalSearch#ELEMENTWISE} elements, now whole whatever k): the selection must choose
     * the same elements.
     */
    private static int[] bySorting(ParameterLayout layout, double[] gradient, CheckSettings settings) {
        List<Integer> chosen = new ArrayList<>();
        for (ParameterBlock block : layout.blocks()) {
            int k = settings.samplesPerBlock();
            int from = block.offset();
            if (block.size() <= Math.max(k, DirectionalSearch.ELEMENTWISE)) {
                for (int i = from; i < from + block.size(); i++) {
                    chosen.add(i);
                }
                continue;
            }
            boolean[] taken = new boolean[block.size()];
            Integer[] byMagnitude = new Integer[block.size()];
            Arrays.setAll(byMagnitude, j -> j);
            Arrays.sort(byMagnitude, Comparator.<Integer>comparingDouble(j -> -Math.abs(gradient[from + j])).thenComparingInt(j -> j));
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

    private static CheckSettings settings(int samples, long seed) {
        return GradientChecker.defaults().withSeed(seed).withMode(CheckMode.SAMPLED).withSamplesPerBlock(samples)
                .withThreads(1).settings();
    }

    @Test
    void theSelectionChoosesTheElementsSortingChose() {
        ParameterLayout layout = ParameterLayout.builder().matrix("W", 37, 23).vector("b", 37).vector("c", 5).build();
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] gradient = new double[layout.size()];
            for (int i = 0; i < gradient.length; i++) {
                // Few distinct values, both signs, zeros of both signs and a NaN now and then: many ties.
                int kind = random.nextInt(10);
                gradient[i] = kind == 0 ? Double.NaN : kind == 1 ? -0.0 : (random.nextInt(7) - 3) * 0.5;
            }
            CheckSettings settings = settings(1 + random.nextInt(40), trial);
            assertThat(BlockSample.of(layout, gradient, settings)).as("trial %d", trial)
                    .containsExactly(bySorting(layout, gradient, settings));
        }
    }
}
