package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.Diagnosis.Kind;
import io.github.gradcheck.report.ElementVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Findings about several blocks, made from the blocks' own diagnoses and the two gradients once every
 * element has been checked: one factor for the whole gradient (or its data term), two blocks swapped,
 * and where the error enters the backward pass when the failing blocks are the first ones in θ's order.
 * Each is claimed only on a fit within {@link Diagnosis#GOOD_FIT}.
 */
final class CrossBlockDiagnoses {

    /**
     * How close two blocks' factors must be to be one factor: 1 %, the tolerance a factor's words
     * already use (a factor "is" the batch size within 1 %). Real shared factors agree to round-off;
     * different ones (×8 and ×4) differ by tens of percent.
     */
    private static final double SAME_FACTOR = 0.01;

    private final List<BlockSummary> blocks;
    private final double[] g;
    private final double[] n;
    private final ElementVerdict[] verdicts;
    private final int batchSize;

    private CrossBlockDiagnoses(List<BlockSummary> blocks, double[] g, double[] n, ElementVerdict[] verdicts, int batchSize) {
        this.blocks = blocks;
        this.g = g;
        this.n = n;
        this.verdicts = verdicts;
        this.batchSize = batchSize;
    }

    /**
     * The findings of a check, in this order: a whole-gradient factor, swapped pairs, an entering error.
     *
     * @param blocks the blocks with their diagnoses, in θ's order
     * @param gradient the analytic gradient
     * @param elements the numeric gradient and each element's verdict
     * @param batchSize the model's batch size, or 0
     * @return the findings; empty where the check passed or did not check every element
     */
    static List<CrossBlockDiagnosis> of(List<BlockSummary> blocks, double[] gradient, ElementResults elements, int batchSize) {
        boolean passed = true;
        for (BlockSummary block : blocks) {
            passed &= block.passed();
        }
        // A passing check (the common case) is not walked element by element at all.
        if (passed || elements.count() < gradient.length) {
            return List.of();
        }
        return new CrossBlockDiagnoses(blocks, gradient, elements.numericArray(), elements.verdictArray(), batchSize).findings();
    }

    private List<CrossBlockDiagnosis> findings() {
        List<CrossBlockDiagnosis> findings = new ArrayList<>();
        CrossBlockDiagnosis whole = wholeGradient();
        if (whole != null) {
            findings.add(whole);
            return findings;
        }
        findings.addAll(swaps());
        // Swapped blocks are explained where they are; an error entering the backward pass is another story.
        CrossBlockDiagnosis enters = findings.isEmpty() ? errorEnters() : null;
        if (enters != null) {
            findings.add(enters);
        }
        return findings;
    }

    /**
     * Every failing block, at least two of them, scaled by one factor (its data term, where the block
     * has an L2 term that is right), and the blocks that pass hold no more than {@link Diagnosis#GOOD_FIT}
     * of ‖numeric‖: a block that matches with a gradient of its own is not ×c.
     */
    private CrossBlockDiagnosis wholeGradient() {
        List<BlockSummary> failing = blocks.stream().filter(block -> !block.passed()).toList();
        if (blocks.size() < 2 || failing.size() < 2) {
            return null;
        }
        BlockSummary largest = failing.get(0);
        for (BlockSummary block : failing) {
            largest = block.size() > largest.size() ? block : largest;
        }
        double reference = largest.diagnosis().factor();
        boolean dataTerm = false;
        double worstResidual = 0;
        for (BlockSummary block : failing) {
            Diagnosis d = block.diagnosis();
            boolean factorKind = d.kind() == Kind.SCALED || d.kind() == Kind.SIGN_FLIPPED || d.kind() == Kind.DATA_TERM_SCALED
                    || (d.kind() == Kind.UNEXPLAINED && block.size() == 1);
            if (!factorKind || !(Math.abs(d.factor() - reference) <= SAME_FACTOR * Math.abs(reference))) {
                return null;
            }
            dataTerm |= d.kind() == Kind.DATA_TERM_SCALED;
            worstResidual = Double.isNaN(d.fitResidual()) ? worstResidual : Math.max(worstResidual, d.fitResidual());
        }
        double passingNumeric = 0;
        for (BlockSummary block : blocks) {
            if (block.passed()) {
                passingNumeric += squares(n, block.offset(), block.offset() + block.size());
            }
        }
        double numericSquared = squares(n, 0, n.length);
        if (passingNumeric > Diagnosis.GOOD_FIT * Diagnosis.GOOD_FIT * numericSquared) {
            return null;
        }
        List<String> names = blocks.stream().map(BlockSummary::name).toList();
        if (dataTerm) {
            return Diagnoses.wholeDataTermScaled(names, reference, batchSize, worstResidual);
        }
        double factor = BlockDiagnosis.dot(g, n, n.length) / numericSquared;
        double residual = distance(0, n.length, factor) / Math.sqrt(squares(g, 0, g.length));
        return residual <= Diagnosis.GOOD_FIT ? Diagnoses.wholeGradientScaled(names, factor, batchSize, residual) : null;
    }

    /**
     * Pairs of failing blocks of one shape with analytic A ≈ numeric B and analytic B ≈ numeric A, each
     * to within {@link Diagnosis#GOOD_FIT} of its analytic values and closer than its own numeric values.
     */
    private List<CrossBlockDiagnosis> swaps() {
        List<CrossBlockDiagnosis> swaps = new ArrayList<>();
        List<BlockSummary> paired = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            BlockSummary a = blocks.get(i);
            for (int j = i + 1; j < blocks.size() && !a.passed() && !paired.contains(a); j++) {
                BlockSummary b = blocks.get(j);
                if (b.passed() || paired.contains(b) || !a.shape().equals(b.shape()) || a.size() < 2) {
                    continue;
                }
                double ab = swapResidual(a, b);
                double ba = swapResidual(b, a);
                double residual = Math.max(ab, ba);
                if (residual <= Diagnosis.GOOD_FIT) {
                    swaps.add(Diagnoses.swappedBlocks(a.name(), b.name(), residual));
                    paired.add(a);
                    paired.add(b);
                }
            }
        }
        return swaps;
    }

    /** ‖analytic of {@code a} − numeric of {@code b}‖ / ‖analytic of a‖, or +∞ where that is not closer than a's own numeric values. */
    private double swapResidual(BlockSummary a, BlockSummary b) {
        double crossed = 0;
        double own = 0;
        double analytic = 0;
        for (int k = 0; k < a.size(); k++) {
            double value = g[a.offset() + k];
            crossed += square(value - n[b.offset() + k]);
            own += square(value - n[a.offset() + k]);
            analytic += square(value);
        }
        return analytic > 0 && crossed < own ? Math.sqrt(crossed / analytic) : Double.POSITIVE_INFINITY;
    }

    /**
     * The failing blocks are exactly the first p in θ's order, 2 ≤ p < all, and the blocks after them hold
     * at most {@link Diagnosis#GOOD_FIT} of ‖analytic − numeric‖. Claimed where at least one of them has
     * no simple pattern of its own (a wrong derivative) or all share one factor (a scaled delta): blocks
     * each explained by a different pattern of their own are more likely separate bugs.
     */
    private CrossBlockDiagnosis errorEnters() {
        int prefix = 0;
        while (prefix < blocks.size() && !blocks.get(prefix).passed()) {
            prefix++;
        }
        for (int k = prefix; k < blocks.size(); k++) {
            if (!blocks.get(k).passed()) {
                return null;
            }
        }
        if (prefix < 2 || prefix == blocks.size()) {
            return null;
        }
        List<BlockSummary> failing = blocks.subList(0, prefix);
        boolean unexplained = failing.stream().anyMatch(block -> block.diagnosis().kind() == Kind.UNEXPLAINED
                || block.diagnosis().kind() == Kind.FEW_ELEMENTS);
        double factor = sharedFactor(failing);
        if (!unexplained && Double.isNaN(factor)) {
            return null;
        }
        BlockSummary last = blocks.get(prefix - 1);
        int end = last.offset() + last.size();
        double residual = distance(end, g.length, 1) / distance(0, g.length, 1);
        if (!(residual <= Diagnosis.GOOD_FIT)) {
            return null;
        }
        TreeSet<Integer> rows = new TreeSet<>();
        TreeSet<Integer> columns = new TreeSet<>();
        List<Integer> shape = last.shape();
        int columnCount = shape.size() >= 2 ? shape.get(shape.size() - 1) : 1;
        int rowCount = last.size() / columnCount;
        for (int k = 0; k < last.size(); k++) {
            if (verdicts[last.offset() + k] == ElementVerdict.MISMATCH) {
                rows.add(k / columnCount);
                columns.add(k % columnCount);
            }
        }
        List<Integer> units = List.of();
        boolean unitsAreColumns = false;
        if (few(rows.size(), rowCount)) {
            units = List.copyOf(rows);
        } else if (few(columns.size(), columnCount)) {
            units = List.copyOf(columns);
            unitsAreColumns = true;
        }
        return Diagnoses.errorEnters(failing.stream().map(BlockSummary::name).toList(), factor,
                Double.isNaN(factor) ? 0 : batchSize, units, unitsAreColumns, residual);
    }

    /**
     * The factor every block of {@code failing} is scaled by, within {@link #SAME_FACTOR} (a scaled delta
     * scales a block's data term, not the L2 term added after it); NaN if they do not share one.
     */
    private static double sharedFactor(List<BlockSummary> failing) {
        double reference = failing.get(0).diagnosis().factor();
        for (BlockSummary block : failing) {
            Kind kind = block.diagnosis().kind();
            if ((kind != Kind.SCALED && kind != Kind.SIGN_FLIPPED && kind != Kind.DATA_TERM_SCALED)
                    || !(Math.abs(block.diagnosis().factor() - reference) <= SAME_FACTOR * Math.abs(reference))) {
                return Double.NaN;
            }
        }
        return reference;
    }

    /** Few units of {@code all}: at least one, not all, and at most max(3, a fifth), as few elements are. */
    private static boolean few(int count, int all) {
        return count > 0 && count < all && count <= Math.max(3, all / 5);
    }

    /** ‖analytic − factor·numeric‖ over [from, to). */
    private double distance(int from, int to, double factor) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += square(g[k] - factor * n[k]);
        }
        return Math.sqrt(sum);
    }

    private static double squares(double[] values, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += values[k] * values[k];
        }
        return sum;
    }

    private static double square(double value) {
        return value * value;
    }
}
