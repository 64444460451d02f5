package com.example;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/** The README's quick start, on a correct backward pass: every test passes. */
class TwoLayerNetTest {

    @ModelUnderTest
    TwoLayerNet net = TwoLayerNet.example();

    @GradientCheck
    void backpropagationMatchesNumericGradient(GradientCheckReport report) {
        assertThat(report).passes();
    }

    /** Without a report parameter, the invocation fails by itself if the check fails. */
    @GradientCheck
    void passesWithoutAnAssertion() {
    }

    /** The same check without the JUnit extension. */
    @Test
    void checkedWithoutTheExtension() {
        GradientCheckReport report = GradientChecker.defaults().check(net);
        assertThat(report).passes();
    }
}
