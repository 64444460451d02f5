package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseEstimateTest {

    @Test
    void theNoiseEstimateRecoversAKnownNoiseLevel() {
        // A smooth cubic plus Gaussian noise of σ = 1e-9: the estimate lands within a factor 3.
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            double[] values = new double[NoiseEstimate.POINTS];
            for (int k = 0; k < values.length; k++) {
                double t = k * 1e-3;
                values[k] = 1 + 2 * t - 3 * t * t + t * t * t + 1e-9 * random.nextGaussian();
            }
            assertThat(NoiseEstimate.of(values)).isBetween(1e-9 / 3, 3e-9);
        }
    }
}
