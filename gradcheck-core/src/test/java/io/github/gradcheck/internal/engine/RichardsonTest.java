package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class RichardsonTest {

    private static double centered(DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    @Test
    void recoversTheExactDerivativeOfACubicToRoundOff() {
        // f = x³ − 2x: D(ε) = f' + ε² exactly, so the ε² term is all the truncation there is.
        DoubleUnaryOperator cubic = x -> x * x * x - 2 * x;
        double x = 1.3;
        double h = 1e-3;
        double exact = 3 * x * x - 2;
        double atStep = centered(cubic, x, h);
        double atDoubleStep = centered(cubic, x, Richardson.STEP_RATIO * h);

        assertThat(atStep - exact).as("the centered difference errs by ε²").isCloseTo(h * h, within(1e-11));
        assertThat(Richardson.extrapolated(atStep, atDoubleStep)).isCloseTo(exact, within(1e-11));
        assertThat(Richardson.truncation(atStep, atDoubleStep)).as("the estimate is the centered difference's error")
                .isCloseTo(h * h, within(1e-11));
    }

    @Test
    void theTruncationEstimateIsAThirdOfTheChangeFromEpsilonToTwiceIt() {
        assertThat(Richardson.truncation(1.0, 1.75)).isEqualTo(0.25);
        assertThat(Richardson.truncation(1.75, 1.0)).as("a size, whichever way the value moves").isEqualTo(0.25);
        assertThat(Richardson.extrapolated(1.0, 1.75)).isEqualTo(0.75);
    }

    @Test
    void theErrorIsOneAndAHalfRoundOffsPlusTheTruncation() {
        // (4·D(ε) − D(2ε)) / 3 with D(2ε)'s round-off half D(ε)'s: 4/3 + 1/6 = 1.5 round-offs.
        assertThat(Richardson.error(2.0, 1.0, 1.75)).isEqualTo(1.5 * 2.0 + 0.25);
        assertThat(Richardson.error(2.0, 1.0, 1.0)).as("no truncation: round-off only").isEqualTo(3.0);
    }
}
