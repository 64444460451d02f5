package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;

/**
 * What the checked elements of a partly checked block show (sampled or random-direction mode): where
 * most of them mismatch and all the mismatches agree on one factor (ten elements all at relative error
 * 0.333 are the signature of a ×2), that factor, as a zero, sign-flipped or scaled diagnosis that
 * carries its count of checked elements; otherwise a block not diagnosed. Claimed only for the
 * elements seen: the rest of the block was not checked, and the words say so.
 */
final class PartialDiagnosis {

    /**
     * The fewest mismatches whose agreement on a factor is reported: one value fits every factor,
     * and three agreeing to within {@link Diagnosis#GOOD_FIT} by chance would be a coincidence.
     */
    static final int FEWEST = 3;

    private PartialDiagnosis() {
    }

    /**
     * The diagnosis of one block from its checked elements.
     *
     * @param gradient the analytic gradient over the block
     * @param numeric the numeric gradient over the block (NaN where not checked)
     * @param verdicts each element's verdict
     * @param batchSize the model's batch size, for a factor's reading; 0 where it does not say
     */
    static Diagnosis of(double[] gradient, double[] numeric, ElementVerdict[] verdicts, int batchSize) {
        int checked = 0;
        int matches = 0;
        int mismatches = 0;
        double gn = 0;
        double nn = 0;
        double gg = 0;
        for (int k = 0; k < verdicts.length; k++) {
            checked += verdicts[k] == ElementVerdict.NOT_CHECKED ? 0 : 1;
            matches += verdicts[k] == ElementVerdict.MATCH ? 1 : 0;
            if (verdicts[k] == ElementVerdict.MISMATCH) {
                mismatches++;
                gn += gradient[k] * numeric[k];
                nn += numeric[k] * numeric[k];
                gg += gradient[k] * gradient[k];
            }
        }
        // A minority of mismatches among matches is a few wrong elements, not a factor over the block.
        if (mismatches < FEWEST || mismatches < matches) {
            return Diagnoses.notDiagnosed(checked);
        }
        if (gg == 0) {
            return nn > 0 ? Diagnoses.partial(Diagnoses.zero(Math.sqrt(nn)), checked) : Diagnoses.notDiagnosed(checked);
        }
        if (nn == 0) {
            return Diagnoses.notDiagnosed(checked);
        }
        double factor = gn / nn;
        double residual = 0;
        for (int k = 0; k < verdicts.length; k++) {
            if (verdicts[k] == ElementVerdict.MISMATCH) {
                double difference = gradient[k] - factor * numeric[k];
                residual += difference * difference;
            }
        }
        residual = Math.sqrt(residual / gg);
        if (!(residual <= Diagnosis.GOOD_FIT)) {
            return Diagnoses.notDiagnosed(checked);
        }
        return Diagnoses.partial(Math.abs(factor + 1) < 0.01 ? Diagnoses.signFlipped(factor, residual)
                : Diagnoses.scaled(factor, batchSize, residual), checked);
    }
}
