package io.github.gradcheck.internal.report;

import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.Diagnosis.Kind;
import java.util.List;

/**
 * The diagnoses the engine makes, one factory per {@link Kind}, each setting the numbers its kind
 * has (NaN, 0 or empty for the others, as {@link Diagnosis}'s accessors say).
 */
public final class Diagnoses {

    private static final Diagnosis NONE = ReportFactory.diagnosis(Kind.NONE, Double.NaN, 0, Double.NaN, 0, Double.NaN,
            List.of(), 0, false, Double.NaN);

    private Diagnoses() {
    }

    /**
     * The diagnosis of a block that matches: one value for "nothing to say", so that a summary
     * never has to test for null.
     *
     * @return the diagnosis of kind {@link Kind#NONE}
     */
    public static Diagnosis none() {
        return NONE;
    }

    /**
     * The analytic gradient is all zeros over the block, the numeric one is not.
     *
     * @param numericNorm ‖numeric‖ over the block, how much gradient is missing
     * @return a diagnosis of kind {@link Kind#ZERO}, fit residual 1 (nothing of the numeric gradient is explained)
     */
    public static Diagnosis zero(double numericNorm) {
        return ReportFactory.diagnosis(Kind.ZERO, Double.NaN, 0, Double.NaN, 0, numericNorm, List.of(), 0, false, 1);
    }

    /**
     * analytic ≈ −1 × numeric.
     *
     * @param factor the fitted factor, within 1% of −1
     * @param fitResidual how well it explains the block
     * @return a diagnosis of kind {@link Kind#SIGN_FLIPPED}
     */
    public static Diagnosis signFlipped(double factor, double fitResidual) {
        return ReportFactory.diagnosis(Kind.SIGN_FLIPPED, factor, 0, Double.NaN, 0, Double.NaN, List.of(), 0, false, fitResidual);
    }

    /**
     * analytic ≈ factor × numeric.
     *
     * @param factor the fitted factor
     * @param batchSize the model's batch size m, which the factor is read against (a factor of m is a
     *     forgotten 1/m); 0 where the model does not say
     * @param fitResidual how well it explains the block
     * @return a diagnosis of kind {@link Kind#SCALED}
     */
    public static Diagnosis scaled(double factor, int batchSize, double fitResidual) {
        return ReportFactory.diagnosis(Kind.SCALED, factor, batchSize, Double.NaN, 0, Double.NaN, List.of(), 0, false, fitResidual);
    }

    /**
     * analytic ≈ numeric transposed, for a square block.
     *
     * @param fitResidual how well it explains the block
     * @return a diagnosis of kind {@link Kind#TRANSPOSED}
     */
    public static Diagnosis transposed(double fitResidual) {
        return ReportFactory.diagnosis(Kind.TRANSPOSED, Double.NaN, 0, Double.NaN, 0, Double.NaN, List.of(), 0, false, fitResidual);
    }

    /**
     * analytic and numeric hold the same values in the two flat orders, row-major and column-major.
     *
     * @param analyticColumnMajor true where analytic's flat values are numeric's read column-major, false the other way round
     * @param fitResidual how well it explains the block
     * @return a diagnosis of kind {@link Kind#COLUMN_MAJOR}
     */
    public static Diagnosis columnMajor(boolean analyticColumnMajor, double fitResidual) {
        return ReportFactory.diagnosis(Kind.COLUMN_MAJOR, Double.NaN, 0, Double.NaN, 0, Double.NaN, List.of(), 0,
                analyticColumnMajor, fitResidual);
    }

    /**
     * analytic ≈ factor·(numeric − λθ) + λθ: the data term scaled, the L2 term right.
     *
     * @param factor the data term's factor k
     * @param lambda the L2 term's λ
     * @param batchSize the model's batch size m, which k is read against; 0 where the model does not say
     * @param fitResidual how well it explains the block
     * @return a diagnosis of kind {@link Kind#DATA_TERM_SCALED}
     */
    public static Diagnosis dataTermScaled(double factor, double lambda, int batchSize, double fitResidual) {
        return ReportFactory.diagnosis(Kind.DATA_TERM_SCALED, factor, batchSize, lambda, 0, Double.NaN, List.of(), 0, false,
                fitResidual);
    }

    /**
     * analytic[k] ≈ numeric[k + shift], flat and row-major.
     *
     * @param shift ±1 for one element, ± the row length for one row
     * @param fitResidual how well it explains the block
     * @return a diagnosis of kind {@link Kind#SHIFTED}
     */
    public static Diagnosis shifted(int shift, double fitResidual) {
        return ReportFactory.diagnosis(Kind.SHIFTED, Double.NaN, 0, Double.NaN, shift, Double.NaN, List.of(), 0, false, fitResidual);
    }

    /**
     * analytic − numeric ≈ λ·θ over the block.
     *
     * @param lambda the fitted λ: negative where the gradient lacks the L2 term, positive where it has an extra one
     * @param fitResidual how well it explains analytic − numeric
     * @return a diagnosis of kind {@link Kind#REGULARIZATION}
     */
    public static Diagnosis regularization(double lambda, double fitResidual) {
        return ReportFactory.diagnosis(Kind.REGULARIZATION, Double.NaN, 0, lambda, 0, Double.NaN, List.of(), 0, false, fitResidual);
    }

