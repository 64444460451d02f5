package io.github.gradcheck.storage;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ElementStorage;
import io.github.gradcheck.ParameterArrays;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Random;

/**
 * Softmax regression in double, J = −(1/m) Σ log softmax(W x + b)[y], its weights W (classes×inputs)
 * kept where a library would keep them: in Java arrays (the reference), in an off-heap
 * {@link DoubleBuffer}, or in a column-major {@code double[]} as Deeplearning4j's 'f' order keeps
 * them. Every layout computes the same numbers in the same order, so their checks must agree bit
 * for bit. The gradient is handed back in the same kind of storage. A planted bug negates
 * {@code dW[1,2]}.
 */
abstract class SoftmaxRegression implements DifferentiableModel {

    static final int CLASSES = 3;
    static final int INPUTS = 4;

    final double[] b;
    private final double[][] x;
    private final int[] y;
    boolean bugAtW12;

    SoftmaxRegression(long seed, int examples) {
        Random random = new Random(seed);
        double[][] w = new double[CLASSES][INPUTS];
        for (double[] row : w) {
            for (int i = 0; i < INPUTS; i++) {
                row[i] = 0.7 * random.nextGaussian();
            }
        }
        b = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            b[k] = 0.3 * random.nextGaussian();
        }
        x = new double[examples][INPUTS];
        y = new int[examples];
        for (int e = 0; e < examples; e++) {
            for (int i = 0; i < INPUTS; i++) {
                x[e][i] = random.nextGaussian();
            }
            y[e] = random.nextInt(CLASSES);
        }
        initialise(w);
    }

    /** Takes the initial weights into the subclass's storage. */
    abstract void initialise(double[][] w);

    /** W[k, i], wherever it is kept. */
    abstract double w(int k, int i);

    /** The weights' block, in the subclass's storage. */
    abstract ParameterArrays.Builder addWeights(ParameterArrays.Builder builder);

    /** The weights' gradient block from a row-major dW, in the subclass's storage. */
    abstract ParameterArrays.Builder addGradient(ParameterArrays.Builder builder, double[][] dw);

    @Override
    public ParameterArrays parameters() {
        return addWeights(ParameterArrays.builder()).add("b", b).build();
    }

    private double[] probabilities(double[] input) {
        double[] z = new double[CLASSES];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CLASSES; k++) {
            double a = b[k];
            for (int i = 0; i < INPUTS; i++) {
                a += w(k, i) * input[i];
            }
            z[k] = a;
            max = Math.max(max, a);
        }
        double sum = 0;
        for (int k = 0; k < CLASSES; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < CLASSES; k++) {
            z[k] /= sum;
        }
        return z;
    }

    @Override
    public double loss() {
        double total = 0;
        for (int e = 0; e < x.length; e++) {
            total -= Math.log(probabilities(x[e])[y[e]]);
        }
        return total / x.length;
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dw = new double[CLASSES][INPUTS];
        double[] db = new double[CLASSES];
        for (int e = 0; e < x.length; e++) {
            double[] dz = probabilities(x[e]);
            dz[y[e]] -= 1;
            for (int k = 0; k < CLASSES; k++) {
                db[k] += dz[k] / x.length;
                for (int i = 0; i < INPUTS; i++) {
                    dw[k][i] += dz[k] * x[e][i] / x.length;
                }
            }
        }
        if (bugAtW12) {
            dw[1][2] = -dw[1][2];
        }
        return addGradient(ParameterArrays.builder(), dw).add("b", db).build();
    }

    /** The reference: W in a {@code double[][]}. */
    static final class InArrays extends SoftmaxRegression {

        private double[][] w;

        InArrays(long seed, int examples) {
            super(seed, examples);
        }

        @Override
        void initialise(double[][] weights) {
            w = weights;
        }

        @Override
        double w(int k, int i) {
            return w[k][i];
        }

        @Override
        ParameterArrays.Builder addWeights(ParameterArrays.Builder builder) {
            return builder.add("W", w);
        }

        @Override
        ParameterArrays.Builder addGradient(ParameterArrays.Builder builder, double[][] dw) {
            return builder.add("W", dw);
        }
    }

    /** W row-major in a direct (off-heap) DoubleBuffer, read with absolute gets. */
    static final class InBuffer extends SoftmaxRegression {

        DoubleBuffer w;

        InBuffer(long seed, int examples) {
            super(seed, examples);
        }

        @Override
        void initialise(double[][] weights) {
            w = ByteBuffer.allocateDirect(8 * CLASSES * INPUTS).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            for (int k = 0; k < CLASSES; k++) {
                for (int i = 0; i < INPUTS; i++) {
                    w.put(k * INPUTS + i, weights[k][i]);
                }
            }
        }

        @Override
        double w(int k, int i) {
            return w.get(k * INPUTS + i);
        }

        @Override
        ParameterArrays.Builder addWeights(ParameterArrays.Builder builder) {
            return builder.add("W", ElementStorage.of(w), CLASSES, INPUTS);
        }

        @Override
        ParameterArrays.Builder addGradient(ParameterArrays.Builder builder, double[][] dw) {
            DoubleBuffer gradient = DoubleBuffer.allocate(CLASSES * INPUTS);
            for (double[] row : dw) {
                gradient.put(row);
            }
            return builder.add("W", ElementStorage.of(gradient.flip()), CLASSES, INPUTS);
        }
    }

    /** W column-major ('f' order) in a flat {@code double[]}: W[k, i] at k + CLASSES·i. */
    static final class ColumnMajor extends SoftmaxRegression {

        double[] w;

        ColumnMajor(long seed, int examples) {
            super(seed, examples);
        }

        @Override
        void initialise(double[][] weights) {
            w = new double[CLASSES * INPUTS];
            for (int k = 0; k < CLASSES; k++) {
                for (int i = 0; i < INPUTS; i++) {
                    w[k + CLASSES * i] = weights[k][i];
                }
            }
        }

        @Override
        double w(int k, int i) {
            return w[k + CLASSES * i];
        }

        @Override
        ParameterArrays.Builder addWeights(ParameterArrays.Builder builder) {
            return builder.add("W", ElementStorage.of(w).columnMajor(CLASSES, INPUTS), CLASSES, INPUTS);
        }

        @Override
        ParameterArrays.Builder addGradient(ParameterArrays.Builder builder, double[][] dw) {
            double[] gradient = new double[CLASSES * INPUTS];
            for (int k = 0; k < CLASSES; k++) {
                for (int i = 0; i < INPUTS; i++) {
                    gradient[k + CLASSES * i] = dw[k][i];
                }
            }
            return builder.add("W", ElementStorage.of(gradient).columnMajor(CLASSES, INPUTS), CLASSES, INPUTS);
        }
    }

    /** W row-major in a {@code float[]}, the loss still computed in double. */
    static final class InFloats extends SoftmaxRegression {

        float[] w;

        InFloats(long seed, int examples) {
            super(seed, examples);
        }

        @Override
        void initialise(double[][] weights) {
            w = new float[CLASSES * INPUTS];
            for (int k = 0; k < CLASSES; k++) {
                for (int i = 0; i < INPUTS; i++) {
                    w[k * INPUTS + i] = (float) weights[k][i];
                }
            }
        }

        @Override
        double w(int k, int i) {
            return w[k * INPUTS + i];
        }

        @Override
        ParameterArrays.Builder addWeights(ParameterArrays.Builder builder) {
            return builder.add("W", w, CLASSES, INPUTS);
        }

        @Override
        ParameterArrays.Builder addGradient(ParameterArrays.Builder builder, double[][] dw) {
            return builder.add("W", dw);
        }
    }
}
