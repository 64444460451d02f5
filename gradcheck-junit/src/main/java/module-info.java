/**
 * The JUnit Jupiter and AssertJ front ends of the gradient checker: {@code @GradientCheck} with
 * {@code @ModelUnderTest}, the end-of-run summary, and {@code GradCheckAssertions}. Requires the
 * core module transitively, so {@code requires io.github.gradcheck.junit;} is all a test module
 * needs.
 */
module io.github.gradcheck.junit {
    requires transitive io.github.gradcheck;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    // The summary listener, public for manual registration, is a TestExecutionListener.
    requires transitive org.junit.platform.launcher;

    exports io.github.gradcheck.junit;
    exports io.github.gradcheck.assertj;

    // JUnit instantiates the package-private extension reflectively.
    opens io.github.gradcheck.junit to org.junit.platform.commons;

    provides org.junit.platform.launcher.TestExecutionListener
            with io.github.gradcheck.junit.GradientCheckSummaryListener;
}
