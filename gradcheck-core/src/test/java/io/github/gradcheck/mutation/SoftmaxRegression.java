package io.github.gradcheck.mutation;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterLayout;
import java.util.Random;

/**
 * (d) Multi-class softmax regression, J = (1/m) Σ CE(softmax(W·x + b), y), as a
 * {@link DifferentiableFunction} of θ = (W, b) with W classes×features (square, so that it can
 * be transposed).
 */
final class SoftmaxRegression implements DifferentiableFunction {

    enum Bug {
        NONE,
        /** dW[c][k] written to [k][c]. */
        DW_TRANSPOSED,
        /** dW without the 1/m. */
        DW_FORGOT_MEAN,
        /** db negated. */
        DB_SIGN,
        /** dW multiplied by 1.01. */
        DW_TIMES_1_01,
        /** dz = p instead of p − onehot(y). */
        DZ_FORGOT_ONE_HOT,
        /** db never accumulated. */
        DB_ZERO
    }

    static final int CLASSES = 4, FEATURES = 4, M = 7;
    private static final ParameterLayout LAYOUT = ParameterLayout.builder()
            .matrix("W", CLASSES, FEATURES).vector("b", CLASSES).build();

    private final double[][] x;
    private final int[] y;
    private final double reduction;
    private final Bug bug;

    private SoftmaxRegression(double[][] x, int[] y, double reduction, Bug bug) {
        this.x = x;
        this.y = y;
        this.reduction = reduction;
        this.bug = bug;
    }

    static DifferentiableModel create(long seed, Variant variant, Bug bug) {
        if (variant.reluKink()) {
            throw new IllegalArgumentException("softmax regression has no ReLU");
        }
        Random random = new Random(seed);
        double[][] x = Tensors.gaussian(random, M, FEATURES, 1);
        int[] y = new int[M];
        for (int j = 0; j < M; j++) {
            y[j] = random.nextInt(CLASSES);
        }
        double[] theta = Tensors.gaussian(random, LAYOUT.size(), variant.parameterScale() / Math.sqrt(FEATURES));
        SoftmaxRegression function = new SoftmaxRegression(x, y, variant.reduction(M), bug);
        if (variant.largeLoss()) {
            Tensors.scaleUntilLoss(x, 1, () -> function.loss(theta));
        }
        return function.at(theta);
    }

    @Override
    public ParameterLayout layout() {
        return LAYOUT;
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public double loss(double[] theta) {
        double[][] w = LAYOUT.matrix(theta, "W");
        double[] b = LAYOUT.values(theta, "b");
        double sum = 0;
        for (int j = 0; j < M; j++) {
            double[] z = Tensors.affine(w, x[j], b);
            sum += Tensors.logSumExp(z) - z[y[j]];
        }
        return reduction * sum;
    }

    @Override
    public double[] gradient(double[] theta) {
        double[][] w = LAYOUT.matrix(theta, "W");
        double[] b = LAYOUT.values(theta, "b");
        double[][] dW = new double[CLASSES][FEATURES];
        double[] db = new double[CLASSES];
        for (int j = 0; j < M; j++) {
            double[] dz = Tensors.softmax(Tensors.affine(w, x[j], b));
            if (bug != Bug.DZ_FORGOT_ONE_HOT) {
                dz[y[j]] -= 1;
            }
            Tensors.addOuter(dW, dz, x[j]);
            if (bug != Bug.DB_ZERO) {
                Tensors.add(db, dz);
            }
        }
        Tensors.scale(dW, switch (bug) {
            case DW_FORGOT_MEAN -> 1;
            case DW_TIMES_1_01 -> 1.01 * reduction;
            default -> reduction;
        });
        Tensors.scale(db, bug == Bug.DB_SIGN ? -reduction : reduction);
        if (bug == Bug.DW_TRANSPOSED) {
            dW = Tensors.transpose(dW);
        }
        double[] gradient = new double[LAYOUT.size()];
        for (int c = 0; c < CLASSES; c++) {
            System.arraycopy(dW[c], 0, gradient, c * FEATURES, FEATURES);
        }
        System.arraycopy(db, 0, gradient, LAYOUT.block("b").offset(), CLASSES);
        return gradient;
    }
}
