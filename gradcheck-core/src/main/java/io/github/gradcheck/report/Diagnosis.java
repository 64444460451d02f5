package io.github.gradcheck.report;

import java.util.List;
import java.util.Objects;

/**
 * What kind of wrong one block's gradient is, when a simple pattern explains it: the course's
 * "look at the components", as data. The pattern is the {@link #kind()}; the fitted numbers have
 * an accessor each, which holds a number only for the kinds that have one (NaN, 0 or empty for
 * the others, as each accessor says). The words a person reads are written from these numbers
 * by the report's text, HTML and JSON writers, so that every front end says the same thing.
 *
 * <p>The engine makes diagnoses, as it makes the rest of the report, through internal factories:
 * users read a diagnosis, they do not build one.
 */
public final class Diagnosis {

    /**
     * The largest fit residual for which a pattern is claimed: it explains 99% of the block. Also
     * the bound under which the L2 term's residual, relative to ‖analytic − numeric‖, must stay.
     */
    public static final double GOOD_FIT = 1e-2;

    private final Kind kind;
    private final double factor;
    private final int batchSize;
    private final double lambda;
    private final int shift;
    private final double numericNorm;
    private final List<Integer> wrongElements;
    private final int checkedElements;
    private final boolean analyticColumnMajor;
    private final double fitResidual;

