package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.execute;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.CheckMode;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.StepSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** Where a {@link GradientCheck}'s settings come from, and what it says about settings out of range. */
class CheckConfigurationTests {

    // ---- attributes out of range ----

    @Test
    void negativeEpsilonAttributeFailsTheContainer() {
        assertThat(containerFailure(NegativeEpsilonTestCases.class, Map.of()))
                .hasMessageStartingWith("@GradientCheck(epsilon = -1")
                .hasMessageContaining(NegativeEpsilonTestCases.class.getName() + ".check()")
                .hasMessageContaining("epsilon must be a positive finite number");
    }

    @Test
    void infiniteEpsilonAttributeFailsTheContainer() {
        assertThat(containerFailure(InfiniteEpsilonTestCases.class, Map.of()))
                .hasMessageStartingWith("@GradientCheck(epsilon = Infinity)")
                .hasMessageContaining(InfiniteEpsilonTestCases.class.getName() + ".check()")
                .hasMessageContaining("epsilon must be a positive finite number");
    }

    @Test
    void zeroThresholdAttributeFailsTheContainer() {
        assertThat(containerFailure(ZeroThresholdTestCases.class, Map.of()))
                .hasMessageStartingWith("@GradientCheck(threshold = 0")
                .hasMessageContaining(ZeroThresholdTestCases.class.getName() + ".check()")
                .hasMessageContaining("threshold must be a positive finite number");
    }

    @Test
    void negativeOffendersAttributeFailsTheContainer() {
        assertThat(containerFailure(NegativeOffendersTestCases.class, Map.of()))
                .hasMessageStartingWith("@GradientCheck(offenders = -5)")
                .hasMessageContaining(NegativeOffendersTestCases.class.getName() + ".check()")
                .hasMessageContaining("offenders must be 0 or more");
    }

    // ---- configuration parameters out of range ----

    @Test
    void epsilonParameterThatIsNotANumberFailsTheContainer() {
        assertInvalidEpsilonParameter("abc");
    }

    @Test
    void negativeEpsilonParameterFailsTheContainer() {
        assertInvalidEpsilonParameter("-1");
    }

    @Test
    void nanEpsilonParameterFailsTheContainer() {
        assertInvalidEpsilonParameter("NaN");
    }

    @Test
    void offendersParameterThatIsNotANumberFailsTheContainer() {
        assertThat(containerFailure(RecordingTestCases.class, Map.of("gradcheck.offenders", "x")))
                .hasMessageStartingWith("configuration parameter gradcheck.offenders = 'x'")
                .hasMessageContaining(RecordingTestCases.class.getName() + ".check()")
                .hasMessageContaining("@GradientCheck(offenders)")
                .hasMessageContaining("expected a whole number, 0 or more, such as 10");
    }

    @Test
    void invalidParameterIsIgnoredWhereTheAttributeIsSet() {
        EngineExecutionResults results = execute(EpsilonAttributeTestCases.class, Map.of("gradcheck.epsilon", "abc"));

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    }

    private static void assertInvalidEpsilonParameter(String value) {
        assertThat(containerFailure(RecordingTestCases.class, Map.of("gradcheck.epsilon", value)))
                .hasMessageStartingWith("configuration parameter gradcheck.epsilon = '" + value + "'")
                .hasMessageContaining(RecordingTestCases.class.getName() + ".check()")
                .hasMessageContaining("which does not set @GradientCheck(epsilon)")
                .hasMessageContaining("expected a positive finite number such as 1e-7");
        assertThat(RecordingTestCases.REPORTS).as("no invocation ran").isEmpty();
    }

    private static Throwable containerFailure(Class<?> testClass, Map<String, String> parameters) {
        RecordingTestCases.REPORTS.clear();
        EngineExecutionResults results = execute(testClass, parameters);
        results.testEvents().assertStatistics(stats -> stats.started(0));
        Throwable failure = onlyFailure(results.containerEvents());
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
        return failure;
    }

    // ---- precedence: attribute, then configuration parameter, then default ----

    @Test
    void withoutAttributesOrParametersTheDefaultsApply() {
        CheckSettings settings = recordedSettings(Map.of());

        assertThat(settings).isEqualTo(GradientChecker.defaults().settings());
    }

