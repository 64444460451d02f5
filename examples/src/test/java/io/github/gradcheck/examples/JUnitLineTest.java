package io.github.gradcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestExecutionListener;

/**
 * The examples run on the JUnit they were asked to: the compatibility profiles (junit-5.10 …
 * junit-6.1) would prove nothing if another JUnit won the dependency resolution.
 */
class JUnitLineTest {

    @Test
    void jupiterAndThePlatformAreTheRequestedVersion() {
        String requested = System.getProperty("gradcheck.examples.junit.version");

        assertThat(requested).as("system property set by the examples' Surefire configuration").isNotBlank();
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(requested);
        assertThat(TestExecutionListener.class.getPackage().getImplementationVersion())
                .as("junit-platform-launcher, which gradcheck-junit brings")
                .isEqualTo(platformVersion(requested));
    }

    /** Jupiter 5.x runs on Platform 1.x (5.10 → 1.10); from 6.0 on, both have the same version. */
    private static String platformVersion(String jupiter) {
        return jupiter.startsWith("5.") ? "1." + jupiter.substring(2) : jupiter;
    }
}
