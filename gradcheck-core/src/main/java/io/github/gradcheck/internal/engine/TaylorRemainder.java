package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.TaylorTest;
import java.util.List;

/**
 * The ε-free second opinion on one block: along a seeded random direction d within the block
 * (random signs with random magnitudes, see {@link Directions}), |J(θ + hd) − J(θ) − h⟨g, d⟩| over a ladder of h
 * falls as h² when g is right and as h when it is wrong. Five loss evaluations per block. In the
 * partial modes d covers a large block's bounded coordinates only ({@link BoundedCoordinates}). The cheap
 * modes take d as a second, independent direction of their own: a block whose Taylor test
 * contradicts its gradient is looked at along d again, at the check's step (see
 * {@link DirectionalSearch#confirm}).
 */
final class TaylorRemainder {

    /** Relative steps, largest first. */
    private static final double[] STEPS = {1e-2, 5e-3, 2.5e-3, 1.25e-3, 6.25e-4};
    /** The steps as every report lists them (an immutable list, shared). */
    private static final List<Double> STEP_LIST;
    /** How each step is named where an evaluation fails (as {@code String.valueOf} writes it). */
    private static final String[] STEP_TEXT = {"0.01", "0.005", "0.0025", "0.00125", "6.25E-4"};

    static {
        Double[] steps = new Double[STEPS.length];
        for (int j = 0; j < STEPS.length; j++) {
            steps[j] = STEPS[j];
        }
        STEP_LIST = List.of(steps);
    }

    private TaylorRemainder() {
    }

    static TaylorTest of(Workspace workspace, CheckSettings settings, double[] theta, double[] scaleOf, double loss,
                         double noise, double[] gradient, ParameterBlock block) {
        int from = block.offset();
        int to = from + block.size();
        // Drawn again from its seed on each walk where the heap is small for the block: then a block
        // of a million keeps no direction of its own.
        Direction direction = Direction.keptIfRoom(Direction.weighted(Directions.taylorSeed(settings.seed(), from), scaleOf),
                from, to);
        return test(settings, loss, noise, PathAlong.dense(workspace, theta, gradient, direction, from, to), " (Taylor test)",
                block);
    }

    /**
     * The Taylor test of a large block in a partial mode, along {@code direction}, over the block's
     * bounded coordinates ({@link BoundedCoordinates}) only: 5 moves of 4,096 elements, not of the block.
     */
    static TaylorTest of(Workspace workspace, CheckSettings settings, double[] theta, double loss, double noise,
                         double[] gradient, ParameterBlock block, SparseDirection direction) {
        return test(settings, loss, noise, PathAlong.sparse(workspace, theta, gradient, direction),
                new StringBuilder(" over ").append(direction.indices().length).append(" of its ").append(block.size())
                .append(" elements (Taylor test)").toString(), block);
    }

    /** The remainders along {@code along} at each step, and their order; θ restored whatever happens. */
    private static TaylorTest test(CheckSettings settings, double loss, double noise, PathAlong along, String what,
                                   ParameterBlock block) {
        double slope = along.slope();
        Double[] remainders = new Double[STEPS.length];
        double[] remainder = new double[STEPS.length];
        try {
            for (int j = 0; j < STEPS.length; j++) {
                double h = STEPS[j];
                double moved = along.loss(h, new StringBuilder("at θ + h·d, h = ").append(STEP_TEXT[j])
                        .append(", a random direction within ").append(block.name()).append(what).toString());
                // Along the move actually made: a float block rounds θ + h·d.
                remainder[j] = Math.abs(moved - loss - h * slope - along.rounding(h));
                remainders[j] = remainder[j];
            }
        } finally {
            along.restore();
        }
        return ReportFactory.taylorTest(STEP_LIST, List.of(remainders), order(remainder, settings.margin() * 2 * noise));
    }

    /**
     * The test's direction d over the block's flat indices, scaled by max(|θᵢ|, 1), drawn again from
     * its seed: for a cheap mode that looks along it again ({@link DirectionalSearch#confirm}).
     */
    static Direction direction(CheckSettings settings, double[] scaleOf, ParameterBlock block) {
        return Direction.weighted(Directions.taylorSeed(settings.seed(), block.offset()), scaleOf);
    }

    /** A large block's bounded Taylor direction in a partial mode: weighted components at {@code coordinates} only. */
    static SparseDirection direction(ParameterLayout layout, CheckSettings settings, double[] scaleOf, int[] coordinates,
                                     ParameterBlock block) {
        return SparseDirection.weighted(layout, coordinates, Directions.taylor(settings.seed(), block.offset()), scaleOf);
    }

    /** The least-squares slope of log r against log h over the remainders above {@code floor}; NaN if fewer than two are. */
    private static double order(double[] remainders, double floor) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int count = 0;
        for (int j = 0; j < STEPS.length; j++) {
            if (remainders[j] > floor) {
                double x = Math.log(STEPS[j]);
                double y = Math.log(remainders[j]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                count++;
            }
        }
        return count < 2 ? Double.NaN : (count * sxy - sx * sy) / (count * sxx - sx * sx);
    }
}
