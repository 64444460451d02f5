package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.execute;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import io.github.gradcheck.LayerAtInputs;
import io.github.gradcheck.assertj.GradCheckAssertions;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.LayerResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** A layer as a {@code @ModelUnderTest}: checked, reported, configured and summarised as a model is. */
class LayerExtensionTests {

    @TempDir
    Path dir;

    @Test
    void aCorrectLayerAtItsInputsPassesAndReachesTheMethodWithItsReportAndItself() {
        CorrectLayerTestCases.report = null;
        CorrectLayerTestCases.checked = null;

        EngineExecutionResults results = execute(CorrectLayerTestCases.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("dense (LayerAtInputs)"), finishedSuccessfully()));
        assertThat(CorrectLayerTestCases.report.blocks()).extracting(block -> block.name() + (block.isInput() ? " (input)" : ""))
                .containsExactly("x (input)", "W", "b");
        assertThat(CorrectLayerTestCases.report.layer()).get().extracting(LayerResult::wholeJacobian).isEqualTo(true);
        assertThat(CorrectLayerTestCases.checked).isSameAs(CorrectLayerTestCases.instanceChecked);
    }

    @Test
    void aDxBugFailsTheInvocationByItselfNamingTheInputAndTheWrongJacobianElements() {
        AssertionFailedError failure = (AssertionFailedError) onlyFailure(execute(DxBugTestCases.class).testEvents());

        assertThat(failure.getMessage()).startsWith("""
                Expecting the backward pass of AffineLayer to match the differences of its forward pass, but
                  the gradient with respect to input x is wrong: 1 of 11 elements mismatch beyond 10× their estimated numerical error: x (1)
                  layer 2 outputs: the whole Jacobian, one probe dy = eᵢ per output i; 2 of 2 probes fail; shown: probe\s""");
        assertThat(failure.getMessage()).contains("\n  x (input)  3 ", "  ∂y[0]/∂x[1]  ", "  ∂y[1]/∂x[1]  ");
        // The IDE's diff viewer shows the input block: numeric as expected, analytic as actual.
        assertThat((String) failure.getExpected().getValue()).startsWith("x[0]  ");
        assertThat((String) failure.getActual().getValue()).startsWith("x[0]  ");
    }

    @Test
    void aMethodTakingTheReportAssertsTheBugWithTheLayerAssertions() {
        EngineExecutionResults results = execute(DxBugAssertedTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void aBackwardPassThatBreaksOnlyAContractFailsWithItsSentenceAndNoValuesToCompare() {
        AssertionFailedError failure = (AssertionFailedError) onlyFailure(execute(ContractTestCases.class).testEvents());

        assertThat(failure.isExpectedDefined()).isFalse();
        assertThat(failure.getMessage()).contains(
                "  every element matches within 10× their estimated numerical error, but the backward pass breaks a contract (below)",
                "  broken contracts:\n    backward is not linear in dy: backward(2·dy₁ − 3·dy₂) differs from 2·backward(dy₁)"
                        + " − 3·backward(dy₂) at x[");
    }

    @Test
    void probesAndJacobianOutputsComeFromTheConfigurationParametersOrTheAnnotation() {
        ConfiguredTestCases.reports.clear();

        execute(ConfiguredTestCases.class, Map.of(GradientCheck.PROBES_PROPERTY_NAME, "2",
                GradientCheck.JACOBIAN_OUTPUTS_PROPERTY_NAME, "0"));

        LayerResult fromParameters = ConfiguredTestCases.reports.get("fromParameters").layer().orElseThrow();
        assertThat(fromParameters.wholeJacobian()).isFalse();
        assertThat(fromParameters.probes()).isEqualTo(2);
        LayerResult fromAnnotation = ConfiguredTestCases.reports.get("fromAnnotation").layer().orElseThrow();
        assertThat(fromAnnotation.wholeJacobian()).isFalse();
        assertThat(fromAnnotation.probes()).isEqualTo(5);
    }

    @Test
    void anOutOfRangeProbesParameterIsNamed() {
        Throwable failure = onlyFailure(execute(CorrectLayerTestCases.class, Map.of(GradientCheck.PROBES_PROPERTY_NAME, "0"))
                .containerEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("configuration parameter gradcheck.probes = '0'")
                .hasMessageContaining("does not set @GradientCheck(probes)")
                .hasMessageContaining("a whole number, 1 or more, such as 3");
    }

    @Test
    void aLayerWithoutItsInputsIsRefusedWithHowToGiveThem() {
        Throwable failure = onlyFailure(execute(LayerWithoutInputsTestCases.class).containerEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("has type " + AffineLayer.class.getName())
                .hasMessageContaining("a DifferentiableLayer needs its inputs: declare a LayerAtInputs and assign"
                        + " layer.at(LayerInputs.builder().add(\"x\", x).build())");
    }

    @Test
    void theEndOfRunSummaryMarksTheInputBlockInItsTableHtmlAndJson() throws IOException {
        SummaryRun run = SummaryRun.run(dir, Map.of(), CorrectLayerTestCases.class, DxBugAssertedTestCases.class,
                ContractTestCases.class);

        assertThat(run.console()).contains("CorrectLayerTestCases.check", "dense (LayerAtInputs)", "11 (3 input)");
        // A backward pass that fails on its contract alone says so in its row, though no element mismatches.
        assertThat(run.console().lines().filter(line -> line.contains("ContractTestCases.check")).findFirst().orElseThrow())
                .containsPattern("11 \\(3 input\\) +\\S+ +failed +backward is not linear in dy$");
        String json = Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"name\": \"x\",\n            \"shape\": [3],\n            \"offset\": 0,\n"
                + "            \"size\": 3,\n            \"input\": true,");
        assertThat(json).contains("\"label\": \"∂y[0]/∂x[1]\"", "\"diagnoses\": [\n        \"x (input): ",
                "\"diagnoses\": [\n        \"backward is not linear in dy: backward(2·dy₁ − 3·dy₂) differs from");
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<td>x <span class=\"input\">input</span></td>", "<figcaption>x (input) 3",
                "<h3>Wrong Jacobian elements</h3>");
    }

    // ---- fixtures, run through their own engine ----

    static class CorrectLayerTestCases {
        static GradientCheckReport report;
        static LayerAtInputs checked;
        static LayerAtInputs instanceChecked;

        @ModelUnderTest
        LayerAtInputs dense = AffineLayer.at(AffineLayer.Bug.NONE);

        @GradientCheck
        void check(GradientCheckReport checkReport, LayerAtInputs layer) {
            report = checkReport;
            checked = layer;
            instanceChecked = dense;
            GradCheckAssertions.assertThat(checkReport).passes();
        }
    }

    static class DxBugTestCases {
        @ModelUnderTest
        LayerAtInputs dense = AffineLayer.at(AffineLayer.Bug.DX_1_DOUBLED);

        @GradientCheck
        void check() {
        }
    }

    static class DxBugAssertedTestCases {
        @ModelUnderTest
        LayerAtInputs dense = AffineLayer.at(AffineLayer.Bug.DX_1_DOUBLED);

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).fails().hasFailingBlocks("x")
                    .hasWrongJacobianEntry(0, "x[1]").hasWrongJacobianEntry(1, "x[1]");
        }
    }

    static class ContractTestCases {
        @ModelUnderTest
        LayerAtInputs dense = AffineLayer.at(AffineLayer.Bug.DX_OF_ABSOLUTE_DY);

        @GradientCheck
        void check() {
        }
    }

    static class ConfiguredTestCases {
        static final Map<String, GradientCheckReport> reports = new java.util.concurrent.ConcurrentHashMap<>();

        @ModelUnderTest
        LayerAtInputs dense = AffineLayer.at(AffineLayer.Bug.NONE);

        @GradientCheck
        void fromParameters(GradientCheckReport report) {
            reports.put("fromParameters", report);
        }

        @GradientCheck(probes = 5, jacobianOutputs = 1)
        void fromAnnotation(GradientCheckReport report) {
            reports.put("fromAnnotation", report);
        }
    }

    static class LayerWithoutInputsTestCases {
        @ModelUnderTest
        AffineLayer layer = (AffineLayer) AffineLayer.at(AffineLayer.Bug.NONE).layer();

        @GradientCheck
        void check() {
        }
    }
}
