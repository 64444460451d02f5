package io.github.gradcheck.mutation;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterLayout;
import java.util.Random;

/**
 * (c) Logistic regression with an L2 term, J = (1/m) Σ CE(σ(w·x + b), y) + λ/(2m)‖w‖², as a
 * {@link DifferentiableFunction} of θ = (w, b).
 */
final class LogisticRegressionL2 implements DifferentiableFunction {

    enum Bug {
        NONE,
        /** dw without the λ/m·w term. */
        MISSING_L2,
        /** dw with λ·w instead of λ/m·w. */
        L2_WITHOUT_MEAN,
        /** db with a λ/m·b term: the bias regularised in the gradient but not in the loss. */
        L2_ON_BIAS,
        /** db = mean(y − p) instead of mean(p − y). */
        DB_SIGN,
        /** db without the 1/m. */
        DB_FORGOT_MEAN,
        /** dw multiplied by 1.01. */
        DW_TIMES_1_01,
        /** dz = (p − y)·p(1 − p): the sigmoid's derivative applied although the cross-entropy cancels it. */
        DZ_TIMES_SIGMOID_DERIVATIVE
    }

    static final int FEATURES = 5, M = 8;
    static final double LAMBDA = 0.7;
    private static final ParameterLayout LAYOUT = ParameterLayout.builder().vector("w", FEATURES).scalar("b").build();

    private final double[][] x;
    private final double[] y;
    private final double reduction;
    private final Bug bug;

    private LogisticRegressionL2(double[][] x, double[] y, double reduction, Bug bug) {
        this.x = x;
        this.y = y;
        this.reduction = reduction;
        this.bug = bug;
    }

    static DifferentiableModel create(long seed, Variant variant, Bug bug) {
        if (variant.reluKink()) {
            throw new IllegalArgumentException("logistic regression has no ReLU");
        }
        Random random = new Random(seed);
        double[][] x = Tensors.gaussian(random, M, FEATURES, 1);
        double[] y = new double[M];
        for (int j = 0; j < M; j++) {
            y[j] = random.nextBoolean() ? 1 : 0;
        }
        double[] theta = new double[FEATURES + 1];
        for (int k = 0; k < FEATURES; k++) {
            theta[k] = variant.parameterScale() * random.nextGaussian();
        }
        theta[FEATURES] = 0.5 * variant.parameterScale() * random.nextGaussian();
        LogisticRegressionL2 function = new LogisticRegressionL2(x, y, variant.reduction(M), bug);
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
        return "logistic-l2";
    }

    @Override
    public double loss(double[] theta) {
        double sum = 0;
        for (int j = 0; j < M; j++) {
            double z = z(theta, j);
            sum += Tensors.softplus(z) - y[j] * z;   // −y log σ(z) − (1 − y) log(1 − σ(z))
        }
        double squaredNorm = 0;
        for (int k = 0; k < FEATURES; k++) {
            squaredNorm += theta[k] * theta[k];
        }
        return reduction * (sum + LAMBDA / 2 * squaredNorm);
    }

    @Override
    public double[] gradient(double[] theta) {
        double[] dw = new double[FEATURES];
        double db = 0;
        for (int j = 0; j < M; j++) {
            double p = Tensors.sigmoid(z(theta, j));
            double dz = p - y[j];
            if (bug == Bug.DZ_TIMES_SIGMOID_DERIVATIVE) {
                dz *= p * (1 - p);
            }
            for (int k = 0; k < FEATURES; k++) {
                dw[k] += dz * x[j][k];
            }
            db += dz;
        }
        double[] gradient = new double[FEATURES + 1];
        for (int k = 0; k < FEATURES; k++) {
            double l2 = switch (bug) {
                case MISSING_L2 -> 0;
                case L2_WITHOUT_MEAN -> LAMBDA * theta[k];
                default -> reduction * LAMBDA * theta[k];
            };
            gradient[k] = (reduction * dw[k] + l2) * (bug == Bug.DW_TIMES_1_01 ? 1.01 : 1);
        }
        double b = theta[FEATURES];
        gradient[FEATURES] = switch (bug) {
            case DB_SIGN -> -reduction * db;
            case DB_FORGOT_MEAN -> db;
            case L2_ON_BIAS -> reduction * (db + LAMBDA * b);
            default -> reduction * db;
        };
        return gradient;
    }

    private double z(double[] theta, int j) {
        double z = theta[FEATURES];
        for (int k = 0; k < FEATURES; k++) {
            z += theta[k] * x[j][k];
        }
        return z;
    }
}