    /** Made by {@code ReportAssembly}, for {@code internal.report.Diagnoses}' factories. */
    Diagnosis(Kind kind, double factor, int batchSize, double lambda, int shift, double numericNorm,
                      List<Integer> wrongElements, int checkedElements, boolean analyticColumnMajor, double fitResidual) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.factor = factor;
        this.batchSize = batchSize;
        this.lambda = lambda;
        this.shift = shift;
        this.numericNorm = numericNorm;
        this.wrongElements = List.copyOf(wrongElements);
        this.checkedElements = checkedElements;
        this.analyticColumnMajor = analyticColumnMajor;
        this.fitResidual = fitResidual;
    }

    /** The patterns, tried in this order. */
    public enum Kind {
        /** The block matches: nothing to diagnose. */
        NONE,
        /** The analytic gradient is all zeros where the numeric one is not: it never reaches the block. */
        ZERO,
        /** analytic ≈ −1 × numeric. */
        SIGN_FLIPPED,
        /** analytic ≈ c × numeric for a constant c (a forgotten or extra 1/m, a doubled term). */
        SCALED,
        /** A square block whose analytic gradient is the numeric one transposed. */
        TRANSPOSED,
        /**
         * A block that is not a square matrix, whose analytic gradient holds the numeric one's values in
         * the other flat order: one of the two is flattened column-major (Fortran's, ND4J's 'f'), the
         * other row-major. For a square matrix that is {@link #TRANSPOSED}.
         */
        COLUMN_MAJOR,
        /** analytic[k] ≈ numeric[k ± 1]: an off-by-one index. */
        SHIFTED,
        /** analytic − numeric ≈ λ·θ: an L2 term missing from, or extra in, the gradient. */
        REGULARIZATION,
        /**
         * analytic ≈ k·(numeric − λθ) + λθ: the data term scaled by k (its 1/m forgotten), the L2 term
         * λθ right.
         */
        DATA_TERM_SCALED,
        /** A few elements are wrong while the rest match. */
        FEW_ELEMENTS,
        /** No simple pattern explains the block. */
        UNEXPLAINED,
        /** Only some of the block's elements were checked (sampled or random-direction mode). */
        NOT_DIAGNOSED
    }

    /**
     * The pattern.
     *
     * @return the kind of wrong
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The factor c of analytic ≈ c × numeric: fitted for {@link Kind#SCALED} and
     * {@link Kind#SIGN_FLIPPED}; for {@link Kind#DATA_TERM_SCALED} the data term's k; for
     * {@link Kind#UNEXPLAINED} the best one, which does not fit.
     *
     * @return c; NaN for other kinds, and where the numeric gradient is zero
     */
    public double factor() {
        return factor;
    }

    /**
     * The model's batch size m that a {@link Kind#SCALED} or {@link Kind#DATA_TERM_SCALED} factor was
     * read against.
     *
     * @return m; 0 for other kinds and where the model does not say
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The λ of analytic − numeric ≈ λ·θ, for {@link Kind#REGULARIZATION}: negative where the
     * gradient lacks the L2 term the loss has, positive where it has one the loss has not; for
     * {@link Kind#DATA_TERM_SCALED} the λ of the L2 term that is right.
     *
     * @return λ; NaN for other kinds
     */
    public double lambda() {
        return lambda;
    }

    /**
     * The shift s of analytic[k] ≈ numeric[k + s] over the block's flat, row-major elements, for
     * {@link Kind#SHIFTED}: ±1 for one element (within a row, for a matrix), ± the row length for
     * one row.
     *
     * @return s; 0 for other kinds
     */
    public int shift() {
        return shift;
    }

    /**
     * ‖numeric‖ over the block, for {@link Kind#ZERO}: the gradient that never arrives.
     *
     * @return the norm; NaN for other kinds
     */
    public double numericNorm() {
        return numericNorm;
    }

    /**
     * The row-major positions in the block of every mismatching element, ascending, for
     * {@link Kind#FEW_ELEMENTS}.
     *
     * @return the positions; empty for other kinds
     */
    public List<Integer> wrongElements() {
        return wrongElements;
    }

    /**
     * How many of the block's elements were checked one by one, where only some were (sampled or
     * random-direction mode): for {@link Kind#NOT_DIAGNOSED}, and for a {@link Kind#ZERO},
     * {@link Kind#SIGN_FLIPPED} or {@link Kind#SCALED} fitted on those elements alone (a partial
     * diagnosis: the checked elements agree on it, the rest of the block was not seen).
     *
     * @return the count; 0 where every element of the block was checked
     */
    public int checkedElements() {
        return checkedElements;
    }

    /**
     * Which side is flattened column-major, for {@link Kind#COLUMN_MAJOR}: true where the analytic
     * gradient's flat values are the numeric gradient's read column-major (analytic[j·r + i] ≈
     * numeric[i·c + j] for an r×c block: a column-major array, or the gradient of the transpose,
     * copied flat), false where it is the other way round (analytic[i·c + j] ≈ numeric[j·r + i]: the
     * parameters are flattened column-major, the gradient row-major).
     *
     * @return the side; false for other kinds
     */
    public boolean analyticColumnMajor() {
        return analyticColumnMajor;
    }

    /**
     * How well the pattern explains the block: ‖analytic − fitted‖ / ‖analytic‖, 0 is exact (for
     * {@link Kind#REGULARIZATION}, relative to ‖analytic − numeric‖). A pattern is only claimed
     * when this is at most {@link #GOOD_FIT}; for {@link Kind#UNEXPLAINED} it is the best constant
     * factor's residual, above it.
     *
     * @return the residual; 1 for {@link Kind#ZERO}; NaN where no fit was made
     */
    public double fitResidual() {
        return fitResidual;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Diagnosis that && kind == that.kind
                && Double.compare(factor, that.factor) == 0 && batchSize == that.batchSize
                && Double.compare(lambda, that.lambda) == 0 && shift == that.shift
                && Double.compare(numericNorm, that.numericNorm) == 0 && wrongElements.equals(that.wrongElements)
                && checkedElements == that.checkedElements && analyticColumnMajor == that.analyticColumnMajor && Double.compare(fitResidual, that.fitResidual) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, factor, batchSize, lambda, shift, numericNorm, wrongElements, checkedElements, analyticColumnMajor,
                fitResidual);
    }

    /**
     * The kind and its numbers, for a debugger; the words a person reads are the report's.
     *
     * @return e.g. {@code Diagnosis[SCALED, factor=4.0, batchSize=0, fitResidual=1.0E-9]}
     */
    @Override
    public String toString() {
        String numbers = switch (kind) {
            case NONE, TRANSPOSED -> "";
            case ZERO -> ", numericNorm=" + numericNorm;
            case SIGN_FLIPPED -> ", factor=" + factor;
            case SCALED -> ", factor=" + factor + ", batchSize=" + batchSize;
            case COLUMN_MAJOR -> ", analyticColumnMajor=" + analyticColumnMajor;
            case SHIFTED -> ", shift=" + shift;
            case DATA_TERM_SCALED -> ", factor=" + factor + ", lambda=" + lambda + ", batchSize=" + batchSize;
            case REGULARIZATION -> ", lambda=" + lambda;
            case FEW_ELEMENTS -> ", wrongElements=" + wrongElements;
            case UNEXPLAINED -> ", factor=" + factor;
            case NOT_DIAGNOSED -> ", checkedElements=" + checkedElements;
        };
        String partial = kind != Kind.NOT_DIAGNOSED && checkedElements > 0 ? ", checkedElements=" + checkedElements : "";
        return "Diagnosis[" + kind + numbers + partial + (Double.isNaN(fitResidual) ? "" : ", fitResidual=" + fitResidual) + "]";
    }
}
