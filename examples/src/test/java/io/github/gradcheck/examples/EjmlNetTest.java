package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A network written with EJML: checked with its matrices handed over as they are. */
class EjmlNetTest {

    @ModelUnderTest("EJML net")
    static DifferentiableModel net() {
        return EjmlNet.correct(7);
    }

    @ModelUnderTest("EJML net without tanh'")
    static DifferentiableModel withoutTanhDerivative() {
        return EjmlNet.withoutTanhDerivative(7);
    }

    @GradientCheck(model = "EJML net")
    void gradientMatches(GradientCheckReport report) {
        assertThat(report).passes();
    }

    @GradientCheck(model = "EJML net without tanh'")
    void aForgottenTanhDerivativeIsCaughtInTheFirstLayerOnly(GradientCheckReport report) {
        assertThat(report).fails().hasFailingBlocks("W1", "b1");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void passesAtRandomPoints(long seed) {
        EjmlNet net = EjmlNet.correct(seed);
        double[] before = net.w1.getDDRM().data.clone();
        assertThat(GradientChecker.defaults().check(net)).passes();
        org.assertj.core.api.Assertions.assertThat(net.w1.getDDRM().data).isEqualTo(before);
    }
}
