package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.ElementVerdict;
import java.util.Arrays;

/** The numeric results per flat index; NaN and NOT_CHECKED where an element was not looked at. */
final class ElementResults {

    final double[] numeric;
    final double[] estimatedError;
    final ElementVerdict[] verdicts;

    ElementResults(int n) {
        numeric = new double[n];
        estimatedError = new double[n];
        verdicts = new ElementVerdict[n];
        Arrays.fill(numeric, Double.NaN);
        Arrays.fill(estimatedError, Double.NaN);
        Arrays.fill(verdicts, ElementVerdict.NOT_CHECKED);
    }

    void put(int i, ElementProbe.Result result) {
        numeric[i] = result.numeric();
        estimatedError[i] = result.estimatedError();
        verdicts[i] = result.verdict();
    }

    /** Whether an element among flat indices {@code [from, to)} mismatches. */
    boolean anyMismatch(int from, int to) {
        for (int i = from; i < to; i++) {
            if (verdicts[i] == ElementVerdict.MISMATCH) {
                return true;
            }
        }
        return false;
    }

    boolean checked(int i) {
        return verdicts[i] != ElementVerdict.NOT_CHECKED;
    }
}
