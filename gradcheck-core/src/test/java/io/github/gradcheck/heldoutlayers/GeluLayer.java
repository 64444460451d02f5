package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * GELU in its tanh approximation, element-wise over x (3×4):
 * y = ½ x (1 + tanh(u)), u = √(2/π) (x + 0.044715 x³);
 * y′ = ½ (1 + t) + ½ x (1 − t²) √(2/π) (1 + 3·0.044715 x²), t = tanh(u).
 */
final class GeluLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** y′ = ½ (1 + t): the product rule's second term forgotten. */
        WITHOUT_PRODUCT_RULE_TERM,
        /** u′ = √(2/π), the cubic's 3·0.044715 x² forgotten. */
        INNER_DERIVATIVE_WITHOUT_CUBIC,
        /** tanh′ written 1 − t instead of 1 − t². */
        TANH_DERIVATIVE_NOT_SQUARED
    }

    static final double C = Math.sqrt(2 / Math.PI);
    static final double A = 0.044715;
    static final int ROWS = 3;
    static final int COLS = 4;

    final double[][] x;
    private final Bug bug;

    GeluLayer(long seed, Variant variant, Bug bug) {
        x = Draws.uniform(new SplittableRandom(seed), ROWS, COLS, -3, 3);
        this.bug = bug;
    }

    @Override
    public String name() {
        return "Gelu" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] in = inputs.matrix("x");
        double[] y = new double[ROWS * COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                double v = in[i][j];
                y[i * COLS + j] = 0.5 * v * (1 + Math.tanh(C * (v + A * v * v * v)));
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] in = inputs.matrix("x");
        double[][] dx = new double[ROWS][COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                double v = in[i][j];
                double t = Math.tanh(C * (v + A * v * v * v));
                double tanhPrime = bug == Bug.TANH_DERIVATIVE_NOT_SQUARED ? 1 - t : 1 - t * t;
                double innerPrime = bug == Bug.INNER_DERIVATIVE_WITHOUT_CUBIC ? C : C * (1 + 3 * A * v * v);
                double derivative = 0.5 * (1 + t) + (bug == Bug.WITHOUT_PRODUCT_RULE_TERM ? 0 : 0.5 * v * tanhPrime * innerPrime);
                dx[i][j] = dy[i * COLS + j] * derivative;
            }
        }
        return ParameterArrays.builder().add("x", dx).build();
    }
}
