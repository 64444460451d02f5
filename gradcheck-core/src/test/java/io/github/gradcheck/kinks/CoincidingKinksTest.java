package io.github.gradcheck.kinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coinciding kinks, on models this project had not seen: a hardtanh exactly on both its bounds and
 * two ReLUs exactly at 0 sharing their parameters. A correct backward pass with the usual
 * subgradient (derivative 0 at the kink) passes, its mismatches judged at θ ± η; every bug planted
 * next to the kinks still fails; the parameters come back bit for bit, also when the model throws
 * at the jittered point.
 */
class CoincidingKinksTest {

    static Stream<Arguments> correct() {
        return Stream.of(Arguments.of("hardtanh on both bounds", (Supplier<DifferentiableModel>)
                        () -> new HardtanhOnBounds(HardtanhOnBounds.Bug.NONE)),
                Arguments.of("two ReLUs at 0", (Supplier<DifferentiableModel>) () -> new ReluPairAtZero(ReluPairAtZero.Bug.NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correct")
    void aCorrectModelAtCoincidingKinksPasses(String name, Supplier<DifferentiableModel> model) {
        DifferentiableModel checked = model.get();
        double[] before = checked.parameters().toVector();
        GradientCheckReport report = GradientChecker.defaults().check(checked);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.jitteredElements()).as(report.toString()).isPositive();
        assertThat(report.kinks()).isGreaterThanOrEqualTo(report.jitteredElements());
        assertThat(report.warnings()).anySatisfy(warning -> assertThat(warning).contains("θ ± η")
                .contains(report.jitteredElements() + " agreed there"));
        assertThat(bits(checked.parameters().toVector())).isEqualTo(bits(before));
    }

    static Stream<Arguments> bugs() {
        Stream<Arguments> hardtanh = Stream.of(HardtanhOnBounds.Bug.values()).filter(bug -> bug != HardtanhOnBounds.Bug.NONE)
                .map(bug -> Arguments.of("hardtanh " + bug, (Supplier<DifferentiableModel>) () -> new HardtanhOnBounds(bug)));
        Stream<Arguments> relu = Stream.of(ReluPairAtZero.Bug.values()).filter(bug -> bug != ReluPairAtZero.Bug.NONE)
                .map(bug -> Arguments.of("ReLU pair " + bug, (Supplier<DifferentiableModel>) () -> new ReluPairAtZero(bug)));
        Stream<Arguments> conv = Stream.of(ZeroPaddedConv.Bug.values()).filter(bug -> bug != ZeroPaddedConv.Bug.NONE)
                .map(bug -> Arguments.of("zero-padded conv " + bug, (Supplier<DifferentiableModel>) () -> new ZeroPaddedConv(bug)));
        return Stream.concat(Stream.concat(hardtanh, relu), conv);
    }

    /**
     * Kinks that coincide but move together (every all-padding window switches the same way along
     * b) are one kink: the element is a kink at θ, with no need of the jitter, and the model passes.
     */
    @Test
    void aZeroBiasZeroPaddedConvolutionPassesAsAKink() {
        ZeroPaddedConv model = new ZeroPaddedConv(ZeroPaddedConv.Bug.NONE);
        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.block("b").kinks()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void aBugNextToTheKinksStillFails(String name, Supplier<DifferentiableModel> model) {
        GradientCheckReport report = GradientChecker.defaults().check(model.get());

        assertThat(report.passed()).as(report.toString()).isFalse();
        assertThat(report.mismatches()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correct")
    void theParametersComeBackBitForBitWhenTheModelThrowsAtTheJitteredPoint(String name,
                                                                          Supplier<DifferentiableModel> model) {
        DifferentiableModel inner = model.get();
        double[] before = inner.parameters().toVector();
        // The third gradient evaluation is the first at a jittered point (two come first, at θ).
        DifferentiableModel throwing = new DifferentiableModel() {
            private int gradients;

            @Override
            public ParameterArrays parameters() {
                return inner.parameters();
            }

            @Override
            public double loss() {
                return inner.loss();
            }

            @Override
            public ParameterArrays gradient() {
                if (++gradients == 3) {
                    throw new IllegalStateException("out of memory at the jittered point");
                }
                return inner.gradient();
            }
        };

        assertThatThrownBy(() -> GradientChecker.defaults().check(throwing)).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("gradient() threw").hasMessageContaining("out of memory at the jittered point");
        assertThat(bits(inner.parameters().toVector())).isEqualTo(bits(before));
    }

    private static long[] bits(double[] values) {
        return Stream.of(values).flatMapToDouble(java.util.Arrays::stream).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
