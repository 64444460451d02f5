package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.ElementVerdict;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dense results, which start unfilled and read their arrays directly once every element is
 * checked, against the sparse ones, which keep only what was put: the same answers element by
 * element, and the same relative difference bit for bit.
 */
class ElementResultsTest {

    private static final ElementVerdict[] VERDICTS = {ElementVerdict.MATCH, ElementVerdict.MISMATCH, ElementVerdict.KINK,
        ElementVerdict.UNRELIABLE};

    @Test
    void anElementNotLookedAtReadsAsNotCheckedInBothForms() {
        ElementResults dense = ElementResults.dense(5);
        ElementResults sparse = ElementResults.sparse(5);
        for (ElementResults results : new ElementResults[] {dense, sparse}) {
            results.put(1, 0.25, 1e-9, ElementVerdict.MATCH);
            results.put(3, -0.0, 1e-8, ElementVerdict.MISMATCH);
        }

        for (ElementResults results : new ElementResults[] {dense, sparse}) {
            assertThat(results.verdict(0)).isEqualTo(ElementVerdict.NOT_CHECKED);
            assertThat(results.numeric(2)).isNaN();
            assertThat(results.estimatedError(4)).isNaN();
            assertThat(results.numeric(3)).isEqualTo(-0.0);
            assertThat(results.nextChecked(0)).isEqualTo(1);
            assertThat(results.nextChecked(2)).isEqualTo(3);
            assertThat(results.nextChecked(4)).isEqualTo(5);
            assertThat(results.count()).isEqualTo(2);
            assertThat(results.numericOfEvery()).isNull();
            assertThat(results.numericArray()).containsExactly(Double.NaN, 0.25, Double.NaN, -0.0, Double.NaN);
            assertThat(results.verdictArray()).containsExactly(ElementVerdict.NOT_CHECKED, ElementVerdict.MATCH,
                    ElementVerdict.NOT_CHECKED, ElementVerdict.MISMATCH, ElementVerdict.NOT_CHECKED);
            int[] counts = results.verdictCounts(0, 5);
            assertThat(counts[ElementVerdict.MATCH.ordinal()]).isEqualTo(1);
            assertThat(counts[ElementVerdict.MISMATCH.ordinal()]).isEqualTo(1);
            assertThat(counts[ElementVerdict.NOT_CHECKED.ordinal()]).isEqualTo(3);
            assertThat(results.verdictCounts(1, 2)[ElementVerdict.MATCH.ordinal()]).isEqualTo(1);
        }
        // Handing the numbers out wrote NaN where there were none: still unchecked.
        assertThat(dense.nextChecked(0)).isEqualTo(1);
        assertThat(dense.count()).isEqualTo(2);
    }

