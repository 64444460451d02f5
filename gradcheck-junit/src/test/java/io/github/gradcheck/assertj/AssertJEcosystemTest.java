package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradCheckAssertions.GRADIENT_CHECK_REPORT;
import static io.github.gradcheck.assertj.ReportMessagesTest.failed;
import static io.github.gradcheck.assertj.ReportMessagesTest.passed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.MultipleFailuresError;

/** The report assertions inside AssertJ's own machinery: soft assertions, BDD, navigation. */
class AssertJEcosystemTest {

    // ---- soft assertions through AssertJ's JUnit extension ----

    @Test
    void softAssertionsInjectedAsAFieldCollectEveryFailure() {
        Throwable failure = onlyFailure(SoftFieldTestCases.class);

        assertThat(failure).isInstanceOf(MultipleFailuresError.class);
        List<Throwable> failures = ((MultipleFailuresError) failure).getFailures();
        assertThat(failures).hasSize(3);
        assertThat(failures.get(0)).hasMessageContaining("Expecting the analytic gradient of TinyNet to match");
        assertThat(failures.get(1)).hasMessageContaining("Expecting exactly the blocks [W] of TinyNet to fail");
        assertThat(failures.get(2)).hasMessageContaining("expected: 43");
    }

    @Test
    void softAssertionsInjectedAsAParameterCollectToo() {
        Throwable failure = onlyFailure(SoftParameterTestCases.class);

        assertThat(((MultipleFailuresError) failure).getFailures()).hasSize(2)
                .allSatisfy(error -> assertThat(error).hasMessageContaining("TinyNet"));
    }

    @Test
    void bddSoftAssertionsCollectThroughThen() {
        Throwable failure = onlyFailure(BddSoftTestCases.class);

        assertThat(((MultipleFailuresError) failure).getFailures()).hasSize(1).first()
                .satisfies(error -> assertThat(error).hasMessageContaining("[seed network] \nExpecting the gradient check"
                        + " of TinyNet to fail"));
    }

    @Test
    void softAssertionsWithoutTheExtensionAndBlocksThroughSatisfies() {
        assertThatThrownBy(() -> SoftAssertionsProvider.assertSoftly(GradCheckSoftAssertions.class, softly -> {
            softly.assertThat(failed()).passes();
            softly.assertThat(failed()).satisfies(report -> GradCheckAssertions.assertThat(report).block("b").passes());
            softly.assertThat(passed()).passes().hasDifferenceBelow(1e-8);
        })).isInstanceOfSatisfying(MultipleFailuresError.class, error -> assertThat(error.getFailures()).hasSize(2)
                .last().satisfies(last -> assertThat(last).hasMessageContaining("Expecting block b of TinyNet to pass")));
    }

    @Test
    void softlyPassingAssertionsReportNothing() {
        GradCheckSoftAssertions softly = new GradCheckSoftAssertions();

        softly.assertThat(passed()).passes().hasFailingBlocks();
        softly.assertThat(failed()).fails().hasWorstOffenderIn("b");

        assertThat(softly.errorsCollected()).isEmpty();
    }

    // ---- BDD, navigation, descriptions ----

    @Test
    void thenIsAnAliasOfAssertThat() {
        GradCheckBDDAssertions.then(passed()).passes();
        assertThatThrownBy(() -> GradCheckBDDAssertions.then(failed()).passes())
                .hasMessageStartingWith("\nExpecting the analytic gradient of TinyNet to match its numeric gradient");
    }

    @Test
    void theInstanceOfAssertFactoryNavigatesFromAnObjectOrAMap() {
        Object report = failed();
        Map<String, GradientCheckReport> reports = Map.of("tiny", passed());

        assertThat(report).asInstanceOf(GRADIENT_CHECK_REPORT).fails().hasFailingBlocks("b");
        assertThat(reports).extractingByKey("tiny", GRADIENT_CHECK_REPORT).passes();
        assertThatThrownBy(() -> assertThat((Object) "not a report").asInstanceOf(GRADIENT_CHECK_REPORT))
                .hasMessageContaining("to be an instance of:")
                .hasMessageContaining(GradientCheckReport.class.getName());
    }

    @Test
    void asAndWithFailMessageWorkOnEveryAssertion() {
        assertThatThrownBy(() -> GradCheckAssertions.assertThat(passed()).as("broken on purpose").fails())
                .hasMessageStartingWith("[broken on purpose] \nExpecting the gradient check of TinyNet to fail");
        assertThatThrownBy(() -> GradCheckAssertions.assertThat(failed()).withFailMessage("W is off").hasFailingBlocks("W"))
                .hasMessage("W is off");
        assertThatThrownBy(() -> GradCheckAssertions.assertThat(failed()).as("net").block("b").passes())
                .hasMessageStartingWith("[net] \nExpecting block b of TinyNet to pass");
    }

    private static Throwable onlyFailure(Class<?> testClass) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(testClass)).execute();
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        return results.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    // ---- fixtures, run through the engine test kit ----

    @ExtendWith(SoftAssertionsExtension.class)
    static class SoftFieldTestCases {
        @InjectSoftAssertions
        GradCheckSoftAssertions softly;

        @Test
        void everyFailureIsCollected() {
            softly.assertThat(failed()).passes();
            softly.assertThat(failed()).hasFailingBlocks("W");
            softly.assertThat(42).isEqualTo(43);
            softly.assertThat(passed()).passes();
        }
    }

    @ExtendWith(SoftAssertionsExtension.class)
    static class SoftParameterTestCases {
        @Test
        void everyFailureIsCollected(GradCheckSoftAssertions softly) {
            softly.assertThat(failed()).passes();
            softly.assertThat(passed()).fails();
        }
    }

    @ExtendWith(SoftAssertionsExtension.class)
    static class BddSoftTestCases {
        @InjectSoftAssertions
        GradCheckBDDSoftAssertions softly;

        @Test
        void collected() {
            softly.then(passed()).as("seed network").fails();
            softly.then(failed()).fails();
        }
    }
}
