package io.github.gradcheck.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LayerCheckTest {

    @Test
    void aCorrectDenseLayerPassesWithItsInputAndParametersAsBlocks() {
        DenseLayer layer = new DenseLayer(3, 4, 1, DenseLayer.Bug.NONE);
        double[] x = DenseLayer.input(4, 1);
        GradientCheckReport report = GradientChecker.defaults().check(layer, LayerInputs.builder().add("x", x).build());

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.blocks()).extracting(BlockSummary::name).containsExactly("x", "W", "b");
        assertThat(report.blocks()).extracting(BlockSummary::isInput).containsExactly(true, false, false);
        LayerResult layer3 = report.layer().orElseThrow();
        assertThat(layer3.wholeJacobian()).isTrue();
        assertThat(layer3.probes()).isEqualTo(3);
        assertThat(layer3.brokenContracts()).isEmpty();
    }

    @Test
    void probesShareTheirForwardCalls() {
        int n = 4 + 3 * 4 + 3;
        DenseLayer one = new DenseLayer(3, 4, 1, DenseLayer.Bug.NONE);
        LayerResult single = GradientChecker.defaults().withJacobianOutputs(0).withProbes(1)
                .check(one, LayerInputs.builder().add("x", DenseLayer.input(4, 1)).build()).layer().orElseThrow();
        LayerResult three = GradientChecker.defaults().withJacobianOutputs(0).withProbes(3)
                .check(one, LayerInputs.builder().add("x", DenseLayer.input(4, 1)).build()).layer().orElseThrow();
        // 2N element calls once; each probe adds only its fixed evaluations.
        long fixedPerProbe = single.forwardCalls() - 2 - 2L * n;
        assertThat(three.forwardCalls()).isEqualTo(2 + 2L * n + 3 * fixedPerProbe);
        assertThat(single.backwardCalls()).isEqualTo(2 + 1 + 1);
        assertThat(three.backwardCalls()).isEqualTo(3 * 2 + 1);
    }

    @Test
    void aProbeCostsOneForwardCallUnlessItsElementsNeedTheNoiseAndEveryFailingProbeMeasuredIt() {
        int n = 4 + 3 * 4 + 3;
        LayerInputs inputs = LayerInputs.builder().add("x", DenseLayer.input(4, 1)).build();
        GradientChecker checker = GradientChecker.defaults().withJacobianOutputs(0).withProbes(3);

        GradientCheckReport correct = checker.check(new DenseLayer(3, 4, 1, DenseLayer.Bug.NONE), inputs);
        LayerResult calls = correct.layer().orElseThrow();
        // 2 for determinism, 2N shared by the probes, 1 per probe at θ; a probe whose elements did not all
        // match with the least noise also takes the second loss at θ, 8 for the noise and 5 per block (B = 3).
        assertThat(calls.probesWithNoiseEstimate()).isBetween(0, 3);
        assertThat(calls.forwardCalls()).isEqualTo(2 + 2L * n + 6 + calls.probesWithNoiseEstimate() * (8 + 5 * 3));
        assertThat(correct.noiseEstimated()).isEqualTo(calls.probesWithNoiseEstimate() == 3);

        // A probe that fails mismatches with its measured noise, so with the least noise too: it went on to measure it.
        GradientCheckReport wrong = checker.check(new DenseLayer(3, 4, 1, DenseLayer.Bug.DW_SIGN), inputs);
        LayerResult wrongCalls = wrong.layer().orElseThrow();
        assertThat(wrong.passed()).isFalse();
        assertThat(wrongCalls.failedProbes()).isPositive();
        assertThat(wrongCalls.probesWithNoiseEstimate()).isGreaterThanOrEqualTo(wrongCalls.failedProbes());
        assertThat(wrong.noiseEstimated()).isTrue();
        assertThat(wrong.blocks()).allSatisfy(block -> assertThat(block.taylor().ran()).isTrue());
    }

    @Test
    void aWrongInputGradientFailsInTheInputBlockAndNamesTheJacobianElements() {
        DenseLayer layer = new DenseLayer(3, 4, 2, DenseLayer.Bug.DX_ONE_ELEMENT_DOUBLED);
        double[] x = DenseLayer.input(4, 2);
        double[] before = x.clone();
        GradientCheckReport report = GradientChecker.defaults().check(layer, LayerInputs.builder().add("x", x).build());

        assertThat(report.passed()).isFalse();
        assertThat(report.block("x").passed()).isFalse();
        assertThat(report.block("W").passed()).isTrue();
        assertThat(report.worstOffenders().get(0).parameter()).isEqualTo("x[1]");
        assertThat(report.layer().orElseThrow().wrongJacobianEntries()).extracting(JacobianEntry::output)
                .containsExactly(0, 1, 2);
        assertThat(report.layer().orElseThrow().wrongJacobianEntries())
                .allSatisfy(entry -> assertThat(entry.element().parameter()).isEqualTo("x[1]"));
        assertThat(x).isEqualTo(before);
    }

    @Test
    void randomProbesFindAWrongInputGradientOfAWideLayer() {
        DenseLayer layer = new DenseLayer(20, 20, 3, DenseLayer.Bug.DX_NOT_TRANSPOSED);
        GradientCheckReport report = GradientChecker.defaults()
                .check(layer, LayerInputs.builder().add("x", DenseLayer.input(20, 3)).build());

        assertThat(report.layer().orElseThrow().wholeJacobian()).isFalse();
        assertThat(report.block("x").passed()).isFalse();
        assertThat(report.block("W").passed()).isTrue();
        assertThat(report.block("b").passed()).isTrue();
    }

    @Test
    void aBackwardPassWithATermThatIgnoresDyBreaksLinearity() {
        DenseLayer layer = new DenseLayer(3, 4, 4, DenseLayer.Bug.BIAS_GRADIENT_CONSTANT);
        GradientCheckReport report = GradientChecker.defaults()
                .check(layer, LayerInputs.builder().add("x", DenseLayer.input(4, 4)).build());

        assertThat(report.passed()).isFalse();
        BrokenContract contract = report.layer().orElseThrow().brokenContracts().get(0);
        assertThat(contract.kind()).isEqualTo(BrokenContract.Kind.LINEAR_IN_DY);
        assertThat(contract.element()).startsWith("b[");
        // backward(a·dy₁ + b·dy₂) = a·g₁ + b·g₂ + c against a·(g₁ + c) + b·(g₂ + c): off by (1 − a − b)·c = 2 · 0.5
        assertThat(contract.actual() - contract.expected()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aBackwardPassThatWritesIntoDyIsRefusedByName() {
        DenseLayer layer = new DenseLayer(3, 4, 5, DenseLayer.Bug.DY_MODIFIED);
        assertThatThrownBy(() -> GradientChecker.defaults()
                .check(layer, LayerInputs.builder().add("x", DenseLayer.input(4, 5)).build()))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("DenseLayer.backward(inputs, dy) changed dy[0]");
    }

    @Test
    void aBackwardPassThatWritesIntoItsInputIsRefusedAndTheInputRestored() {
        DenseLayer layer = new DenseLayer(3, 4, 6, DenseLayer.Bug.X_MODIFIED);
        double[] x = DenseLayer.input(4, 6);
        double[] before = x.clone();
        assertThatThrownBy(() -> GradientChecker.defaults().check(layer, LayerInputs.builder().add("x", x).build()))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("DenseLayer.backward() changed input x[0]");
        assertThat(Arrays.equals(x, before)).isTrue();
    }
}
