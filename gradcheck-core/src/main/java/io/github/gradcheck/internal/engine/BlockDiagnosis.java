package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.report.Diagnosis.Kind;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names the kind of wrong in one block with mismatches, trying simple patterns in turn: zero, a
 * constant factor (sign, 1/m), a transpose, a shift by one, an L2 term, a few elements. A pattern
 * is claimed only when it explains the block to within {@link Diagnosis#GOOD_FIT}, measured as
 * ‖analytic − fitted‖ / ‖analytic‖ (for the L2 term, relative to ‖analytic − numeric‖).
 */
final class BlockDiagnosis {

    private final ParameterBlock block;
    private final double[] g;
    private final double[] n;
    private final double[] theta;
    private final ElementVerdict[] verdicts;
    private final int batchSize;

    /** The block's slices of the analytic and numeric gradients, of θ, and of the element verdicts. */
    BlockDiagnosis(ParameterBlock block, double[] g, double[] n, double[] theta, ElementVerdict[] verdicts, int batchSize) {
        this.block = block;
        this.g = g;
        this.n = n;
        this.theta = theta;
        this.verdicts = verdicts;
        this.batchSize = batchSize;
    }

    Diagnosis diagnose() {
        String name = block.name();
        double gNorm = norm(g);
        double nNorm = norm(n);
        if (gNorm == 0 && nNorm > 0) {
            return new Diagnosis(Kind.ZERO, "gradient never reaches " + name + ": analytic is all zeros, numeric is not"
                    + " (‖numeric‖ = " + format("%.3g", nNorm) + ")", 0, 1);
        }
        if (g.length == 1) {
            // One number is fitted by any one-parameter pattern; claiming one would be a guess.
            double factor = nNorm > 0 ? dot(g, n) / dot(n, n) : Double.NaN;
            return new Diagnosis(Kind.UNEXPLAINED, (nNorm > 0 ? "analytic " + name + " ≈ " + format("%.3g", factor)
                    + " × numeric; " : "") + "one value cannot tell a factor from an L2 term or another pattern",
                    factor, Double.NaN);
        }
        // Every pattern that fits well is a candidate; the one closest to the analytic values wins,
        // so that a small L2 term is not read as a factor of 1.03.
        Fit best = null;
        if (nonZero(n) >= 2) {
            double factor = dot(g, n) / dot(n, n);
            double distance = distance(g, scaled(n, factor));
            if (distance / gNorm <= Diagnosis.GOOD_FIT) {
                best = better(best, Math.abs(factor + 1) < 0.01
                        ? new Fit(new Diagnosis(Kind.SIGN_FLIPPED, "analytic " + name + " ≈ −1 × numeric: the sign is flipped"
                                + fit(distance / gNorm), factor, distance / gNorm), distance)
                        : new Fit(new Diagnosis(Kind.SCALED, "analytic " + name + " ≈ " + format("%.3g", factor) + " × numeric"
                                + factorHint(factor) + fit(distance / gNorm), factor, distance / gNorm), distance));
            }
        }
        int[] shape = block.shape();
        if (shape.length == 2 && shape[0] == shape[1] && shape[0] > 1) {
            double distance = distance(g, transposed(n, shape[0]));
            if (distance / gNorm <= Diagnosis.GOOD_FIT) {
                best = better(best, new Fit(new Diagnosis(Kind.TRANSPOSED, "analytic " + name + " ≈ numeric transposed:"
                        + " rows and columns are swapped in the gradient" + fit(distance / gNorm), Double.NaN,
                        distance / gNorm), distance));
            }
        }
        for (int shift : shifts(shape)) {
            double distance = shiftDistance(shift, shape);
            if (distance / gNorm <= Diagnosis.GOOD_FIT) {
                String by = Math.abs(shift) == 1 ? "1" : Math.abs(shift) + ", one row";
                best = better(best, new Fit(new Diagnosis(Kind.SHIFTED, "analytic " + name + "[k] ≈ numeric " + name
                        + "[k " + (shift > 0 ? "+" : "−") + " " + by + "] (flat, row-major): an index off by one"
                        + fit(distance / gNorm), shift, distance / gNorm), distance));
            }
        }
        best = better(best, regularization(name));
        if (best != null) {
            return best.diagnosis();
        }
        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < verdicts.length; k++) {
            if (verdicts[k] == ElementVerdict.MISMATCH) {
                wrong.add(block.label(k));
            }
        }
        if (wrong.size() <= Math.max(3, verdicts.length / 5) && wrong.size() < verdicts.length) {
            List<String> shown = wrong.subList(0, Math.min(5, wrong.size()));
            return new Diagnosis(Kind.FEW_ELEMENTS, wrong.size() + " of " + verdicts.length + " elements of " + name
                    + (wrong.size() == 1 ? " is" : " are") + " wrong, the rest match: " + String.join(", ", shown)
                    + (wrong.size() > shown.size() ? ", …" : ""), wrong.size(), Double.NaN);
        }
        double factor = nNorm > 0 ? dot(g, n) / dot(n, n) : Double.NaN;
        double residual = nNorm > 0 ? distance(g, scaled(n, factor)) / gNorm : Double.NaN;
        return new Diagnosis(Kind.UNEXPLAINED, "no simple pattern (factor, sign, transpose, shift, L2 term, a few"
                + " elements) explains " + name + "; the best constant factor, " + format("%.3g", factor)
                + ", leaves a residual of " + format("%.2g", residual), factor, residual);
    }

    /** A pattern that fits, and how far the analytic values are from it. */
    private record Fit(Diagnosis diagnosis, double distance) {
    }

    private static Fit better(Fit best, Fit candidate) {
        return candidate == null || (best != null && best.distance() <= candidate.distance()) ? best : candidate;
    }

    /** analytic − numeric ≈ λ·θ over the block. */
    private Fit regularization(String name) {
        double[] delta = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            delta[k] = g[k] - n[k];
        }
        double thetaSquared = dot(theta, theta);
        double deltaNorm = norm(delta);
        if (thetaSquared == 0 || deltaNorm == 0 || nonZero(theta) < 2) {
            return null;
        }
        double lambda = dot(delta, theta) / thetaSquared;
        double distance = distance(delta, scaled(theta, lambda));
        double residual = distance / deltaNorm;
        if (residual > Diagnosis.GOOD_FIT) {
            return null;
        }
        String term = format("%.3g", Math.abs(lambda)) + "·" + name;
        String description = lambda < 0
                ? "analytic " + name + " lacks an L2 term: numeric − analytic ≈ " + term + " (remember regularization:"
                        + " the loss has λ/2·‖" + name + "‖², its gradient needs λ·" + name + ")"
                : "analytic " + name + " has an extra L2 term: analytic − numeric ≈ " + term + " (the gradient adds λ·"
                        + name + " that the loss does not have)";
        return new Fit(new Diagnosis(Kind.REGULARIZATION, description + fit(residual), lambda, residual), distance);
    }

    private String factorHint(double factor) {
        double rounded = Math.rint(factor);
        double inverse = Math.rint(1 / factor);
        if (batchSize > 1 && Math.abs(factor - batchSize) < 0.01 * batchSize) {
            return " (the batch size m = " + batchSize + ": a forgotten 1/m)";
        }
        if (batchSize > 1 && Math.abs(1 / factor - batchSize) < 0.01 * batchSize) {
            return " (1/m with m = " + batchSize + ": divided by the batch size twice)";
        }
        if (rounded >= 2 && Math.abs(factor - rounded) < 0.01) {
            return " (an integer factor: a 1/" + (long) rounded + " forgotten, or a term counted " + (long) rounded + " times?)";
        }
        if (inverse >= 2 && Math.abs(1 / factor - inverse) < 0.01 * inverse) {
            return " (1/" + (long) inverse + ": an extra division?)";
        }
        return "";
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
        int row = shape.length >= 2 ? shape[shape.length - 1] : g.length;
        boolean withinRows = Math.abs(shift) == 1 && row > 1 && row < g.length;
        double sum = 0;
        int pairs = 0;
        for (int k = 0; k < g.length; k++) {
            int source = k + shift;
            if (source < 0 || source >= g.length || (withinRows && source / row != k / row)) {
                continue;
            }
            sum += (g[k] - n[source]) * (g[k] - n[source]);
            pairs++;
        }
        // A fit on fewer than two pairs proves nothing.
        return pairs < 2 ? Double.POSITIVE_INFINITY : Math.sqrt(sum);
    }

    private static double[] transposed(double[] values, int size) {
        double[] result = new double[values.length];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                result[r * size + c] = values[c * size + r];
            }
        }
        return result;
    }

    private static double[] scaled(double[] values, double factor) {
        double[] result = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            result[k] = factor * values[k];
        }
        return result;
    }

    /** ‖actual − fitted‖₂. */
    private static double distance(double[] actual, double[] fitted) {
        double sum = 0;
        for (int k = 0; k < actual.length; k++) {
            sum += (actual[k] - fitted[k]) * (actual[k] - fitted[k]);
        }
        return Math.sqrt(sum);
    }

    private static int nonZero(double[] values) {
        int count = 0;
        for (double value : values) {
            count += value != 0 ? 1 : 0;
        }
        return count;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return RelativeDifference.norm(a, null, 0, a.length);
    }

    private static String fit(double residual) {
        return " (fit residual " + format("%.1e", residual) + ")";
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
