package io.github.gradcheck.secondorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.LayerResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoubleBackwardTest {

    private static final int SEEDS = 20;

    private static GradientCheckReport check(GradientChecker checker, long seed, TanhLayer.Bug bug, double[] x) {
        return checker.checkSecondOrder(new TanhLayer(2, 3, seed, bug), LayerInputs.builder().add("x", x).build());
    }

    @Test
    void aCorrectDoubleBackwardPassesOverTwentySeedsWithInputsAndParametersAsBlocks() {
        List<String> alarms = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (int jacobianOutputs : new int[] {GradientChecker.DEFAULT_JACOBIAN_OUTPUTS, 0}) {
                GradientCheckReport report = check(GradientChecker.defaults().withSeed(seed).withJacobianOutputs(jacobianOutputs),
                        seed, TanhLayer.Bug.NONE, TanhLayer.input(3, seed));
                if (!report.passed()) {
                    alarms.add("seed " + seed + ", jacobianOutputs " + jacobianOutputs + ": " + report);
                }
            }
        }
        assertThat(alarms).isEmpty();

        GradientCheckReport report = check(GradientChecker.defaults(), 1, TanhLayer.Bug.NONE, TanhLayer.input(3, 1));
        assertThat(report.blocks()).extracting(b -> b.name()).containsExactly("x", "W");
        assertThat(report.blocks()).extracting(b -> b.isInput()).containsExactly(true, false);
        LayerResult backward = report.layer().orElseThrow();
        assertThat(backward.outputs()).isEqualTo(3 + 6);
        assertThat(backward.wholeJacobian()).isTrue();
        assertThat(report.secondOrder().orElseThrow().compared()).isTrue();
    }

    @Test
    void doubleBackwardBugsAreFoundAtEverySeedAndInTheirBlock() {
        for (TanhLayer.Bug bug : new TanhLayer.Bug[] {TanhLayer.Bug.DOUBLE_BACKWARD_MISSING_TERM,
                TanhLayer.Bug.DOUBLE_BACKWARD_WRONG_SIGN}) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                for (int jacobianOutputs : new int[] {GradientChecker.DEFAULT_JACOBIAN_OUTPUTS, 0}) {
                    GradientCheckReport report = check(GradientChecker.defaults().withSeed(seed)
                            .withJacobianOutputs(jacobianOutputs), seed, bug, TanhLayer.input(3, seed));
                    assertThat(report.passed()).as(bug + ", seed " + seed + ", jacobianOutputs " + jacobianOutputs).isFalse();
                    assertThat(report.secondOrder().orElseThrow().compared()).isTrue();
                }
            }
        }
        GradientCheckReport missing = check(GradientChecker.defaults(), 2, TanhLayer.Bug.DOUBLE_BACKWARD_MISSING_TERM,
                TanhLayer.input(3, 2));
        // The missing term is in dx only.
        assertThat(missing.block("x").passed()).isFalse();
        assertThat(missing.block("W").passed()).isTrue();
    }

    @Test
    void aWrongBackwardPassIsReportedInsteadAndTheInputsAreRestored() {
        double[] x = TanhLayer.input(3, 3);
        double[] before = x.clone();
        TanhLayer layer = new TanhLayer(2, 3, 3, TanhLayer.Bug.BACKWARD_MISSING_DERIVATIVE);
        double[][] weights = {layer.w[0].clone(), layer.w[1].clone()};
        GradientCheckReport report = GradientChecker.defaults().checkSecondOrder(layer, LayerInputs.builder().add("x", x).build());

        assertThat(report.passed()).isFalse();
        assertThat(report.secondOrder().orElseThrow().compared()).isFalse();
        assertThat(report.warnings().get(0)).contains("Fix TanhLayer.backward(inputs, dy) first");
        assertThat(x).isEqualTo(before);
        assertThat(layer.w).isDeepEqualTo(weights);
    }
}
