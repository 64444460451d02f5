package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;
import org.ejml.simple.SimpleMatrix;

/**
 * A one-hidden-layer tanh regression network written with EJML's {@code SimpleMatrix}, as a user
 * of that library would write it: ŷ = W2 tanh(W1 X + b1) + b2 over the columns of X, J = Σ(ŷ − y)²/2m.
 *
 * <p>The adaptation to the checker is {@link #parameters()} and the last line of
 * {@link #gradient()}: a {@code SimpleMatrix} keeps its elements row-major in the {@code double[]}
 * of its {@code DMatrixRMaj}, so the live arrays are handed over as they are, with their shapes.
 */
final class EjmlNet implements DifferentiableModel {

    final SimpleMatrix w1;
    final SimpleMatrix b1;
    final SimpleMatrix w2;
    final SimpleMatrix b2;
    private final SimpleMatrix x;
    private final SimpleMatrix y;
    private final boolean forgetTanhDerivative;

    private EjmlNet(int inputs, int hidden, int examples, long seed, boolean forgetTanhDerivative) {
        Random random = new Random(seed);
        w1 = SimpleMatrix.random_DDRM(hidden, inputs, -1, 1, random);
        b1 = SimpleMatrix.random_DDRM(hidden, 1, -0.5, 0.5, random);
        w2 = SimpleMatrix.random_DDRM(1, hidden, -1, 1, random);
        b2 = SimpleMatrix.random_DDRM(1, 1, -0.5, 0.5, random);
        x = SimpleMatrix.random_DDRM(inputs, examples, -2, 2, random);
        y = SimpleMatrix.random_DDRM(1, examples, -1, 1, random);
        this.forgetTanhDerivative = forgetTanhDerivative;
    }

    static EjmlNet correct(long seed) {
        return new EjmlNet(3, 5, 20, seed, false);
    }

    /** The backward pass skips tanh' = 1 − a², a classic slip: W1 and b1 go wrong, W2 and b2 stay right. */
    static EjmlNet withoutTanhDerivative(long seed) {
        return new EjmlNet(3, 5, 20, seed, true);
    }

    private SimpleMatrix hidden() {
        SimpleMatrix z = w1.mult(x);
        for (int j = 0; j < z.getNumCols(); j++) {
            for (int i = 0; i < z.getNumRows(); i++) {
                z.set(i, j, Math.tanh(z.get(i, j) + b1.get(i, 0)));
            }
        }
        return z;
    }

    private SimpleMatrix residual(SimpleMatrix a) {
        return w2.mult(a).plus(b2.get(0, 0)).minus(y);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder()
                .add("W1", w1.getDDRM().data, w1.getNumRows(), w1.getNumCols())
                .add("b1", b1.getDDRM().data, b1.getNumRows())
                .add("W2", w2.getDDRM().data, w2.getNumRows(), w2.getNumCols())
                .add("b2", b2.getDDRM().data)
                .build();
    }

    @Override
    public double loss() {
        SimpleMatrix r = residual(hidden());
        return r.elementMult(r).elementSum() / (2 * x.getNumCols());
    }

    @Override
    public ParameterArrays gradient() {
        int m = x.getNumCols();
        SimpleMatrix a = hidden();
        SimpleMatrix dYhat = residual(a).divide(m);
        SimpleMatrix dW2 = dYhat.mult(a.transpose());
        double db2 = dYhat.elementSum();
        SimpleMatrix dA = w2.transpose().mult(dYhat);
        SimpleMatrix dZ = forgetTanhDerivative ? dA : dA.elementMult(a.elementMult(a).negative().plus(1));
        SimpleMatrix dW1 = dZ.mult(x.transpose());
        SimpleMatrix db1 = new SimpleMatrix(dZ.getNumRows(), 1);
        for (int i = 0; i < dZ.getNumRows(); i++) {
            db1.set(i, 0, dZ.extractVector(true, i).elementSum());
        }
        return ParameterArrays.builder()
                .add("W1", dW1.getDDRM().data, dW1.getNumRows(), dW1.getNumCols())
                .add("b1", db1.getDDRM().data, db1.getNumRows())
                .add("W2", dW2.getDDRM().data, dW2.getNumRows(), dW2.getNumCols())
                .add("b2", new double[] {db2})
                .build();
    }
}
