package io.github.gradcheck.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.Precision;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A layer computed in float, its input and weights float arrays: y = tanh(W x + b). */
class FloatLayerTest {

    static final class FloatTanhLayer implements DifferentiableLayer {
        final float[][] w;
        final float[] b;
        final boolean dxWithoutTanhDerivative;

        FloatTanhLayer(int outputs, int inputs, long seed, boolean dxWithoutTanhDerivative) {
            SplittableRandom random = new SplittableRandom(seed);
            w = new float[outputs][inputs];
            b = new float[outputs];
            for (float[] row : w) {
                for (int j = 0; j < inputs; j++) {
                    row[j] = (float) random.nextDouble(-1, 1);
                }
            }
            for (int i = 0; i < outputs; i++) {
                b[i] = (float) random.nextDouble(-0.5, 0.5);
            }
            this.dxWithoutTanhDerivative = dxWithoutTanhDerivative;
        }

        private float[] activations(float[] x) {
            float[] a = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                float z = b[i];
                for (int j = 0; j < x.length; j++) {
                    z += w[i][j] * x[j];
                }
                a[i] = (float) Math.tanh(z);
            }
            return a;
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("W", w).add("b", b).build();
        }

        @Override
        public double[] forward(LayerInputs inputs) {
            float[] a = activations(inputs.floats("x"));
            double[] y = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                y[i] = a[i];
            }
            return y;
        }

        @Override
        public ParameterArrays backward(LayerInputs inputs, double[] dy) {
            float[] x = inputs.floats("x");
            float[] a = activations(x);
            float[] dx = new float[x.length];
            float[][] dw = new float[w.length][x.length];
            float[] db = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                float dz = (float) dy[i] * (1 - a[i] * a[i]);
                db[i] = dz;
                for (int j = 0; j < x.length; j++) {
                    dw[i][j] = dz * x[j];
                    dx[j] += w[i][j] * (dxWithoutTanhDerivative ? (float) dy[i] : dz);
                }
            }
            return ParameterArrays.builder().add("x", dx).add("W", dw).add("b", db).build();
        }
    }

    static float[] input(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        float[] x = new float[n];
        for (int j = 0; j < n; j++) {
            x[j] = (float) random.nextDouble(-1.5, 1.5);
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aCorrectFloatLayerPassesInFloatPrecisionAndKeepsItsContracts(long seed) {
        FloatTanhLayer layer = new FloatTanhLayer(5, 4, seed, false);
        float[] x = input(4, seed);
        float[] before = x.clone();
        for (GradientChecker checker : new GradientChecker[] {GradientChecker.defaults(), GradientChecker.defaults().withJacobianOutputs(0)}) {
            GradientCheckReport report = checker.check(layer, LayerInputs.builder().add("x", x).build());

            assertThat(report.passed()).as(report.toString()).isTrue();
            assertThat(report.settings().precision()).isEqualTo(Precision.FLOAT);
            assertThat(report.layer().orElseThrow().brokenContracts()).isEmpty();
        }
        assertThat(x).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aFloatLayersDxWithoutTanhDerivativeFailsInTheInputOnly(long seed) {
        FloatTanhLayer layer = new FloatTanhLayer(5, 4, seed, true);
        GradientCheckReport report = GradientChecker.defaults().check(layer, LayerInputs.builder().add("x", input(4, seed)).build());

        assertThat(report.block("x").passed()).as(report.toString()).isFalse();
        assertThat(report.block("W").passed()).isTrue();
        assertThat(report.block("b").passed()).isTrue();
    }
}