    /**
     * A few elements are wrong, the rest match.
     *
     * @param wrongElements the row-major positions in the block of every mismatching element, ascending
     * @return a diagnosis of kind {@link Kind#FEW_ELEMENTS}, no fit residual
     */
    public static Diagnosis fewElements(List<Integer> wrongElements) {
        return ReportFactory.diagnosis(Kind.FEW_ELEMENTS, Double.NaN, 0, Double.NaN, 0, Double.NaN, wrongElements, 0, false, Double.NaN);
    }

    /**
     * No pattern fits; the best constant factor says how far off the block is.
     *
     * @param factor the least-squares factor c of analytic ≈ c × numeric; NaN where the numeric gradient is zero
     * @param fitResidual how poorly that factor explains the block; NaN where no fit was made
     * @return a diagnosis of kind {@link Kind#UNEXPLAINED}
     */
    public static Diagnosis unexplained(double factor, double fitResidual) {
        return ReportFactory.diagnosis(Kind.UNEXPLAINED, factor, 0, Double.NaN, 0, Double.NaN, List.of(), 0, false, fitResidual);
    }

    /**
     * Only some elements were checked, too few to fit a pattern.
     *
     * @param checkedElements how many of the block's elements were checked one by one
     * @return a diagnosis of kind {@link Kind#NOT_DIAGNOSED}
     */
    public static Diagnosis notDiagnosed(int checkedElements) {
        return ReportFactory.diagnosis(Kind.NOT_DIAGNOSED, Double.NaN, 0, Double.NaN, 0, Double.NaN, List.of(), checkedElements, false,
                Double.NaN);
    }

    /**
     * A pattern that the checked elements of a partly checked block agree on, claimed for those
     * elements only.
     *
     * @param pattern a diagnosis of kind {@link Kind#ZERO}, {@link Kind#SIGN_FLIPPED} or {@link Kind#SCALED},
     *     fitted on the checked elements
     * @param checkedElements how many of the block's elements were checked one by one
     * @return the pattern with its count of checked elements
     */
    public static Diagnosis partial(Diagnosis pattern, int checkedElements) {
        return ReportFactory.diagnosis(pattern.kind(), pattern.factor(), pattern.batchSize(), pattern.lambda(),
                pattern.shift(), pattern.numericNorm(), pattern.wrongElements(), checkedElements, pattern.analyticColumnMajor(),
                pattern.fitResidual());
    }

    /**
     * Every block is off by one factor.
     *
     * @param blocks every block, in θ's order
     * @param factor the least-squares factor over θ
     * @param batchSize the model's batch size m, or 0
     * @param fitResidual ‖analytic − factor·numeric‖ / ‖analytic‖ over θ
     * @return a finding of kind {@link CrossBlockDiagnosis.Kind#WHOLE_GRADIENT_SCALED}
     */
    public static CrossBlockDiagnosis wholeGradientScaled(List<String> blocks, double factor, int batchSize, double fitResidual) {
        return ReportFactory.crossBlockDiagnosis(CrossBlockDiagnosis.Kind.WHOLE_GRADIENT_SCALED, blocks, factor, batchSize,
                List.of(), false, fitResidual);
    }

    /**
     * Every block's data term is off by one factor, the L2 term right.
     *
     * @param blocks every block, in θ's order
     * @param factor the data term's factor
     * @param batchSize the model's batch size m, or 0
     * @param fitResidual the largest of the blocks' fit residuals
     * @return a finding of kind {@link CrossBlockDiagnosis.Kind#WHOLE_DATA_TERM_SCALED}
     */
    public static CrossBlockDiagnosis wholeDataTermScaled(List<String> blocks, double factor, int batchSize, double fitResidual) {
        return ReportFactory.crossBlockDiagnosis(CrossBlockDiagnosis.Kind.WHOLE_DATA_TERM_SCALED, blocks, factor, batchSize,
                List.of(), false, fitResidual);
    }

    /**
     * Two blocks of one shape hold each other's gradient.
     *
     * @param first the first in θ's order
     * @param second the other
     * @param fitResidual the larger of the two blocks' residuals
     * @return a finding of kind {@link CrossBlockDiagnosis.Kind#SWAPPED_BLOCKS}
     */
    public static CrossBlockDiagnosis swappedBlocks(String first, String second, double fitResidual) {
        return ReportFactory.crossBlockDiagnosis(CrossBlockDiagnosis.Kind.SWAPPED_BLOCKS, List.of(first, second), Double.NaN, 0,
                List.of(), false, fitResidual);
    }

    /**
     * The failing blocks are the first ones in θ's order; the error enters at the last of them.
     *
     * @param blocks the failing blocks, in θ's order
     * @param factor the factor they share, or NaN
     * @param batchSize the model's batch size m where there is a factor, or 0
     * @param units the rows or columns of the last block that carry every mismatch, where few; else empty
     * @param unitsAreColumns whether those are columns
     * @param fitResidual ‖analytic − numeric‖ over the matching blocks / over θ
     * @return a finding of kind {@link CrossBlockDiagnosis.Kind#ERROR_ENTERS}
     */
    public static CrossBlockDiagnosis errorEnters(List<String> blocks, double factor, int batchSize, List<Integer> units,
                                                  boolean unitsAreColumns, double fitResidual) {
        return ReportFactory.crossBlockDiagnosis(CrossBlockDiagnosis.Kind.ERROR_ENTERS, blocks, factor, batchSize, units,
                unitsAreColumns, fitResidual);
    }
}
