package io.github.gradcheck.secondorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tanh network's R-operator Hessian-vector product (N = 21, random v by default; the whole
 * Hessian on request): right at every seed, and each slip found at every seed, in either mode.
 */
class TanhNetHessianTest {

    private static final int SEEDS = 20;
    private static final GradientChecker[] CHECKERS = {GradientChecker.defaults(),
        GradientChecker.defaults().withJacobianOutputs(Integer.MAX_VALUE)};

    @Test
    void theRightProductPassesAtEverySeedAlongRandomVectorsAndWhole() {
        List<String> alarms = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (GradientChecker checker : CHECKERS) {
                GradientCheckReport report = checker.withSeed(seed).checkSecondOrder(new TanhNet(3, 4, 10, seed, TanhNet.Bug.NONE));
                if (!report.passed()) {
                    alarms.add("seed " + seed + ": " + report);
                }
            }
        }
        assertThat(alarms).isEmpty();
        GradientCheckReport random = GradientChecker.defaults().checkSecondOrder(new TanhNet(3, 4, 10, 1, TanhNet.Bug.NONE));
        assertThat(random.layer().orElseThrow().wholeJacobian()).isFalse();
        assertThat(random.layer().orElseThrow().probes()).isEqualTo(GradientChecker.DEFAULT_PROBES);
    }

    @Test
    void everySlipIsFoundAtEverySeed() {
        List<String> missed = new ArrayList<>();
        for (TanhNet.Bug bug : TanhNet.Bug.values()) {
            if (bug == TanhNet.Bug.NONE) {
                continue;
            }
            for (long seed = 1; seed <= SEEDS; seed++) {
                for (GradientChecker checker : CHECKERS) {
                    GradientCheckReport report = checker.withSeed(seed).checkSecondOrder(new TanhNet(3, 4, 10, seed, bug));
                    if (report.passed() || !report.secondOrder().orElseThrow().compared()) {
                        missed.add(bug + " at seed " + seed);
                    }
                }
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void theGaussNewtonMatrixFailsInTheFirstLayerOnly() {
        // Its missing term −2 dh ∘ h ∘ R{h} enters R{da}, which only W1 and b1 receive.
        GradientCheckReport report = GradientChecker.defaults()
                .checkSecondOrder(new TanhNet(3, 4, 10, 2, TanhNet.Bug.GAUSS_NEWTON_INSTEAD_OF_HESSIAN));
        assertThat(report.passed()).isFalse();
        assertThat(report.block("w2").passed()).isTrue();
        assertThat(report.block("b2").passed()).isTrue();
        assertThat(report.block("W1").passed() && report.block("b1").passed()).isFalse();
    }
}
