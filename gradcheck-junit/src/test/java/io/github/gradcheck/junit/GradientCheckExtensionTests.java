package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.execute;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.ModelStates;
import java.util.ArrayList;
import java.util.List;
import io.github.gradcheck.assertj.GradCheckAssertions;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** What one {@link GradientCheck} invocation does with a model: pass, fail, or fail to check. */
class GradientCheckExtensionTests {

    @Test
    @DisplayName("a correct model and a method taking the report: one passing invocation named after the field and its type")
    void correctModelWithReportParameterPasses() {
        EngineExecutionResults results = execute(CorrectModelWithReportTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("model (SmallModel)"), finishedSuccessfully()));
    }

    @Test
    void displayNameUsesTheDeclaredTypeNotTheRuntimeClass() {
        EngineExecutionResults results = execute(DeclaredAsInterfaceTestCases.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("net (DifferentiableModel)"), finishedSuccessfully()));
    }

    @Test
    void correctModelWithoutReportParameterPasses() {
        EngineExecutionResults results = execute(CorrectModelWithoutReportTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void buggyModelWithoutReportParameterFailsWithTheReportMessage() {
        EngineExecutionResults results = execute(BuggyModelWithoutReportTestCases.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("model (SmallModel)"),
                finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("Expecting the analytic gradient of SmallModel to match its numeric gradient")))));
        Throwable failure = onlyFailure(results.testEvents());
        assertThat(failure.getMessage())
                .contains("worst offenders (3 of 3 mismatches)")
                .contains("b[0]", "b[1]", "b[2]")
                .doesNotContain("W[");
        // The block table lists the worst block first: b, not W.
        assertThat(failure.getMessage().indexOf("\n  b ")).isPositive()
                .isLessThan(failure.getMessage().indexOf("\n  W "));
    }

    @Test
    void theFailureCarriesTheWorstBlocksNumericAsExpectedAndAnalyticAsActualForTheIdesDiffViewer() {
        EngineExecutionResults results = execute(BuggyModelWithoutReportTestCases.class);

        AssertionFailedError failure = (AssertionFailedError) onlyFailure(results.testEvents());
        String expected = (String) failure.getExpected().getValue();
        String actual = (String) failure.getActual().getValue();
        // b's analytic gradient is 2 cos(b), its numeric one cos(b), at b = (0.1, 0.2, -0.3).
        assertThat(expected).isEqualTo("b[0]  " + sixDigits(Math.cos(0.1)) + "\nb[1]  " + sixDigits(Math.cos(0.2))
                + "\nb[2]  " + sixDigits(Math.cos(-0.3)));
        assertThat(actual).isEqualTo("b[0]  " + sixDigits(2 * Math.cos(0.1)) + "\nb[1]  " + sixDigits(2 * Math.cos(0.2))
                + "\nb[2]  " + sixDigits(2 * Math.cos(-0.3)));
    }

    private static String sixDigits(double value) {
        return String.format(java.util.Locale.ROOT, "%.6g", value);
    }

    @Test
    void buggyModelWithReportParameterLetsTheMethodDecide() {
        EngineExecutionResults results = execute(BuggyModelAssertedToFailTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        assertThat(BuggyModelAssertedToFailTestCases.methodRan).isTrue();
    }

    @Test
    void buggyModelWithReportParameterThatAssertsPassesFailsWithTheSameOpening() {
        EngineExecutionResults results = execute(BuggyModelAssertedToPassTestCases.class);

        Throwable failure = onlyFailure(results.testEvents());
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("b[1]");
        // AssertJ puts its messages on a fresh line; the text itself opens as the extension's does.
        assertThat(failure.getMessage().strip())
                .startsWith("Expecting the analytic gradient of SmallModel to match its numeric gradient");
    }

    @Test
    void methodsOwnFailureIsReportedRatherThanTheCheck() {
        EngineExecutionResults results = execute(BuggyModelMethodFailsByItselfTestCases.class);

        Throwable failure = onlyFailure(results.testEvents());
        assertThat(failure).isInstanceOf(AssertionFailedError.class).hasMessage("the method's own failure");
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void modelAssignedInBeforeEachIsChecked() {
        EngineExecutionResults results = execute(ModelFromBeforeEachTestCases.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("model (SmallModel)"),
                finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("Expecting the analytic gradient of SmallModel")))));
    }

    @Test
    void throwingLossFailsWithGradientCheckExceptionNamingTheElementAndKeepingTheCause() {
        ThrowingModelTestCases.created = null;
        ThrowingModelTestCases.methodRan = false;

        EngineExecutionResults results = execute(ThrowingModelTestCases.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("throwing (SmallModel)"),
                finishedWithFailure(instanceOf(GradientCheckException.class))));
        Throwable failure = onlyFailure(results.testEvents());
        assertThat(failure)
                .hasMessageContaining("SmallModel.loss() threw java.lang.IllegalStateException (planted failure)")
                .hasMessageContaining("at b[1] + ε (flat index 7")
                .hasMessageContaining("restored")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("planted failure");
        assertThat(ThrowingModelTestCases.methodRan).isFalse();
    }

    @Test
    void throwingLossLeavesTheParametersBitForBitAsBefore() {
        ThrowingModelTestCases.created = null;

        execute(ThrowingModelTestCases.class);

        assertThat(ThrowingModelTestCases.created).isNotNull();
        assertThat(ThrowingModelTestCases.created.parameterBits())
                .containsExactly(SmallModel.throwingAtB1().parameterBits());
    }

    @Test
    void nanLossFailsWithGradientCheckExceptionNamingTheElement() {
        NanModelTestCases.created = null;

        EngineExecutionResults results = execute(NanModelTestCases.class);

        Throwable failure = onlyFailure(results.testEvents());
        assertThat(failure).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("the loss of SmallModel is NaN at b[1] − ε (flat index 7")
                .hasMessageContaining("restored");
    }

    @Test
    void nanLossLeavesTheParametersBitForBitAsBefore() {
        NanModelTestCases.created = null;

        execute(NanModelTestCases.class);

        assertThat(NanModelTestCases.created).isNotNull();
        assertThat(NanModelTestCases.created.parameterBits())
                .containsExactly(SmallModel.nanAtB1().parameterBits());
    }

    // ---- fixtures, run through the engine test kit ----

    @Test
    void aReportAskedForInBeforeEachIsAClearErrorAndAfterEachGetsIt() {
        ReportInLifecycleTestCases.afterEachReport = null;

        EngineExecutionResults results = execute(ReportInLifecycleTestCases.class);

        Throwable failure = onlyFailure(results.testEvents());
        assertThat(failure).isInstanceOf(ParameterResolutionException.class)
                .hasMessage("parameter report of before() cannot be resolved yet: the gradient check of model 'model' runs"
                        + " just before the @GradientCheck method, so its report and model can be injected there and"
                        + " in @AfterEach methods, not in @BeforeEach methods");
        assertThat(ReportInLifecycleTestCases.afterEachReport).isNull();

        EngineExecutionResults afterOnly = execute(ReportInAfterEachTestCases.class);
        afterOnly.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(ReportInAfterEachTestCases.afterEachReport).isNotNull();
        assertThat(ReportInAfterEachTestCases.afterEachReport.passed()).isTrue();
    }

    @Test
    void modelStatesAreCheckedOneInvocationEachFromAFreshModel() {
        ModelStatesTestCases.SEEN.clear();

        EngineExecutionResults results = execute(ModelStatesTestCases.class);

        assertThat(GradientCheckTestKit.finishedTestNames(results)).containsExactly(
                "model @ at init (SmallModel)", "model @ after a step (SmallModel)", "model @ after two steps (SmallModel)");
        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertThat(ModelStatesTestCases.SEEN).containsExactly(
                "SmallModel @ at init, b[0] = 0.1",
                "SmallModel @ after a step, b[0] = 0.6",
                "SmallModel @ after two steps, b[0] = 1.1");
    }

    @Test
    void modelStatesFromAnInstanceMemberAreAClearError() {
        EngineExecutionResults results = execute(InstanceModelStatesTestCases.class);

        assertThat(onlyFailure(results.containerEvents()))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessageContaining(InstanceModelStatesTestCases.class.getName() + ".model()")
                .hasMessageContaining("gives ModelStates and must be static");
    }

    static class CorrectModelWithReportTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).passes();
        }
    }

    static class DeclaredAsInterfaceTestCases {
        @ModelUnderTest
        DifferentiableModel net = SmallModel.correct();

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).passes();
        }
    }

    static class CorrectModelWithoutReportTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck
        void check() {
        }
    }

    static class BuggyModelWithoutReportTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.buggy();

        @GradientCheck
        void check() {
        }
    }

    static class BuggyModelAssertedToFailTestCases {
        static boolean methodRan;

        @ModelUnderTest
        SmallModel model = SmallModel.buggy();

        @BeforeEach
        void reset() {
            methodRan = false;
        }

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).fails().hasFailingBlocks("b").hasWorstOffenderIn("b");
            methodRan = true;
        }
    }

    static class BuggyModelAssertedToPassTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.buggy();

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).passes();
        }
    }

    static class BuggyModelMethodFailsByItselfTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.buggy();

        @GradientCheck
        void check() {
            fail("the method's own failure");
        }
    }

    static class ModelFromBeforeEachTestCases {
        @ModelUnderTest
        SmallModel model;

        @BeforeEach
        void createModel() {
            model = SmallModel.buggy();
        }

        @GradientCheck
        void check() {
        }
    }

    static class ThrowingModelTestCases {
        static SmallModel created;
        static boolean methodRan;

        @ModelUnderTest
        static SmallModel throwing() {
            created = SmallModel.throwingAtB1();
            return created;
        }

        @GradientCheck
        void check(GradientCheckReport report) {
            methodRan = true;
        }
    }

    static class NanModelTestCases {
        static SmallModel created;

        @ModelUnderTest
        static SmallModel nan() {
            created = SmallModel.nanAtB1();
            return created;
        }

        @GradientCheck
        void check(GradientCheckReport report) {
        }
    }

    static class ReportInLifecycleTestCases {
        static GradientCheckReport afterEachReport;

        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @BeforeEach
        void before(GradientCheckReport report) {
        }

        @GradientCheck
        void check() {
        }

        @AfterEach
        void after(GradientCheckReport report) {
            afterEachReport = report;
        }
    }

    static class ReportInAfterEachTestCases {
        static GradientCheckReport afterEachReport;

        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck
        void check() {
        }

        @AfterEach
        void after(GradientCheckReport report) {
            afterEachReport = report;
        }
    }

    static class ModelStatesTestCases {
        static final List<String> SEEN = new ArrayList<>();

        @ModelUnderTest
        static ModelStates<SmallModel> model() {
            return ModelStates.of("at init", SmallModel::correct)
                    .then("after a step", m -> m.b[0] += 0.5)
                    .then("after two steps", m -> m.b[0] += 0.5);
        }

        @GradientCheck
        void check(GradientCheckReport report, SmallModel model) {
            GradCheckAssertions.assertThat(report).passes();
            SEEN.add(report.modelName() + ", b[0] = " + Math.round(model.b[0] * 10) / 10.0);
        }
    }

    static class InstanceModelStatesTestCases {
        @ModelUnderTest
        ModelStates<SmallModel> model() {
            return ModelStates.of("at init", SmallModel::correct);
        }

        @GradientCheck
        void check() {
        }
    }
}
