package io.github.gradcheck;

/**
 * A small ReLU regressor, J = (1/2m) Σ (W2·relu(W1·x + b1) + b2 − t)², whose point is chosen so
 * that hidden units 0 and 1 sit exactly at their kink (pre-activation 0, in exact binary
 * arithmetic) for some examples: units 0 and 1 for example 0, unit 0 for example 3. The analytic
 * gradient takes relu'(0) = 0, a correct one-sided derivative, so the check must pass; but the
 * centered differences across those kinks average the two slopes, and the course's overall
 * difference comes out large. The six elements that move those pre-activations (W1 rows 0 and 1,
 * b1[0], b1[1]) are the kinks; every other element is smooth.
 */
final class KinkedReluNet implements DifferentiableModel {

    /** Examples as rows; every product below is exact in binary. */
    private static final double[][] X = {{1, 0.5}, {-1, 2}, {2, -1}, {0.5, 0.25}};
    private static final double[] T = {0.5, -1, 2, 0.25};

    final double[][] w1 = {{0.5, -1}, {-0.25, 1.5}, {1, 1}};
    final double[][] b1 = {{0}, {-0.5}, {0.25}};
    final double[][] w2 = {{1.5, -2, 0.75}};
    final double[] b2 = {0.125};

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", w1).add("b1", b1).add("W2", w2).add("b2", b2).build();
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int e = 0; e < X.length; e++) {
            double residual = output(e) - T[e];
            sum += residual * residual;
        }
        return sum / (2 * X.length);
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dW1 = new double[3][2];
        double[][] db1 = new double[3][1];
        double[][] dW2 = new double[1][3];
        double[] db2 = new double[1];
        for (int e = 0; e < X.length; e++) {
            double delta = (output(e) - T[e]) / X.length;
            db2[0] += delta;
            for (int j = 0; j < 3; j++) {
                double z = preActivation(e, j);
                dW2[0][j] += delta * Math.max(z, 0);
                double dz = z > 0 ? delta * w2[0][j] : 0;
                db1[j][0] += dz;
                for (int k = 0; k < 2; k++) {
                    dW1[j][k] += dz * X[e][k];
                }
            }
        }
        return ParameterArrays.builder().add("W1", dW1).add("b1", db1).add("W2", dW2).add("b2", db2).build();
    }

    private double preActivation(int example, int unit) {
        return w1[unit][0] * X[example][0] + w1[unit][1] * X[example][1] + b1[unit][0];
    }

    private double output(int example) {
        double y = b2[0];
        for (int j = 0; j < 3; j++) {
            y += w2[0][j] * Math.max(preActivation(example, j), 0);
        }
        return y;
    }
}