    @Test
    void everyElementCheckedReadsTheArrayAndGivesTheSameDifferenceBitForBit() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(40);
            double[] gradient = new double[n];
            ElementResults dense = ElementResults.dense(n);
            ElementResults sparse = ElementResults.sparse(n);
            double scale = Math.pow(10, random.nextInt(400) - 200);
            for (int i = n - 1; i >= 0; i--) {
                gradient[i] = random.nextGaussian() * scale;
                double numeric = gradient[i] * (1 + 1e-3 * random.nextGaussian());
                ElementVerdict verdict = VERDICTS[random.nextInt(VERDICTS.length)];
                dense.put(i, numeric, 1e-9, verdict);
                sparse.put(i, numeric, 1e-9, verdict);
            }
            assertThat(dense.numericOfEvery()).as("trial %d", trial).isNotNull();
            assertThat(sparse.numericOfEvery()).isNull();
            int from = random.nextInt(n);
            int to = from + 1 + random.nextInt(n - from);
            // The sparse form walks element by element; the complete dense one reads its array.
            assertThat(Double.doubleToRawLongBits(RelativeDifference.of(gradient, dense, from, to, null))).as("trial %d", trial)
                    .isEqualTo(Double.doubleToRawLongBits(RelativeDifference.of(gradient, sparse, from, to, null)));
            for (int i = 0; i < n; i++) {
                assertThat(dense.nextChecked(i)).isEqualTo(i);
                assertThat(dense.verdict(i)).isEqualTo(sparse.verdict(i));
            }
            int[] expected = new int[ElementVerdict.values().length];
            for (int i = from; i < to; i++) {
                expected[sparse.verdict(i).ordinal()]++;
            }
            assertThat(dense.verdictCounts(from, to)).as("trial %d", trial).containsExactly(expected);
            assertThat(sparse.verdictCounts(from, to)).as("trial %d", trial).containsExactly(expected);
        }
    }

    /**
     * The difference against the seed's formula computed here, each norm in its own two passes
     * (largest |x|, then the squares in units of it where squaring would overflow or underflow, of 1
     * otherwise, as np.linalg.norm sums them): the same value (NaN as NaN), at scales from 1e-300 to
     * 1e300, with subnormal, infinite and NaN elements, with exact agreement and with one side zero,
     * over every verdict and over one verdict's elements only (the others zero on both sides), in the
     * walk's chunks and across them.
     */
    @Test
    void theDifferenceIsTheSeedsFormulaWithEachNormSummedOnItsOwn() {
        Random random = new Random(11);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -4.9e-320, 0.0,
            -0.0, Double.MAX_VALUE};
        for (int trial = 0; trial < 600; trial++) {
            // Every tenth longer than the chunks the walk gathers its elements in (256), so that they add up across chunks.
            int n = trial % 10 == 0 ? 257 + random.nextInt(500) : 1 + random.nextInt(30);
            double gradientScale = Math.pow(10, random.nextInt(601) - 300);
            double numericScale = random.nextInt(4) == 0 ? gradientScale * Math.pow(10, random.nextInt(21) - 10) : gradientScale;
            int kind = random.nextInt(4);
            boolean specials = trial % 3 == 0;
            double[] gradient = new double[n];
            double[] numeric = new double[n];
            ElementVerdict[] verdicts = new ElementVerdict[n];
            for (int i = 0; i < n; i++) {
                gradient[i] = random.nextGaussian() * gradientScale;
                numeric[i] = switch (kind) {
                    case 0 -> gradient[i];
                    case 1 -> 0;
                    default -> gradient[i] / gradientScale * numericScale * (1 + 1e-6 * random.nextGaussian());
                };
                if (specials && random.nextInt(8) == 0) {
                    double[] side = random.nextBoolean() ? gradient : numeric;
                    side[i] = special[random.nextInt(special.length)];
                }
                verdicts[i] = VERDICTS[random.nextInt(VERDICTS.length)];
            }
            ElementResults dense = ElementResults.dense(n);
            ElementResults sparse = ElementResults.sparse(n);
            for (int i = 0; i < n; i++) {
                dense.put(i, numeric[i], 0, verdicts[i]);
                sparse.put(i, numeric[i], 0, verdicts[i]);
            }
            for (ElementVerdict only : new ElementVerdict[] {null, ElementVerdict.MATCH, ElementVerdict.MISMATCH}) {
                double expected = seedDifference(gradient, numeric, verdicts, only);
                for (ElementResults results : new ElementResults[] {dense, sparse}) {
                    assertThat(Double.doubleToLongBits(RelativeDifference.of(gradient, results, 0, n, only)))
                            .as("trial %d, %s, verdict %s", trial, results == dense ? "dense" : "sparse", only)
                            .isEqualTo(Double.doubleToLongBits(expected));
                }
            }
        }
    }

    /** ‖a − b‖ / (‖a‖ + ‖b‖) over the elements of verdict {@code only} (all where null), the others zero on both sides. */
    private static double seedDifference(double[] gradient, double[] numeric, ElementVerdict[] verdicts, ElementVerdict only) {
        int n = gradient.length;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] difference = new double[n];
        for (int i = 0; i < n; i++) {
            if (only == null || verdicts[i] == only) {
                a[i] = gradient[i];
                b[i] = numeric[i];
                difference[i] = gradient[i] - numeric[i];
            }
        }
        double denominator = seedNorm(a) + seedNorm(b);
        return denominator == 0 ? 0 : seedNorm(difference) / denominator;
    }

    private static double seedNorm(double[] x) {
        double largest = 0;
        for (double value : x) {
            largest = Math.max(largest, Math.abs(value));
        }
        if (largest == 0 || Double.isInfinite(largest)) {
            return largest;
        }
        double unit = largest > 1e150 || largest < 1e-150 ? largest : 1;
        double sum = 0;
        for (double value : x) {
            sum += (value / unit) * (value / unit);
        }
        return Math.sqrt(sum) * unit;
    }
}
