package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.Precision;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;

/**
 * A float network checked as it is: the check sees float blocks, steps them by what a float can
 * take, and uses float precision's steps and noise floor without being told. The right gradient
 * passes; a tanh′ written as 1 − t fails in the hidden layer's blocks, and only there.
 */
class FloatTanhNetTest {

    @ModelUnderTest
    FloatTanhNet net = new FloatTanhNet(FloatTanhNet.Bug.NONE);

    @ModelUnderTest
    FloatTanhNet withWrongTanhDerivative = new FloatTanhNet(FloatTanhNet.Bug.TANH_DERIVATIVE);

    @GradientCheck(model = "net")
    void theRightGradientPassesInFloatPrecision(GradientCheckReport report) {
        assertThat(report).passes();
        assertThat(report.settings().precision()).isEqualTo(Precision.FLOAT);   // chosen because the blocks hold floats
    }

    @GradientCheck(model = "withWrongTanhDerivative")
    void aWrongTanhDerivativeFailsInTheHiddenLayer(GradientCheckReport report) {
        assertThat(report).fails().hasFailingBlocks("W1", "b1");
        assertThat(report.block("w2").passed()).isTrue();
        assertThat(report.block("b2").passed()).isTrue();
    }

    @GradientCheck(model = "net")
    void theFloatWeightsAreLeftBitForBitAsTheyWere(FloatTanhNet checked) {
        FloatTanhNet fresh = new FloatTanhNet(FloatTanhNet.Bug.NONE);
        for (int j = 0; j < fresh.w1.length; j++) {
            assertThat(checked.w1[j]).containsExactly(fresh.w1[j]);
        }
        assertThat(checked.b1).containsExactly(fresh.b1);
        assertThat(checked.w2).containsExactly(fresh.w2);
        assertThat(checked.b2).containsExactly(fresh.b2);
    }
}
