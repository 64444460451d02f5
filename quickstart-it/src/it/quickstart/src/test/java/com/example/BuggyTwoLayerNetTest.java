package com.example;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;

import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;

/** The README's quick start, on a backward pass with a bug (db1 forgets its 1/m). */
class BuggyTwoLayerNetTest {

    @ModelUnderTest
    TwoLayerNet net = TwoLayerNet.exampleWithForgottenMeanInB1();

    /** Fails, on purpose: the failure a user sees (verify.groovy expects exactly this one). */
    @GradientCheck
    void backpropagationMatchesNumericGradient(GradientCheckReport report) {
        assertThat(report).passes();
    }

    /** Asserting the failure passes: the check finds the bug in b1, and only there. */
    @GradientCheck
    void checkFindsTheBugInB1(GradientCheckReport report) {
        assertThat(report).fails().hasFailingBlocks("b1");
    }
}
