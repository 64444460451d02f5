package io.github.gradcheck.report;

import java.util.List;
import java.util.Objects;

/**
 * A finding about several blocks at once, which no block's own {@link Diagnosis} can make: the whole
 * gradient off by one factor, two blocks' gradients swapped, or where in the backward pass an error
 * enters. Like a block's diagnosis it is data, a {@link #kind()} and its numbers; the words are the
 * report's writers'. Each is claimed only on a good fit, whose residual it keeps.
 */
public final class CrossBlockDiagnosis {

    private final Kind kind;
    private final List<String> blocks;
    private final double factor;
    private final int batchSize;
    private final List<Integer> units;
    private final boolean unitsAreColumns;
    private final double fitResidual;

    /** Made by {@code ReportAssembly}, for {@code internal.report.Diagnoses}' factories. */
    CrossBlockDiagnosis(Kind kind, List<String> blocks, double factor, int batchSize, List<Integer> units,
                        boolean unitsAreColumns, double fitResidual) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.blocks = List.copyOf(blocks);
        this.factor = factor;
        this.batchSize = batchSize;
        this.units = List.copyOf(units);
        this.unitsAreColumns = unitsAreColumns;
        this.fitResidual = fitResidual;
    }

    /** The findings. */
    public enum Kind {
        /**
         * Every block is off by one factor c (−1: the sign): a 1/m missing from the loss's gradient, or a
         * learning rate or clipping folded into {@code gradient()}. Its blocks are all of them.
         */
        WHOLE_GRADIENT_SCALED,
        /**
         * Every block's data term is off by one factor, the L2 term right where there is one
         * ({@link Diagnosis.Kind#DATA_TERM_SCALED} on blocks with an L2 term, {@link Diagnosis.Kind#SCALED}
         * on the others): the 1/m forgotten on the data term only.
         */
        WHOLE_DATA_TERM_SCALED,
        /** Two blocks of one shape, each holding the other's gradient: analytic A ≈ numeric B, analytic B ≈ numeric A. */
        SWAPPED_BLOCKS,
        /**
         * The failing blocks are exactly the first ones in θ's order, two or more, and the rest match: the
         * error enters the backward pass at the step that produces the last of them (an activation
         * derivative, or the delta flowing into that layer), and flows back to the ones before it.
         */
        ERROR_ENTERS
    }

    /**
     * The finding.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The blocks it explains, in θ's order: all of them for a whole-gradient factor; the two swapped;
     * the failing ones, where the error entered at the last.
     *
     * @return the block names
     */
    public List<String> blocks() {
        return blocks;
    }

    /**
     * The common factor c, for {@link Kind#WHOLE_GRADIENT_SCALED} (the least-squares factor over the
     * whole gradient) and {@link Kind#WHOLE_DATA_TERM_SCALED} (the data term's); for
     * {@link Kind#ERROR_ENTERS}, the factor every failing block shares, where they share one.
     *
     * @return c; NaN where there is none
     */
    public double factor() {
        return factor;
    }

    /**
     * The model's batch size m the factor was read against.
     *
     * @return m; 0 where the model does not say or there is no factor
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * For {@link Kind#ERROR_ENTERS}, the rows (or, see {@link #unitsAreColumns()}, the columns) of the
     * last failing block that carry every mismatch, where they are few (at most max(3, a fifth)) and
     * not all: the units whose derivative is wrong.
     *
     * @return the row or column indices, ascending; empty where they are not few, and for other kinds
     */
    public List<Integer> units() {
        return units;
    }

    /**
     * Whether {@link #units()} are columns (a weight stored inputs × units, as ND4J's) rather than rows.
     *
     * @return true for columns
     */
    public boolean unitsAreColumns() {
        return unitsAreColumns;
    }

    /**
     * How well the finding fits: for a whole-gradient factor ‖analytic − c·numeric‖ / ‖analytic‖ over θ
     * (for the data term, the largest of the blocks' residuals); for swapped blocks the larger of
     * ‖analytic A − numeric B‖ / ‖analytic A‖ and the same for B; for an entering error the share
     * ‖analytic − numeric‖ over the blocks that match / over θ. Claimed only at most
     * {@link Diagnosis#GOOD_FIT}.
     *
     * @return the residual
     */
    public double fitResidual() {
        return fitResidual;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrossBlockDiagnosis that && kind == that.kind && blocks.equals(that.blocks)
                && Double.compare(factor, that.factor) == 0 && batchSize == that.batchSize && units.equals(that.units)
                && unitsAreColumns == that.unitsAreColumns && Double.compare(fitResidual, that.fitResidual) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, blocks, factor, batchSize, units, unitsAreColumns, fitResidual);
    }

    /**
     * The kind and its numbers, for a debugger; the words a person reads are the report's.
     *
     * @return e.g. {@code CrossBlockDiagnosis[WHOLE_GRADIENT_SCALED, blocks=[W1, b1], factor=8.0, batchSize=8, fitResidual=1.0E-9]}
     */
    @Override
    public String toString() {
        String numbers = switch (kind) {
            case WHOLE_GRADIENT_SCALED, WHOLE_DATA_TERM_SCALED -> ", factor=" + factor + ", batchSize=" + batchSize;
            case SWAPPED_BLOCKS -> "";
            case ERROR_ENTERS -> ", factor=" + factor + ", units=" + units + (unitsAreColumns ? " (columns)" : "");
        };
        return "CrossBlockDiagnosis[" + kind + ", blocks=" + blocks + numbers + ", fitResidual=" + fitResidual + "]";
    }
}
