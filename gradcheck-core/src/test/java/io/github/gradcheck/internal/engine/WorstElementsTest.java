package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.ElementVerdict;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The offenders' ranking against a full sort of every element with an error, the order the report documents. */
class WorstElementsTest {

    @Test
    void mismatchesComeFirstThenLargerRelativeErrorsThenLowerIndices() {
        double[] relativeError = {0.5, 0, 0.9, 0.5, 1e-3, 0.5};
        ElementVerdict[] verdicts = {ElementVerdict.MATCH, ElementVerdict.MATCH, ElementVerdict.KINK, ElementVerdict.MATCH,
            ElementVerdict.MISMATCH, ElementVerdict.MISMATCH};

        assertThat(worst(relativeError, verdicts, 10)).containsExactly(5, 4, 2, 0, 3);
        assertThat(worst(relativeError, verdicts, 3)).containsExactly(5, 4, 2);
        assertThat(worst(relativeError, verdicts, 0)).isEmpty();
    }

    @Test
    void agreesWithAFullSortOnRandomErrorsWithTiesAndNaN() {
        Random random = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(60);
            double[] relativeError = new double[n];
            ElementVerdict[] verdicts = new ElementVerdict[n];
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(6);
                relativeError[i] = pick == 0 ? 0 : pick == 1 ? Double.NaN : pick == 2 ? 0.25 : random.nextDouble();
                verdicts[i] = random.nextInt(4) == 0 ? ElementVerdict.MISMATCH : ElementVerdict.MATCH;
            }
            int count = random.nextInt(12);

            Comparator<Integer> worstFirst = Comparator.<Integer, Boolean>comparing(i -> verdicts[i] != ElementVerdict.MISMATCH)
                    .thenComparing(i -> -relativeError[i]).thenComparing(i -> i);
            int[] expected = IntStream.range(0, n).filter(i -> relativeError[i] != 0).boxed().sorted(worstFirst)
                    .limit(count).mapToInt(Integer::intValue).toArray();

            assertThat(worst(relativeError, verdicts, count)).as("trial %d", trial).containsExactly(expected);
        }
    }

    /** Every element, with its verdict in the results, offered in index order, as the report offers them. */
    private static int[] worst(double[] relativeError, ElementVerdict[] verdicts, int count) {
        ElementResults elements = ElementResults.dense(verdicts.length);
        for (int i = 0; i < verdicts.length; i++) {
            elements.put(i, 0, 0, verdicts[i]);
        }
        WorstElements worst = new WorstElements(elements, count);
        for (int i = 0; i < relativeError.length; i++) {
            worst.offer(i, relativeError[i]);
        }
        return worst.worstFirst();
    }
}
