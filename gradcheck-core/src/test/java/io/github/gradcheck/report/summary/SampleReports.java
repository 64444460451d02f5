package io.github.gradcheck.report.summary;

import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.CheckMode;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.Precision;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.report.TaylorTest;
import java.time.Duration;
import java.util.List;

/** Made-up reports with known numbers, so that the writers' output can be compared exactly. */
final class SampleReports {

    static final CheckSettings SETTINGS = new CheckSettings(StepSize.fixed(1e-7), Stencil.CENTERED,
            Precision.DOUBLE, 10, 1e-6, 1e-8, 10, 1, CheckMode.FULL, 16, 1, 0, Duration.ZERO);

    private SampleReports() {
    }

    /** b's gradient is 4× too large, W (2×2) is fine. */
    static GradientCheckReport failed() {
        return new GradientCheckReport("TinyNet", SETTINGS, CheckMode.FULL, 0.5, 2.0e-14, 0.2, 6,
                List.of(new BlockSummary("W", List.of(2, 2), 0, 4, 1.0e-8, 2.5e-8, 0, 0, 1, Diagnosis.none(),
                                new TaylorTest(List.of(1e-2, 5e-3), List.of(1e-6, 2.5e-7), 2.0)),
                        new BlockSummary("b", List.of(2), 4, 2, 0.6, 0.6, 2, 0, 0,
                                Diagnosis.scaled(4, 0, 1e-9),
                                new TaylorTest(List.of(1e-2, 5e-3), List.of(1e-2, 5e-3), 1.0))),
                List.of(new Offender(5, "b", List.of(1), "b[1]", 0.4, 0.1, 0.3, 0.6, 2e-9, ElementVerdict.MISMATCH),
                        new Offender(4, "b", List.of(0), "b[0]", 2.0, 0.5, 1.5, 0.6, 3e-9, ElementVerdict.MISMATCH),
                        new Offender(1, "W", List.of(0, 1), "W[0,1]", -0.25, -0.25000001, 1e-8, 2e-8, 5e-9, ElementVerdict.MATCH)),
                List.of(), new double[] {1, -0.25, 0, 0, 2.0, 0.4}, new double[] {1, -0.25000001, 0, 0, 0.5, 0.1},
                22, 2, 24, Duration.ofMillis(3));
    }

    /** Passes; one block of rank 3 (2×3×4) and one scalar, whose Taylor test was flat. */
    static GradientCheckReport passedWithRankThree() {
        int size = 24;
        double[] g = new double[size + 1];
        double[] n = new double[size + 1];
        for (int k = 0; k < size + 1; k++) {
            g[k] = k + 1;
            n[k] = (k + 1) * (1 + 1e-9 * k);
        }
        return new GradientCheckReport("Conv", SETTINGS, CheckMode.FULL, 1.5, 1e-15, 3e-9, size + 1,
                List.of(new BlockSummary("K", List.of(2, 3, 4), 0, size, 3e-9, 2.3e-8, 0, 0, 0, Diagnosis.none(),
                                new TaylorTest(List.of(1e-2), List.of(1e-6), 2.0)),
                        new BlockSummary("bias", List.of(), size, 1, 1e-8, 1.2e-8, 0, 0, 0, Diagnosis.none(),
                                new TaylorTest(List.of(1e-2), List.of(0.0), Double.NaN))),
                List.of(new Offender(23, "K", List.of(1, 2, 3), "K[1,2,3]", 24, 24.0000005, 5e-7, 1.1e-8, 1e-7, ElementVerdict.MATCH)),
                List.of("a warning <with> markup & quotes \""), g, n, 52, 2, 52, Duration.ofMillis(1));
    }

    /** Sampled: 3 of 8 elements of w checked, w[5] off by a factor 2; the numeric values of the rest are NaN. */
    static GradientCheckReport sampled() {
        double nan = Double.NaN;
        CheckSettings settings = new CheckSettings(StepSize.relative(4.8e-6), Stencil.CENTERED, Precision.DOUBLE, 10, 1e-8,
                1e-8, 10, 7, CheckMode.SAMPLED, 3, 1, 0, Duration.ZERO);
        return new GradientCheckReport("Wide", settings, CheckMode.SAMPLED, 2, 1e-15, 0.2, 3,
                List.of(new BlockSummary("w", List.of(8), 0, 8, 0.2, 1.0 / 3, 1, 0, 0, Diagnosis.none(),
                        new TaylorTest(List.of(1e-2), List.of(1e-2), 1.0))),
                List.of(new Offender(5, "w", List.of(5), "w[5]", 2, 1, 1, 1.0 / 3, 1e-9, ElementVerdict.MISMATCH)),
                List.of(), new double[] {1, 1, 1, 1, 1, 2, 1, 1}, new double[] {1, nan, nan, 1, nan, 1, nan, nan},
                10, 2, 16, Duration.ofMillis(1));
    }

    /** A 300×2 block, drawn in tiles. */
    static GradientCheckReport tall() {
        int size = 600;
        double[] g = new double[size];
        double[] n = new double[size];
        for (int k = 0; k < size; k++) {
            g[k] = 1;
            n[k] = k == 599 ? 0.5 : 1;
        }
        return new GradientCheckReport("Tall", SETTINGS, CheckMode.FULL, 1, 1e-15, 0.01, size,
                List.of(new BlockSummary("T", List.of(300, 2), 0, size, 0.01, 1.0 / 3, 1, 0, 0, Diagnosis.none(),
                        new TaylorTest(List.of(), List.of(), Double.NaN))),
                List.of(new Offender(599, "T", List.of(299, 1), "T[299,1]", 1, 0.5, 0.5, 1.0 / 3, 1e-9, ElementVerdict.MISMATCH)),
                List.of(), g, n, 1200, 2, 1200, Duration.ofMillis(1));
    }
}
