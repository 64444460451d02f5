package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * A Huber loss per example, δ = 0.5: predictions (4×2, differentiable) against constant targets
 * (4×2), y[i] = Σⱼ huber(pred[i, j] − target[i, j]), huber(r) = ½r² for |r| ≤ δ, else
 * δ(|r| − ½δ); its derivative ψ(r) = r for |r| ≤ δ, else δ·sign(r). The residuals are spread so
 * that every branch is met (r ≈ −1.7, −0.8, −0.2, 0.1, 0.3, 0.7, 1.4, 1.9, each moved by up to
 * ±0.05 per seed); in the exact-kink variant the middle three are exactly −δ, 0 and +δ (targets on a
 * grid of 1/8, so pred − target is exact), where ψ is continuous but ψ′ jumps.
 */
final class HuberLossLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** ψ clipped at ±1 instead of ±δ. */
        CLIPPED_AT_ONE_NOT_DELTA,
        /** ψ = δ on the linear branch, sign(r) forgotten. */
        LINEAR_BRANCH_WITHOUT_SIGN,
        /** ψ = r/2 on the quadratic branch (½r² differentiated to ½r). */
        QUADRATIC_BRANCH_HALVED,
        /** The branch chosen by r ≤ δ instead of |r| ≤ δ: r below −δ takes the quadratic branch. */
        BRANCH_TEST_WITHOUT_ABS
    }

    static final double DELTA = 0.5;
    static final int ROWS = 4;
    static final int COLS = 2;
    private static final double[] RESIDUALS = {-1.7, -0.8, -0.2, 0.1, 0.3, 0.7, 1.4, 1.9};

    final double[][] pred = new double[ROWS][COLS];
    final double[][] target = new double[ROWS][COLS];
    private final Bug bug;

    HuberLossLayer(long seed, Variant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < ROWS * COLS; k++) {
            double t = random.nextInt(-16, 17) / 8.0;
            double r = RESIDUALS[k] + random.nextDouble(-0.05, 0.05);
            if (variant == Variant.EXACT_KINKS && k >= 2 && k <= 4) {
                r = (k - 3) * DELTA;                  // −δ, 0, +δ in place of −0.2, 0.1, 0.3
            }
            target[k / COLS][k % COLS] = t;
            pred[k / COLS][k % COLS] = t + r;
        }
        this.bug = bug;
    }

    @Override
    public String name() {
        return "HuberLoss" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("pred", pred).constant("target", target).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] p = inputs.matrix("pred");
        double[][] t = inputs.constant("target", double[][].class);
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                double r = p[i][j] - t[i][j];
                y[i] += Math.abs(r) <= DELTA ? 0.5 * r * r : DELTA * (Math.abs(r) - 0.5 * DELTA);
            }
        }
        return y;
    }

    private double psi(double r) {
        if (bug == Bug.CLIPPED_AT_ONE_NOT_DELTA) {
            return Math.max(-1, Math.min(1, r));
        }
        boolean quadratic = bug == Bug.BRANCH_TEST_WITHOUT_ABS ? r <= DELTA : Math.abs(r) <= DELTA;
        if (quadratic) {
            return bug == Bug.QUADRATIC_BRANCH_HALVED ? r / 2 : r;
        }
        return bug == Bug.LINEAR_BRANCH_WITHOUT_SIGN ? DELTA : DELTA * Math.signum(r);
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] p = inputs.matrix("pred");
        double[][] t = inputs.constant("target", double[][].class);
        double[][] dp = new double[ROWS][COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                dp[i][j] = dy[i] * psi(p[i][j] - t[i][j]);
            }
        }
        return ParameterArrays.builder().add("pred", dp).build();
    }
}
