package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;
import org.assertj.core.api.SoftAssertions;

/**
 * Soft assertions on gradient-check reports: every failure is collected and all are reported
 * together, so that one run shows every model, state or block that is wrong.
 *
 * <p>It is an AssertJ {@link SoftAssertions} with one more {@code assertThat}, so one object serves
 * reports and everything else. With AssertJ's JUnit 5 extension:
 * <pre>{@code
 * @ExtendWith(SoftAssertionsExtension.class)
 * class NetworksTest {
 *     @InjectSoftAssertions
 *     GradCheckSoftAssertions softly;
 *
 *     @Test
 *     void everyStateIsRight() {
 *         softly.assertThat(checker.check(atInit)).passes();
 *         softly.assertThat(checker.check(trained)).passes();
 *     }
 * }
 * }</pre>
 * or without it: {@code SoftAssertionsProvider.assertSoftly(GradCheckSoftAssertions.class, softly -> …)}.
 *
 * <p>Assertions reached through {@code block("W2")} are not collected (AssertJ collects only what
 * its proxies see); write {@code softly.assertThat(report).satisfies(r -> assertThat(r).block("W2").passes())}
 * to collect them.
 */
public class GradCheckSoftAssertions extends SoftAssertions {

    /** Soft assertions with nothing collected yet; for {@code SoftAssertionsExtension} and plain use. */
    public GradCheckSoftAssertions() {
    }

    /**
     * Soft assertions on {@code report}: a failure is collected, not thrown.
     *
     * @param report the report to check
     * @return the assertions
     */
    public GradientCheckReportAssert assertThat(GradientCheckReport report) {
        return proxy(GradientCheckReportAssert.class, GradientCheckReport.class, report);
    }
}
