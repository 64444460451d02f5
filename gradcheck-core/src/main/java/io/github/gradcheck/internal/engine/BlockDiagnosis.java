package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the kind of wrong in one block with mismatches, trying simple patterns in turn: zero, a
 * constant factor (sign, 1/m), a transpose or the other flat order (column-major), a shift by one,
 * an L2 term, the data term scaled beside a right L2 term, a few elements. A pattern is claimed
 * only when it explains the block to within {@link Diagnosis#GOOD_FIT}, measured as
 * ‖analytic − fitted‖ / ‖analytic‖ (for the L2 term, relative to ‖analytic − numeric‖).
 */
final class BlockDiagnosis {

    /**
     * How many of its standard errors a fitted factor must lie from 1 to be a factor at all. A few
     * wrong elements among many matching ones pull the least-squares factor off 1 by about their own
     * influence, which is what the jackknife standard error measures (m alike wrong elements move it
     * by about √m of them); a real factor, even 1.01, lies many thousands of standard errors away.
     */
    private static final double FACTOR_SIGNIFICANCE = 3;
    /** How much closer the two-number data-term fit must come than the best one-number pattern to be preferred. */
    private static final double SIMPLER_FIT_ADVANTAGE = 10;
    /**
     * The largest |cos| between numeric and θ for which the data-term fit separates its two terms; above
     * it the two vectors are too close to parallel to tell a factor on one from a term in the other.
     */
    private static final double SEPARABLE = 0.99;

    private final ParameterBlock block;
    private final double[] g;
    /** The check's results: the numeric gradient and the verdicts. */
    private final ElementResults elements;
    private final double[] theta;
    /** The block's first flat index in the whole arrays, and its size: the block is read in place, never copied. */
    private final int from;
    private final int size;
    private final int batchSize;

    /**
     * The block's part of the whole analytic gradient, of the check's results (every element of the
     * block checked) and of θ, read in place: a block of a million elements is diagnosed without
     * copies of it (each pattern's fit is computed element by element, in the order a fitted array
     * would have been summed).
     */
    BlockDiagnosis(ParameterBlock block, double[] g, ElementResults elements, double[] theta, int batchSize) {
        this.block = block;
        this.g = g;
        this.elements = elements;
        this.theta = theta;
        this.from = block.offset();
        this.size = block.size();
        this.batchSize = batchSize;
    }

    /**
     * The diagnosis of the block: zero, then a single value (which no pattern can be claimed for),
     * then every pattern that fits to within {@link Diagnosis#GOOD_FIT} (a constant factor, a
     * transpose, a shift, an L2 term) competes and the closest to the analytic values wins, so that
     * a small L2 term is not read as a factor of 1.03; on a tie the one tried first wins. Failing
     * all, a few wrong elements, else unexplained.
     */
    Diagnosis diagnose() {
        double gNorm = RelativeDifference.norm(g, null, from, from + size);
        double nNorm = RelativeDifference.checkedNorm(null, elements, from, from + size);
        if (gNorm == 0 && nNorm > 0) {
            return Diagnoses.zero(nNorm);
        }
        if (size == 1) {
            // One number is fitted by any one-parameter pattern; claiming one would be a guess.
            return Diagnoses.unexplained(nNorm > 0 ? leastSquaresFactor() : Double.NaN, Double.NaN);
        }
        Fit best = constantFactor(gNorm);
        best = better(best, transpose(gNorm));
        best = better(best, columnMajor(gNorm));
        best = better(best, shift(gNorm));
        best = better(best, regularization());
        Fit dataTerm = dataTermScaled(gNorm);
        // Two numbers fit at least as well as either one alone: the data term's k and λ are claimed
        // only where no one-number pattern fits, or where they fit ten times closer.
        if (dataTerm != null && (best == null || dataTerm.distance() * SIMPLER_FIT_ADVANTAGE < best.distance())) {
            best = dataTerm;
        }
        if (best != null) {
            return best.diagnosis();
        }
        Diagnosis few = fewElements();
        if (few != null) {
            return few;
        }
        double factor = nNorm > 0 ? leastSquaresFactor() : Double.NaN;
        return Diagnoses.unexplained(factor, nNorm > 0 ? scaledDistance(factor) / gNorm : Double.NaN);
    }

    /** A pattern that fits, and how far the analytic values are from it. */
    private record Fit(Diagnosis diagnosis, double distance) {
    }

    /** The closer fit of two, either of which may be absent; on a tie, {@code best}, the one tried first. */
    private static Fit better(Fit best, Fit candidate) {
        return candidate == null || (best != null && best.distance() <= candidate.distance()) ? best : candidate;
    }

    /** analytic ≈ c × numeric: a flipped sign where c ≈ −1, else scaled; needs two non-zero numeric values. */
    private Fit constantFactor(double gNorm) {
        if (nonZeroNumeric() < 2) {
            return null;
        }
        double factor = leastSquaresFactor();
        double distance = scaledDistance(factor);
        double residual = distance / gNorm;
        if (!(residual <= Diagnosis.GOOD_FIT) || Math.abs(factor - 1) <= FACTOR_SIGNIFICANCE * factorStandardError(factor)) {
            // A factor within its own uncertainty of 1 is a few wrong elements, not a factor.
            return null;
        }
        return new Fit(Math.abs(factor + 1) < 0.01 ? Diagnoses.signFlipped(factor, residual)
                : Diagnoses.scaled(factor, batchSize, residual), distance);
    }

    /** ‖analytic − c × numeric‖. */
    private double scaledDistance(double factor) {
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            double fitted = factor * n(i);
            sum += (g[i] - fitted) * (g[i] - fitted);
        }
        return Math.sqrt(sum);
    }

    /** analytic ≈ numeric transposed, for a square matrix. */
    private Fit transpose(double gNorm) {
        int[] shape = block.shape();
        if (shape.length != 2 || shape[0] != shape[1] || shape[0] <= 1) {
            return null;
        }
        int side = shape[0];
        double sum = 0;
        for (int k = 0; k < size; k++) {
            double fitted = n(from + (k % side) * side + k / side);
            sum += (g[from + k] - fitted) * (g[from + k] - fitted);
        }
        double distance = Math.sqrt(sum);
        return distance / gNorm <= Diagnosis.GOOD_FIT && explainsTheError(distance) ? new Fit(Diagnoses.transposed(distance / gNorm), distance) : null;
    }

    /**
     * analytic ≈ numeric in the other flat order, for a block of rank ≥ 2 with at least two dimensions over
     * 1 that is not a square matrix (whose other order is its transpose): either analytic's flat values
     * are numeric's read column-major, or the other way round; the closer of the two.
     */
    private Fit columnMajor(double gNorm) {
        int[] shape = block.shape();
        int wide = 0;
        for (int d : shape) {
            wide += d > 1 ? 1 : 0;
        }
        if (wide < 2 || (shape.length == 2 && shape[0] == shape[1])) {
            return null;
        }
        Fit best = null;
        for (boolean analyticSide : new boolean[] {true, false}) {
            double distance = columnMajorDistance(shape, analyticSide);
            if (distance / gNorm <= Diagnosis.GOOD_FIT && explainsTheError(distance)) {
                best = better(best, new Fit(Diagnoses.columnMajor(analyticSide, distance / gNorm), distance));
            }
        }
        return best;
    }

    /**
     * ‖analytic − numeric in the other order‖: with {@code analyticSide}, analytic[colMajor(k)] ≈
     * numeric[k] (analytic's flat values are numeric's read column-major), so analytic[j] is compared
     * with numeric[rowMajor(j)]; else analytic[k] ≈ numeric[colMajor(k)]. Positions are walked as
     * counters, first index fastest or last index fastest, so that no index table of the block is made.
     */
    private double columnMajorDistance(int[] shape, boolean analyticSide) {
        int rank = shape.length;
        int[] rowMajorStride = new int[rank];
        int[] columnMajorStride = new int[rank];
        for (int axis = rank - 1, stride = 1; axis >= 0; axis--) {
            rowMajorStride[axis] = stride;
            stride *= shape[axis];
        }
        for (int axis = 0, stride = 1; axis < rank; axis++) {
            columnMajorStride[axis] = stride;
            stride *= shape[axis];
        }
        // Walk k in its own order (column-major for analyticSide, row-major otherwise) and read numeric at the other order's index.
        int[] position = new int[rank];
        double sum = 0;
        for (int k = 0; k < size; k++) {
            int other = 0;
            for (int axis = 0; axis < rank; axis++) {
                other += position[axis] * (analyticSide ? rowMajorStride[axis] : columnMajorStride[axis]);
            }
            double fitted = n(from + other);
            sum += (g[from + k] - fitted) * (g[from + k] - fitted);
            if (analyticSide) {
                for (int axis = 0; axis < rank && ++position[axis] == shape[axis]; axis++) {
                    position[axis] = 0;
                }
            } else {
                for (int axis = rank - 1; axis >= 0 && ++position[axis] == shape[axis]; axis--) {
                    position[axis] = 0;
                }
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * analytic ≈ k·(numeric − λθ) + λθ = k·numeric + (1 − k)λ·θ: the least-squares a, b of analytic ≈
     * a·numeric + b·θ, read as k = a, λ = b / (1 − a). Claimed where it fits, k is a factor (not within
     * its uncertainty of 1, see {@link #FACTOR_SIGNIFICANCE}), the λθ term carries more than
     * {@link Diagnosis#GOOD_FIT} of the block, and numeric and θ are far enough from parallel to tell
     * the two terms apart.
     */
    private Fit dataTermScaled(double gNorm) {
        double nn = numericSquared();
        double tt = dot(theta, theta);
        double nt = dotNumeric(theta);
        if (nonZeroNumeric() < 3 || nonZero(theta) < 3 || nn == 0 || tt == 0 || Math.abs(nt) > SEPARABLE * Math.sqrt(nn * tt)) {
            return null;
        }
        double gn = dotNumeric(g);
        double gt = dot(g, theta);
        double determinant = nn * tt - nt * nt;
        double a = (gn * tt - gt * nt) / determinant;
        double b = (gt * nn - gn * nt) / determinant;
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            double fitted = a * n(i) + b * theta[i];
            sum += (g[i] - fitted) * (g[i] - fitted);
        }
        double distance = Math.sqrt(sum);
        double residual = distance / gNorm;
        double thetaShare = Math.abs(b) * Math.sqrt(tt) / gNorm;
        // The standard error of a, from the residual, as for one factor but with two numbers fitted.
        double aError = distance / Math.sqrt(Math.max(size - 2, 1)) * Math.sqrt(tt / determinant);
        if (!(residual <= Diagnosis.GOOD_FIT) || thetaShare <= Diagnosis.GOOD_FIT
                || Math.abs(a - 1) <= FACTOR_SIGNIFICANCE * aError || !explainsTheError(distance)) {
            return null;
        }
        return new Fit(Diagnoses.dataTermScaled(a, b / (1 - a), batchSize, residual), distance);
    }

    /**
     * A pattern that leaves analytic at least as far from it as from the numeric gradient itself
     * explains nothing of the disagreement: one wrong element among smooth values fits a shift of a
     * smooth gradient closely, and must still read as one wrong element.
     */
    private boolean explainsTheError(double distance) {
        return distance < scaledDistance(1);
    }

    /**
     * The jackknife standard error of the least-squares factor: how much leaving out one element at a
     * time moves it, sqrt((N − 1)/N · Σ (c₍ₖ₎ − c̄)²), with c₍ₖ₎ = (Σ gn − gₖnₖ) / (Σ n² − nₖ²). A few wrong
     * elements move it by about as much as they pull it off 1. Each c₍ₖ₎ is computed twice, for the
     * mean and for the spread, rather than kept in an array the size of the block.
     */
    private double factorStandardError(double factor) {
        double gn = dotNumeric(g);
        double nn = numericSquared();
        double mean = 0;
        for (int i = from; i < from + size; i++) {
            mean += leftOut(gn, nn, i, factor);
        }
        mean /= size;
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            double value = leftOut(gn, nn, i, factor);
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt((size - 1.0) / size * sum);
    }

    /** c₍ᵢ₎: the least-squares factor without element i. */
    private double leftOut(double gn, double nn, int i, double factor) {
        double rest = nn - n(i) * n(i);
        return rest > 0 ? (gn - g[i] * n(i)) / rest : factor;
    }

    /** analytic[k] ≈ numeric[k + s]: the closest of the shifts worth trying, in {@link #shifts}' order. */
    private Fit shift(double gNorm) {
        int[] shape = block.shape();
        Fit best = null;
        for (int shift : shifts(shape)) {
            double distance = shiftDistance(shift, shape);
            if (distance / gNorm <= Diagnosis.GOOD_FIT && explainsTheError(distance)) {
                best = better(best, new Fit(Diagnoses.shifted(shift, distance / gNorm), distance));
            }
        }
        return best;
    }

    /** analytic − numeric ≈ λ·θ over the block. */
    private Fit regularization() {
        double thetaSquared = dot(theta, theta);
        double deltaNorm = RelativeDifference.checkedNorm(g, elements, from, from + size);
        if (thetaSquared == 0 || deltaNorm == 0 || nonZero(theta) < 2) {
            return null;
        }
        double deltaTheta = 0;
        for (int i = from; i < from + size; i++) {
            deltaTheta += (g[i] - n(i)) * theta[i];
        }
        double lambda = deltaTheta / thetaSquared;
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            double fitted = lambda * theta[i];
            sum += (g[i] - n(i) - fitted) * (g[i] - n(i) - fitted);
        }
        double distance = Math.sqrt(sum);
        double residual = distance / deltaNorm;
        return residual > Diagnosis.GOOD_FIT ? null : new Fit(Diagnoses.regularization(lambda, residual), distance);
    }

    /** At most max(3, a fifth) of the elements mismatch, and not all: those are the bug. */
    private Diagnosis fewElements() {
        int count = 0;
        for (int i = from; i < from + size; i++) {
            count += elements.verdict(i) == ElementVerdict.MISMATCH ? 1 : 0;
        }
        if (count > Math.max(3, size / 5) || count >= size) {
            return null;
        }
        List<Integer> wrong = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            if (elements.verdict(from + k) == ElementVerdict.MISMATCH) {
                wrong.add(k);
            }
        }
        return Diagnoses.fewElements(wrong);
    }

    /** The c that minimises ‖analytic − c × numeric‖; needs a non-zero numeric gradient. */
    private double leastSquaresFactor() {
        return dotNumeric(g) / numericSquared();
    }

    /** Off-by-one shifts worth trying: one element, and for a matrix or more one row, either way. */
    private static int[] shifts(int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        int row = shape.length >= 2 ? shape[shape.length - 1] : 0;
        if (size < 3) {
            return new int[0];
        }
        return row > 1 && row < size ? new int[] {1, -1, row, -row} : new int[] {1, -1};
    }

    /**
     * How far analytic[k] is from numeric[k + shift], over the elements that have such a neighbour:
     * for a shift by one in a matrix, the neighbour in the same row (an off-by-one column index
     * leaves each row's end without one).
     */
    private double shiftDistance(int shift, int[] shape) {
        int row = shape.length >= 2 ? shape[shape.length - 1] : size;
        boolean withinRows = Math.abs(shift) == 1 && row > 1 && row < size;
        double sum = 0;
        int pairs = 0;
        for (int k = 0; k < size; k++) {
            int source = k + shift;
            if (source < 0 || source >= size || (withinRows && source / row != k / row)) {
                continue;
            }
            sum += (g[from + k] - n(from + source)) * (g[from + k] - n(from + source));
            pairs++;
        }
        // A fit on fewer than two pairs proves nothing.
        return pairs < 2 ? Double.POSITIVE_INFINITY : Math.sqrt(sum);
    }

    /** Element i's numeric derivative. */
    private double n(int i) {
        return elements.numeric(i);
    }

    /** The block's non-zero numeric derivatives. */
    private int nonZeroNumeric() {
        int count = 0;
        for (int i = from; i < from + size; i++) {
            count += n(i) != 0 ? 1 : 0;
        }
        return count;
    }

    /** ⟨numeric, numeric⟩ over the block. */
    private double numericSquared() {
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            sum += n(i) * n(i);
        }
        return sum;
    }

    /** ⟨a, numeric⟩ over the block. */
    private double dotNumeric(double[] a) {
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            sum += a[i] * n(i);
        }
        return sum;
    }

    /** The block's non-zero elements of {@code values}. */
    private int nonZero(double[] values) {
        int count = 0;
        for (int i = from; i < from + size; i++) {
            count += values[i] != 0 ? 1 : 0;
        }
        return count;
    }

    /** ⟨a, b⟩ over the block. */
    private double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** ⟨a, b⟩ over the whole of both: the cross-block fits'. */
    static double dot(double[] a, double[] b, int length) {
        double sum = 0;
        for (int k = 0; k < length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
