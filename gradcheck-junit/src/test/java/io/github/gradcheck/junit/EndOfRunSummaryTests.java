package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.ModelStates;
import io.github.gradcheck.assertj.GradCheckAssertions;
import io.github.gradcheck.report.GradientCheckReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** The end-of-run summary as a user meets it: the console table and the two files, or silence. */
class EndOfRunSummaryTests {

    @TempDir
    Path dir;

    // ---- the report entries: a published interface ----

    @Test
    void eachInvocationPublishesOneEntryWithTheDocumentedKeysInOrder() {
        EngineExecutionResults results = execute(BuggyTestCases.class);

        List<Map<String, String>> entries = entries(results);
        assertThat(entries).hasSize(1);
        Map<String, String> entry = entries.get(0);
        assertThat(entry.keySet()).containsExactly("gradcheck.model", "gradcheck.verdict", "gradcheck.parameters",
                "gradcheck.mismatches", "gradcheck.difference", "gradcheck.diagnosis", "gradcheck.worstOffender");
        assertThat(entry).containsEntry("gradcheck.model", "SmallModel")
                .containsEntry("gradcheck.verdict", "failed")
                .containsEntry("gradcheck.parameters", "9")
                .containsEntry("gradcheck.mismatches", "3");
        assertThat(Double.parseDouble(entry.get("gradcheck.difference"))).isBetween(0.01, 0.5);
        assertThat(entry.get("gradcheck.diagnosis")).startsWith("b: analytic b ≈ 2.00 × numeric");
        assertThat(entry.get("gradcheck.worstOffender")).matches("b\\[[0-2]]");
    }

    @Test
    void aPassingCheckSaysNoneWhereThereIsNothingToSay() {
        Map<String, String> entry = entries(execute(CorrectTestCases.class)).get(0);

        assertThat(entry).containsEntry("gradcheck.verdict", "passed")
                .containsEntry("gradcheck.mismatches", "0")
                .containsEntry("gradcheck.diagnosis", "none");
    }

    @Test
    void aModelThatCannotBeCheckedPublishesAnErrorEntry() {
        Map<String, String> entry = entries(execute(ThrowingTestCases.class)).get(0);

        assertThat(entry.keySet()).containsExactly("gradcheck.model", "gradcheck.verdict", "gradcheck.error");
        assertThat(entry).containsEntry("gradcheck.model", "SmallModel").containsEntry("gradcheck.verdict", "error");
        assertThat(entry.get("gradcheck.error")).contains("SmallModel.loss() threw java.lang.IllegalStateException");
    }

    @Test
    void theKeysAreTheConstantsOfGradCheckReportEntry() {
        assertThat(List.of(GradCheckReportEntry.MODEL, GradCheckReportEntry.VERDICT, GradCheckReportEntry.PARAMETERS,
                GradCheckReportEntry.MISMATCHES, GradCheckReportEntry.DIFFERENCE, GradCheckReportEntry.DIAGNOSIS,
                GradCheckReportEntry.WORST_OFFENDER, GradCheckReportEntry.ERROR)).containsExactly(
                "gradcheck.model", "gradcheck.verdict", "gradcheck.parameters", "gradcheck.mismatches",
                "gradcheck.difference", "gradcheck.diagnosis", "gradcheck.worstOffender", "gradcheck.error");
    }

    // ---- the summary after a run ----