    @Test
    void modeThreadsAndBudgetsComeFromConfigurationParameters() {
        CheckSettings settings = recordedSettings(Map.of(
                "gradcheck.mode", "sampled",
                "gradcheck.samplesPerBlock", "4",
                "gradcheck.threads", "1",
                "gradcheck.evaluationBudget", "5000",
                "gradcheck.timeBudget", "30s"));

        assertThat(settings.mode()).isEqualTo(CheckMode.SAMPLED);
        assertThat(settings.samplesPerBlock()).isEqualTo(4);
        assertThat(settings.threads()).isEqualTo(1);
        assertThat(settings.evaluationBudget()).isEqualTo(5000);
        assertThat(settings.timeBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(RecordingTestCases.REPORTS.get(0).mode()).isEqualTo(CheckMode.SAMPLED);
        assertThat(recordedSettings(Map.of("gradcheck.mode", "Random-Directions", "gradcheck.timeBudget", "PT2M")))
                .extracting(CheckSettings::mode, CheckSettings::timeBudget)
                .containsExactly(CheckMode.RANDOM_DIRECTIONS, Duration.ofMinutes(2));
    }

    @Test
    void anUnknownModeOrABadDurationNamesTheChoices() {
        assertThat(containerFailure(RecordingTestCases.class, Map.of("gradcheck.mode", "partial")))
                .hasMessageStartingWith("configuration parameter gradcheck.mode = 'partial'")
                .hasMessageContaining("expected one of [full, sampled, random-directions]");
        assertThat(containerFailure(RecordingTestCases.class, Map.of("gradcheck.timeBudget", "soon")))
                .hasMessageStartingWith("configuration parameter gradcheck.timeBudget = 'soon'")
                .hasMessageContaining("expected a duration such as 30s, 500ms, 2m or PT30S");
        assertThat(containerFailure(RecordingTestCases.class, Map.of("gradcheck.threads", "0")))
                .hasMessageContaining("expected a whole number, 1 or more");
    }

    @Test
    void configurationParametersReachTheReportsSettings() {
        CheckSettings settings = recordedSettings(Map.of(
                "gradcheck.epsilon", "1e-5",
                "gradcheck.threshold", " 2.5e-6 ",
                "gradcheck.relativeErrorFloor", "1e-9",
                "gradcheck.offenders", "3"));

        assertThat(settings.step()).isEqualTo(StepSize.fixed(1e-5));
        assertThat(settings.threshold()).isEqualTo(2.5e-6);
        assertThat(settings.relativeErrorFloor()).isEqualTo(1e-9);
        assertThat(settings.offenders()).isEqualTo(3);
    }

    @Test
    void attributeOverridesTheConfigurationParameterForEpsilon() {
        EpsilonAttributeTestCases.epsilon = Double.NaN;

        EngineExecutionResults results = execute(EpsilonAttributeTestCases.class, Map.of("gradcheck.epsilon", "1e-5"));

        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(EpsilonAttributeTestCases.epsilon).isEqualTo(1e-4);
    }

    @Test
    void thresholdParameterLetsAModelWithAFactorTwoBugPass() {
        ThresholdPrecedenceTestCases.REPORTS.clear();

        EngineExecutionResults results = execute(ThresholdPrecedenceTestCases.class, Map.of("gradcheck.threshold", "0.5"));

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("usesTheConfiguredThreshold"), finishedSuccessfully()));
        // The numbers behind it: each element of the doubled block is 1/3 off in relative error, below 0.5.
        assertThat(ThresholdPrecedenceTestCases.REPORTS).hasSize(1);
        GradientCheckReport report = ThresholdPrecedenceTestCases.REPORTS.get(0);
        assertThat(report.settings().threshold()).isEqualTo(0.5);
        assertThat(report.passed()).isTrue();
        assertThat(report.block("b").difference()).isCloseTo(1.0 / 3, within(1e-6));
        assertThat(report.block("W").difference()).isLessThan(1e-6);
        assertThat(report.difference()).isGreaterThan(1e-6).isLessThan(1.0 / 3);
    }

    @Test
    void thresholdAttributeOverridesTheParameterAndFailsAgain() {
        ThresholdPrecedenceTestCases.REPORTS.clear();

        EngineExecutionResults results = execute(ThresholdPrecedenceTestCases.class, Map.of("gradcheck.threshold", "0.5"));

        results.testEvents().assertThatEvents().haveExactly(1, event(test("setsItsOwnThreshold"),
                finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("Expecting the analytic gradient of SmallModel")
                                && m.contains("3 of 9 elements mismatch")))));
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    }

    @Test
    void withoutTheThresholdParameterTheFactorTwoBugFails() {
        ThresholdPrecedenceTestCases.REPORTS.clear();

        EngineExecutionResults results = execute(ThresholdPrecedenceTestCases.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("usesTheConfiguredThreshold"), finishedWithFailure(
                        instanceOf(AssertionFailedError.class), message(m -> m.contains("3 of 9 elements mismatch")))))
                .haveExactly(1, event(test("setsItsOwnThreshold"), finishedWithFailure(
                        instanceOf(AssertionFailedError.class), message(m -> m.contains("3 of 9 elements mismatch")))));
    }

    @Test
    void aJitteryLossIsRefusedUnderTheDefaultNondeterminismTolerance() {
        JitteryModel replayed = new JitteryModel();
        double first = replayed.loss();
        double second = replayed.loss();

        EngineExecutionResults results = execute(ToleranceTestCases.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("usesTheConfiguredTolerance"),
                finishedWithFailure(instanceOf(GradientCheckException.class), message("the loss of JitteryModel is not"
                        + " deterministic: two evaluations at the same parameters gave " + first + " and " + second
                        + " (they differ by " + String.format(Locale.ROOT, "%.2e", second - first) + ", over the"
                        + " nondeterminism tolerance of 1e-10 relatively). A gradient check compares losses a step"
                        + " apart, so every evaluation must see the same function: turn dropout off (keep-prob = 1),"
                        + " reset the random seed before every evaluation, and freeze batch statistics (evaluation"
                        + " mode)."))));
    }

    @Test
    void theNondeterminismToleranceComesFromTheParameterOrTheAttribute() {
        ToleranceTestCases.REPORTS.clear();

        EngineExecutionResults results = execute(ToleranceTestCases.class,
                Map.of("gradcheck.nondeterminismTolerance", "1e-9"));

        // usesTheConfiguredTolerance passes under the parameter's 1e-9; the attribute's 1e-8 wins over it.
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(ToleranceTestCases.REPORTS).extracting(report -> report.settings().nondeterminismTolerance())
                .containsExactly(1e-8);
        assertThat(recordedSettings(Map.of("gradcheck.nondeterminismTolerance", "2.5e-7")).nondeterminismTolerance())
                .isEqualTo(2.5e-7);

        ToleranceTestCases.REPORTS.clear();
        execute(ToleranceTestCases.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("setsItsOwnTolerance"), finishedSuccessfully()));
        assertThat(ToleranceTestCases.REPORTS).extracting(report -> report.settings().nondeterminismTolerance())
                .containsExactly(1e-8);
        assertThat(containerFailure(RecordingTestCases.class, Map.of("gradcheck.nondeterminismTolerance", "0")))
                .hasMessageStartingWith("configuration parameter gradcheck.nondeterminismTolerance = '0'");
    }

    private static CheckSettings recordedSettings(Map<String, String> parameters) {
        RecordingTestCases.REPORTS.clear();
        EngineExecutionResults results = execute(RecordingTestCases.class, parameters);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(RecordingTestCases.REPORTS).hasSize(1);
        return RecordingTestCases.REPORTS.get(0).settings();
    }

    // ---- fixtures, run through the engine test kit ----

    static class RecordingTestCases {
        static final List<GradientCheckReport> REPORTS = new ArrayList<>();

        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck
        void check(GradientCheckReport report) {
            REPORTS.add(report);
        }
    }

    static class EpsilonAttributeTestCases {
        static double epsilon;

        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck(epsilon = 1e-4)
        void check(GradientCheckReport report) {
            epsilon = report.settings().step().relative() ? Double.NaN : report.settings().step().value();
        }
    }

    static class ThresholdPrecedenceTestCases {
        static final List<GradientCheckReport> REPORTS = new ArrayList<>();

        @ModelUnderTest
        SmallModel model = SmallModel.buggy();

        @GradientCheck
        void usesTheConfiguredThreshold() {
        }

        @GradientCheck
        void recordsTheReport(GradientCheckReport report) {
            REPORTS.add(report);
        }

        @GradientCheck(threshold = 1e-6)
        void setsItsOwnThreshold() {
        }
    }

    /** A correct SmallModel whose every second loss is 2e-9 higher: about 1.6e-10 of J ≈ 12.2. */
    static final class JitteryModel implements DifferentiableModel {
        private final SmallModel model = SmallModel.correct();
        private int evaluations;

        @Override
        public ParameterArrays parameters() {
            return model.parameters();
        }

        @Override
        public double loss() {
            return model.loss() + (++evaluations % 2 == 0 ? 2e-9 : 0);
        }

        @Override
        public ParameterArrays gradient() {
            return model.gradient();
        }
    }

    static class ToleranceTestCases {
        static final List<GradientCheckReport> REPORTS = new ArrayList<>();

        @ModelUnderTest
        JitteryModel model = new JitteryModel();

        @GradientCheck
        void usesTheConfiguredTolerance() {
        }

        @GradientCheck(nondeterminismTolerance = 1e-8)
        void setsItsOwnTolerance(GradientCheckReport report) {
            REPORTS.add(report);
        }
    }

    static class NegativeEpsilonTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck(epsilon = -1)
        void check() {
        }
    }

    static class InfiniteEpsilonTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck(epsilon = Double.POSITIVE_INFINITY)
        void check() {
        }
    }

    static class ZeroThresholdTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck(threshold = 0)
        void check() {
        }
    }

    static class NegativeOffendersTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck(offenders = -5)
        void check() {
        }
    }
}
