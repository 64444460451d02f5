package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.ElementVerdict;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A report's differences taken in one pass ({@link RelativeDifference.Sums}) are those of the
 * definition ({@link RelativeDifference#of}) bit for bit, for θ and for each block, over every kind
 * of value a check can meet: zeros, ordinary values, values beyond 1e±150 that the definition
 * scales, infinities and NaN, and elements not checked.
 */
class RelativeDifferenceTest {

    private static final ElementVerdict[] VERDICTS = ElementVerdict.values();

    @Test
    void oneBlockByOneAgreesWithTheDefinitionBitForBit() {
        Random random = new Random(12);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(40);
            double[] a = new double[n];
            double[] b = new double[n];
            ElementVerdict[] verdicts = new ElementVerdict[n];
            boolean extreme = trial % 4 == 0;
            for (int i = 0; i < n; i++) {
                a[i] = value(random, extreme);
                b[i] = random.nextInt(3) == 0 ? a[i] : value(random, extreme);
                verdicts[i] = VERDICTS[random.nextInt(VERDICTS.length)];
            }
            int[] offsets = blocks(random, n);
            RelativeDifference.Sums whole = new RelativeDifference.Sums(a, b, verdicts, 0, n);
            for (int k = 0; k + 1 < offsets.length; k++) {
                int from = offsets[k];
                int to = offsets[k + 1];
                RelativeDifference.Sums block = new RelativeDifference.Sums(a, b, verdicts, from, to);
                block.addTo(whole);
                assertSame(block, a, b, verdicts, from, to, trial);
            }
            assertSame(whole, a, b, verdicts, 0, n, trial);
        }
    }

    private static void assertSame(RelativeDifference.Sums sums, double[] a, double[] b, ElementVerdict[] verdicts, int from,
                                   int to, int trial) {
        for (ElementVerdict only : new ElementVerdict[] {null, ElementVerdict.MATCH, ElementVerdict.MISMATCH}) {
            double expected = RelativeDifference.of(a, b, from, to, verdicts, only);
            assertThat(Double.doubleToRawLongBits(sums.of(only))).as("trial %d, [%d, %d), %s: %s", trial, from, to, only,
                    expected).isEqualTo(Double.doubleToRawLongBits(expected));
        }
        int checked = 0;
        for (int i = from; i < to; i++) {
            checked += verdicts[i] == ElementVerdict.NOT_CHECKED ? 0 : 1;
        }
        assertThat(sums.checked()).isEqualTo(checked);
    }

    /** Ordinary values mostly; where {@code extreme}, also values the definition scales, infinities and NaN. */
    private static double value(Random random, boolean extreme) {
        int pick = random.nextInt(extreme ? 10 : 4);
        return switch (pick) {
            case 0 -> 0;
            case 1 -> -0.0;
            case 4 -> 1e200 * random.nextGaussian();
            case 5 -> 1e-200 * random.nextGaussian();
            case 6 -> Double.POSITIVE_INFINITY;
            case 7 -> Double.NaN;
            case 8 -> 1e150 * (1 + random.nextInt(2) * Math.ulp(1.0));
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
        };
    }

    /** Block offsets: 0, the blocks' ends, n. */
    private static int[] blocks(Random random, int n) {
        int count = 1 + random.nextInt(Math.min(n, 4));
        int[] offsets = new int[count + 1];
        for (int k = 1; k < count; k++) {
            offsets[k] = Math.max(offsets[k - 1], random.nextInt(n + 1));
        }
        offsets[count] = n;
        return offsets;
    }
}
