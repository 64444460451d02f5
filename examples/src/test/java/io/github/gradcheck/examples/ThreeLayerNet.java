package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterLayout;

/**
 * The gradient-checking assignment's network, LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID
 * with the cross-entropy cost averaged over m examples, written as plain Java with its weights
 * in {@code double[][]} fields, the way hand-written backpropagation usually looks.
 *
 * <p>{@link #assignmentTestCase()} is the assignment's {@code gradient_check_n_test_case()}
 * (numpy seed 1) with the corrected backward pass; {@link #assignmentTestCaseWithBugs()} keeps
 * the assignment's two planted bugs: {@code dW2} multiplied by 2 and {@code db1} using 4/m
 * instead of 1/m.
 */
public final class ThreeLayerNet implements DifferentiableModel {

    // Matrices are [rows][cols]; b1..b3 are column vectors (n×1), as in the assignment.
    double[][] W1, b1, W2, b2, W3, b3;
    private final double[][] x;
    private final double[] y;
    private final boolean assignmentBugs;

    private ThreeLayerNet(double[][] x, double[] y, boolean assignmentBugs) {
        this.x = x;
        this.y = y;
        this.assignmentBugs = assignmentBugs;
    }

    /** The assignment's test case with a correct backward pass. */
    public static ThreeLayerNet assignmentTestCase() {
        return seeded(false);
    }

    /** The assignment's test case with its two planted backpropagation bugs. */
    public static ThreeLayerNet assignmentTestCaseWithBugs() {
        return seeded(true);
    }

    /** The draws of numpy's {@code randn} after {@code np.random.seed(1)}, as in the assignment. */
    private static ThreeLayerNet seeded(boolean bugs) {
        double[][] x = new double[][] {
            {1.6243453636632417, -0.6117564136500754, -0.5281717522634557},
            {-1.0729686221561705, 0.8654076293246785, -2.3015386968802827},
            {1.74481176421648, -0.7612069008951028, 0.31903909605709857},
            {-0.2493703754774101, 1.462107937044974, -2.060140709497654}};
        ThreeLayerNet net = new ThreeLayerNet(x, new double[] {1, 1, 0}, bugs);
        net.W1 = new double[][] {
            {-0.3224172040135075, -0.38405435466841564, 1.1337694423354374, -1.0998912673140309},
            {-0.17242820755043575, -0.8778584179213718, 0.04221374671559283, 0.5828152137158222},
            {-1.1006191772129212, 1.1447237098396141, 0.9015907205927955, 0.5024943389018682},
            {0.9008559492644118, -0.6837278591743331, -0.12289022551864817, -0.9357694342590688},
            {-0.2678880796260159, 0.530355466738186, -0.691660751725309, -0.39675352685597737}};
        net.b1 = new double[][] {
            {-0.6871727001195994},
            {-0.8452056414987196},
            {-0.671246130836819},
            {-0.01266459891890136},
            {-1.1173103486352778}};
        net.W2 = new double[][] {
            {0.23441569781709215, 1.6598021771098705, 0.7420441605773356, -0.19183555236161492, -0.8876289640848363},
            {-0.7471582937508376, 1.6924546010277466, 0.05080775477602897, -0.6369956465693534, 0.19091548466746602},
            {2.100255136478842, 0.12015895248162915, 0.6172031097074192, 0.3001703199558275, -0.35224984649351865}};
        net.b2 = new double[][] {
            {-1.1425181980221402},
            {-0.3493427224128775},
            {-0.2088942333747781}};
        net.W3 = new double[][] {
            {0.5866231911821976, 0.8389834138745049, 0.9311020813035573}};
        net.b3 = new double[][] {
            {0.2855873252542588}};
        return net;
    }

    /** The cost averages over the m = 3 examples. */
    @Override
    public int batchSize() {
        return y.length;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder()
                .add("W1", W1).add("b1", b1)
                .add("W2", W2).add("b2", b2)
                .add("W3", W3).add("b3", b3)
                .build();
    }

    @Override
    public double loss() {
        return forward().cost;
    }

    @Override
    public ParameterArrays gradient() {
        Forward f = forward();
        int m = y.length;
        double[][] dZ3 = new double[1][m];
        for (int j = 0; j < m; j++) {
            dZ3[0][j] = f.a3[0][j] - y[j];
        }
        double[][] dW3 = Matrix.scale(1.0 / m, Matrix.timesTransposed(dZ3, f.a2));
        double[][] db3 = Matrix.scale(1.0 / m, Matrix.rowSums(dZ3));

        double[][] dZ2 = Matrix.reluBackward(Matrix.transposedTimes(W3, dZ3), f.a2);
        double[][] dW2 = Matrix.scale((assignmentBugs ? 2.0 : 1.0) / m, Matrix.timesTransposed(dZ2, f.a1));
        double[][] db2 = Matrix.scale(1.0 / m, Matrix.rowSums(dZ2));

        double[][] dZ1 = Matrix.reluBackward(Matrix.transposedTimes(W2, dZ2), f.a1);
        double[][] dW1 = Matrix.scale(1.0 / m, Matrix.timesTransposed(dZ1, x));
        double[][] db1 = Matrix.scale((assignmentBugs ? 4.0 : 1.0) / m, Matrix.rowSums(dZ1));

        return ParameterArrays.builder()
                .add("W1", dW1).add("b1", db1)
                .add("W2", dW2).add("b2", db2)
                .add("W3", dW3).add("b3", db3)
                .build();
    }

    /** {@code steps} steps of plain gradient descent with learning rate {@code rate}, using this net's own gradient. */
    public void train(int steps, double rate) {
        for (int step = 0; step < steps; step++) {
            ParameterArrays gradient = gradient();
            double[] g = gradient.toVector();
            double[] theta = parameters().toVector();
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= rate * g[i];
            }
            ParameterLayout layout = parameters().layout();
            W1 = layout.matrix(theta, "W1");
            b1 = layout.matrix(theta, "b1");
            W2 = layout.matrix(theta, "W2");
            b2 = layout.matrix(theta, "b2");
            W3 = layout.matrix(theta, "W3");
            b3 = layout.matrix(theta, "b3");
        }
    }

    private record Forward(double[][] a1, double[][] a2, double[][] a3, double cost) {
    }

    private Forward forward() {
        double[][] a1 = Matrix.relu(Matrix.affine(W1, x, b1));
        double[][] a2 = Matrix.relu(Matrix.affine(W2, a1, b2));
        double[][] a3 = Matrix.sigmoid(Matrix.affine(W3, a2, b3));
        int m = y.length;
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += -Math.log(a3[0][j]) * y[j] + -Math.log(1 - a3[0][j]) * (1 - y[j]);
        }
        return new Forward(a1, a2, a3, sum / m);
    }
}
