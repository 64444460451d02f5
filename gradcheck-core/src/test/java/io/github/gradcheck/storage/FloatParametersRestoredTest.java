package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.ElementStorage;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.GradientCheckReport;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * Float parameters come back bit for bit on every path: a pass, a model that throws, a NaN, a
 * step that overflows a float. The values include −0.0f, the smallest subnormal, the smallest
 * normal and ±Float.MAX_VALUE, which a restore through arithmetic (θ + ε − ε) would lose.
 *
 * <p>Loss evaluations are numbered from 1: 1 and 2 at θ, 3 to 10 the noise estimate, then element
 * e at + ε as 11 + 2e and at − ε as 12 + 2e.
 */
class FloatParametersRestoredTest {

    private static final float[] EXTREMES = {-0.0f, Float.MIN_VALUE, -Float.MIN_NORMAL, 0.75f, Float.MAX_VALUE,
        -Float.MAX_VALUE};

    private static FloatQuadratic extremes() {
        return new FloatQuadratic(EXTREMES.clone(), new float[][] {{1e-30f, -3.5f}, {Float.MIN_VALUE * 3, 0.0f}});
    }

    @Test
    void afterAPassingCheck() {
        FloatQuadratic model = new FloatQuadratic(new float[] {-0.0f, Float.MIN_VALUE, Float.MIN_NORMAL, 0.75f, -3.5f},
                new float[][] {{1e-30f, 123456.7f}, {-Float.MIN_VALUE, 0.0f}});
        int[] before = model.bits();

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void afterAFailingCheck() {
        FloatQuadratic model = new FloatQuadratic(new float[] {-0.0f, Float.MIN_VALUE, 0.75f}, new float[][] {{1, 2}, {3, 4}});
        int[] before = model.bits();
        model.thetaGradientFactor = 2;

        assertThat(GradientChecker.defaults().check(model).passed()).isFalse();
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossThrowsAtAPerturbedPoint() {
        FloatQuadratic model = extremes();
        int[] before = model.bits();
        IllegalStateException boom = new IllegalStateException("boom");
        model.lossHook = n -> {
            if (n == 4 + 2 * 2) {   // theta[2] − ε, after the two losses at θ
                throw boom;
            }
            return 0;
        };

        assertThatThrownBy(() -> GradientChecker.defaults().check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("FloatQuadratic.loss() threw java.lang.IllegalStateException (boom) at theta[2] − ε")
                .hasMessageEndingWith("The parameters have been restored.")
                .hasCause(boom);
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossIsNaNAtAPerturbedPoint() {
        FloatQuadratic model = extremes();
        int[] before = model.bits();
        model.lossHook = n -> n == 3 + 2 * 1 ? Double.NaN : 0;   // theta[1] + ε, after the two losses at θ

        assertThatThrownBy(() -> GradientChecker.defaults().check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the loss of FloatQuadratic is NaN at theta[1] + ε")
                .hasMessageEndingWith("The parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenAStepOverflowsTheLargestFloat() {
        // Float.MAX_VALUE + ε is infinite in float: the loss there is infinite and the check stops.
        FloatQuadratic model = extremes();
        int[] before = model.bits();

        assertThatThrownBy(() -> GradientChecker.defaults().check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the loss of FloatQuadratic is Infinity at theta[4] + ε")
                .hasMessageEndingWith("The parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aFloatReadAsADoubleAndWrittenBackIsTheSameFloat() {
        float[] values = {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL),
            Float.MAX_VALUE, -Float.MAX_VALUE, 1 / 3f, Math.nextUp(1f)};
        float[] array = values.clone();
        FloatBuffer buffer = FloatBuffer.wrap(values.clone());
        ElementStorage[] storages = {ElementStorage.of(array), ElementStorage.of(buffer),
            ElementStorage.of(array.clone()).columnMajor(2, 5)};

        for (ElementStorage storage : storages) {
            for (int k = 0; k < storage.size(); k++) {
                storage.set(k, storage.get(k));
            }
        }

        for (int k = 0; k < values.length; k++) {
            assertThat(Float.floatToRawIntBits(array[k])).isEqualTo(Float.floatToRawIntBits(values[k]));
            assertThat(Float.floatToRawIntBits(buffer.get(k))).isEqualTo(Float.floatToRawIntBits(values[k]));
        }
    }
}