    @Test
    void oneTableOfEveryCheckOfEveryClassThenWhereTheFilesAre() throws IOException {
        SummaryRun run = SummaryRun.run(dir, Map.of(), CorrectTestCases.class, BuggyTestCases.class, StatesTestCases.class);

        List<String> lines = run.console().lines().toList();
        assertThat(lines.get(0)).isEqualTo("gradcheck: 6 gradient checks: 5 passed, 1 failed");
        assertThat(lines.get(1)).matches(" {2}test +model / state +parameters +difference +verdict +diagnosis");
        assertThat(lines.get(2)).matches(" {2}EndOfRunSummaryTests\\.CorrectTestCases\\.check +model \\(SmallModel\\) +9 +\\d\\.\\d{3}e-\\d\\d +passed");
        assertThat(lines.get(3)).matches(" {2}EndOfRunSummaryTests\\.BuggyTestCases\\.check +model \\(SmallModel\\) +9 +\\d\\.\\d{3}e-\\d\\d +failed"
                + " +analytic b ≈ 2\\.00 × numeric");
        assertThat(lines.get(4)).contains("StatesTestCases.check", "model @ at init (SmallModel)", "passed");
        assertThat(lines.get(5)).contains("StatesTestCases.check", "model @ after a step (SmallModel)", "passed");
        assertThat(lines.get(6)).contains("StatesTestCases.checkAgain", "model @ at init (SmallModel)", "passed");
        assertThat(lines.get(7)).contains("StatesTestCases.checkAgain", "model @ after a step (SmallModel)", "passed");
        assertThat(lines.get(8)).isEqualTo("  report: " + dir.resolve("index.html").toAbsolutePath().toUri());
        assertThat(lines.get(9)).isEqualTo("  json:   " + dir.resolve("report.json").toAbsolutePath());
        assertThat(lines).hasSize(10);

        String json = Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"totals\": {\n    \"checks\": 6,\n    \"passed\": 5,\n    \"failed\": 1,\n    \"errors\": 0\n  }");
        assertThat(count(json, "\"report\": {")).as("every check carries its full report").isEqualTo(6);
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(count(html, "<section class=\"check ")).isEqualTo(6);
        assertThat(count(html, "<figure class=\"block-heatmap\"")).as("two blocks per check").isEqualTo(12);
    }

    @Test
    void theFilesGoToADirectoryMadeForThemAndReplaceAnOlderLongerSummaryAsUtf8() throws IOException {
        Path nested = dir.resolve("build/reports/gradcheck");
        SummaryRun.run(nested, Map.of(), BuggyTestCases.class);
        assertThat(nested.resolve("report.json")).isRegularFile();
        Files.writeString(nested.resolve("report.json"), "{\"older\": \"" + "x".repeat(200_000) + "\"}\n", StandardCharsets.UTF_8);

        SummaryRun.run(nested, Map.of(), BuggyTestCases.class);

        // Read strictly: a byte that is not UTF-8 throws. The words outside Latin-1 arrive as written.
        String json = Files.readString(nested.resolve("report.json"), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\n  \"format\": \"gradcheck-junit summary\"").endsWith("\n}\n")
                .contains("analytic b ≈ 2.00 × numeric").doesNotContain("older");
        String html = Files.readString(nested.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>\n").endsWith("</body>\n</html>\n")
                .contains("|analytic − numeric| / (|analytic| + |numeric|)");
    }

    @Test
    void theSummaryKeepsTheTestsOwnOutcomeBesideTheVerdict() throws IOException {
        SummaryRun.run(dir, Map.of(), BuggyExpectedToFailTestCases.class);

        String json = Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"outcome\": \"successful\"").contains("\"verdict\": \"failed\"");
    }

    @Test
    void aModelThatCannotBeCheckedIsARowWithItsError() {
        SummaryRun run = SummaryRun.run(dir, Map.of(), ThrowingTestCases.class);

        assertThat(run.console()).startsWith("gradcheck: 1 gradient check: 0 passed, 0 failed, 1 could not be checked\n");
        assertThat(run.console().lines().skip(2).findFirst().orElseThrow())
                .contains("ThrowingTestCases.check", "throwing (SmallModel)", "error", "SmallModel.loss() threw");
    }

    @Test
    void silentAndNoFilesWhenNoCheckRan() {
        SummaryRun run = SummaryRun.run(dir.resolve("summary"), Map.of(), NoCheckTestCases.class);

        assertThat(run.tests().getTestsSucceededCount()).isEqualTo(1);
        assertThat(run.console()).isEmpty();
        assertThat(dir.resolve("summary")).doesNotExist();
    }

    @Test
    void enabledFalseTurnsItOff() {
        SummaryRun run = SummaryRun.run(dir.resolve("summary"), Map.of("gradcheck.report.enabled", "false"),
                CorrectTestCases.class);

        assertThat(run.tests().getTestsSucceededCount()).isEqualTo(1);
        assertThat(run.console()).isEmpty();
        assertThat(dir.resolve("summary")).doesNotExist();
    }

    @Test
    void anEnabledValueThatIsNotABooleanIsNamedAndTheDefaultApplies() {
        SummaryRun run = SummaryRun.run(dir, Map.of("gradcheck.report.enabled", "yes"), CorrectTestCases.class);

        assertThat(run.console()).startsWith("gradcheck: configuration parameter gradcheck.report.enabled = 'yes' is"
                + " neither true nor false; writing the summary as by default (set it to false to turn it off)\n"
                + "gradcheck: 1 gradient check: 1 passed, 0 failed\n");
        assertThat(dir.resolve("index.html")).exists();
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsNamedAndTheRunGoesOn() throws IOException {
        Path file = Files.writeString(dir.resolve("occupied"), "a file, not a directory");

        SummaryRun run = SummaryRun.run(file, Map.of(), CorrectTestCases.class);

        assertThat(run.tests().getTestsSucceededCount()).isEqualTo(1);
        assertThat(run.console()).contains("gradcheck: could not write the summary to " + file.toAbsolutePath())
                .contains("set the configuration parameter gradcheck.report.dir to a writable directory")
                .contains("gradcheck: 1 gradient check: 1 passed, 0 failed");
    }

    @Test
    void underParallelExecutionEveryCheckIsListedInPlanOrderWithItsFullReport() throws IOException {
        SummaryRun run = SummaryRun.run(dir, Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent"),
                ParallelTestCases.class, CorrectTestCases.class, BuggyTestCases.class);

        assertThat(run.tests().getTestsSucceededCount()).isEqualTo(6);
        List<String> tests = run.console().lines().skip(2).limit(8).map(line -> line.trim().split(" +")[0]).toList();
        assertThat(tests).containsExactly(
                "EndOfRunSummaryTests.ParallelTestCases.check1", "EndOfRunSummaryTests.ParallelTestCases.check2",
                "EndOfRunSummaryTests.ParallelTestCases.check3", "EndOfRunSummaryTests.ParallelTestCases.check4",
                "EndOfRunSummaryTests.CorrectTestCases.check", "EndOfRunSummaryTests.BuggyTestCases.check",
                "report:", "json:");
        String json = Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8);
        assertThat(count(json, "\"report\": {")).isEqualTo(6);
    }

    @Test
    void theListenerIsRegisteredForServiceLoaderAndWritesTheDefaultDirectoryRelativeToTheWorkingDirectory() {
        assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(GradientCheckSummaryListener.class);
        assertThat(GradientCheckSummaryListener.DEFAULT_DIRECTORY).isEqualTo("target/gradcheck");
    }

    @Test
    void aLauncherThatLoadsListenersFromTheClasspathWritesTheSummary() throws IOException {
        Path summary = dir.resolve("auto");
        Launcher launcher = LauncherFactory.create();   // registers listeners found by ServiceLoader, as build tools do

        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(BuggyTestCases.class))
                .configurationParameter(GradientCheckSummaryListener.DIRECTORY_PROPERTY_NAME, summary.toString())
                .build());

        assertThat(Files.readString(summary.resolve("report.json"), StandardCharsets.UTF_8))
                .contains("\"test\": \"EndOfRunSummaryTests.BuggyTestCases.check\"", "\"verdict\": \"failed\"");
        assertThat(summary.resolve("index.html")).exists();
    }

    private static List<Map<String, String>> entries(EngineExecutionResults results) {
        return results.allEvents().stream()
                .filter(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(Event::getPayload).map(payload -> payload.orElseThrow())
                .map(ReportEntry.class::cast)
                .map(ReportEntry::getKeyValuePairs)
                .toList();
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    // ---- fixtures, run through their own launcher ----

    static class CorrectTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck
        void check() {
        }
    }

    static class BuggyTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.buggy();

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).fails();
        }
    }

    static class BuggyExpectedToFailTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.buggy();

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).fails();
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class StatesTestCases {
        @ModelUnderTest
        static ModelStates<SmallModel> model() {
            return ModelStates.of("at init", SmallModel::correct).then("after a step", m -> m.b[0] += 0.5);
        }

        @GradientCheck
        void check() {
        }

        @GradientCheck(model = "model")
        void checkAgain() {
        }
    }

    static class ThrowingTestCases {
        @ModelUnderTest
        static SmallModel throwing() {
            return SmallModel.throwingAtB1();
        }

        @GradientCheck
        void check() {
        }
    }

    static class NoCheckTestCases {
        @Test
        void plainTest() {
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ParallelTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck
        void check1() {
        }

        @GradientCheck
        void check2() {
        }

        @GradientCheck
        void check3() {
        }

        @GradientCheck
        void check4() {
        }
    }
}
