package io.github.gradcheck.report.summary;

import static io.github.gradcheck.internal.report.ReportFactory.block;
import static io.github.gradcheck.internal.report.ReportFactory.offender;
import static io.github.gradcheck.internal.report.ReportFactory.report;
import static io.github.gradcheck.internal.report.ReportFactory.taylorTest;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.time.Duration;
import java.util.List;

/** Made-up reports with known numbers, so that the writers' output can be compared exactly. */
final class SampleReports {

    static final CheckSettings SETTINGS = ReportFactory.settings().step(StepSize.fixed(1e-7)).stencil(Stencil.CENTERED)
            .precision(Precision.DOUBLE).margin(10).threshold(1e-6).relativeErrorFloor(1e-8).nondeterminismTolerance(1e-10).offenders(10).seed(1)
            .mode(CheckMode.FULL).samplesPerBlock(16).threads(1).evaluationBudget(0).timeBudget(Duration.ZERO)
            .probes(3).jacobianOutputs(16).build();

    private SampleReports() {
    }

    /** b's gradient is 4× too large, W (2×2) is fine. */
    static GradientCheckReport failed() {
        return report().modelName("TinyNet").settings(SETTINGS).mode(CheckMode.FULL).loss(0.5).noise(2.0e-14)
                .difference(0.2).differenceOfMatches(4.9e-9).differenceOfMismatches(0.6).checkedElements(6)
                .blocks(List.of(
                        block().name("W").shape(List.of(2, 2)).offset(0).size(4).difference(1.0e-8).differenceOfMatches(1.0e-8).worstRelativeError(2.5e-8)
                                .mismatches(0).kinks(0).unreliable(1).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-6, 2.5e-7), 2.0)).build(),
                        block().name("b").shape(List.of(2)).offset(4).size(2).difference(0.6).differenceOfMatches(0).worstRelativeError(0.6)
                                .mismatches(2).kinks(0).unreliable(0)
                                .diagnosis(Diagnoses.scaled(4, 0, 1e-9))
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-2, 5e-3), 1.0)).build()))
                .worstOffenders(List.of(
                        offender().index(5).block("b").position(List.of(1)).parameter("b[1]").gradient(0.4).numericGradient(0.1)
                                .absoluteError(0.3).relativeError(0.6).estimatedError(2e-9).verdict(ElementVerdict.MISMATCH).build(),
                        offender().index(4).block("b").position(List.of(0)).parameter("b[0]").gradient(2.0).numericGradient(0.5)
                                .absoluteError(1.5).relativeError(0.6).estimatedError(3e-9).verdict(ElementVerdict.MISMATCH).build(),
                        offender().index(1).block("W").position(List.of(0, 1)).parameter("W[0,1]").gradient(-0.25)
                                .numericGradient(-0.25000001).absoluteError(1e-8).relativeError(2e-8).estimatedError(5e-9)
                                .verdict(ElementVerdict.MATCH).build()))
                .gradient(new double[] {1, -0.25, 0, 0, 2.0, 0.4}).numericGradient(new double[] {1, -0.25000001, 0, 0, 0.5, 0.1})
                .lossEvaluations(22).gradientEvaluations(2).fullCheckEvaluations(24).duration(Duration.ofMillis(3)).build();
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
        return report().modelName("Conv").settings(SETTINGS).mode(CheckMode.FULL).loss(1.5).noise(1e-15)
                .difference(3e-9).differenceOfMatches(3e-9).differenceOfMismatches(0).checkedElements(size + 1)
                .blocks(List.of(
                        block().name("K").shape(List.of(2, 3, 4)).offset(0).size(size).difference(3e-9).differenceOfMatches(3e-9).worstRelativeError(2.3e-8)
                                .mismatches(0).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2), List.of(1e-6), 2.0)).build(),
                        block().name("bias").shape(List.of()).offset(size).size(1).difference(1e-8).differenceOfMatches(1e-8).worstRelativeError(1.2e-8)
                                .mismatches(0).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2), List.of(0.0), Double.NaN)).build()))
                .worstOffenders(List.of(
                        offender().index(23).block("K").position(List.of(1, 2, 3)).parameter("K[1,2,3]").gradient(24)
                                .numericGradient(24.0000005).absoluteError(5e-7).relativeError(1.1e-8).estimatedError(1e-7)
                                .verdict(ElementVerdict.MATCH).build()))
                .warnings(List.of("a warning <with> markup & quotes \""))
                .gradient(g).numericGradient(n)
                .lossEvaluations(52).gradientEvaluations(2).fullCheckEvaluations(52).duration(Duration.ofMillis(1)).build();
    }

    /** Sampled: 3 of 8 elements of w checked, w[5] off by a factor 2; the numeric values of the rest are NaN. */
    static GradientCheckReport sampled() {
        double nan = Double.NaN;
        CheckSettings settings = ReportFactory.settings(SETTINGS).step(StepSize.relative(4.8e-6)).threshold(1e-8).seed(7)
                .mode(CheckMode.SAMPLED).samplesPerBlock(3).build();
        return report().modelName("Wide").settings(settings).mode(CheckMode.SAMPLED).loss(2).noise(1e-15)
                .difference(0.2).differenceOfMatches(0).differenceOfMismatches(1.0 / 3).checkedElements(3)
                .blocks(List.of(
                        block().name("w").shape(List.of(8)).offset(0).size(8).difference(0.2).differenceOfMatches(0).worstRelativeError(1.0 / 3)
                                .mismatches(1).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2), List.of(1e-2), 1.0)).build()))
                .worstOffenders(List.of(
                        offender().index(5).block("w").position(List.of(5)).parameter("w[5]").gradient(2).numericGradient(1)
                                .absoluteError(1).relativeError(1.0 / 3).estimatedError(1e-9).verdict(ElementVerdict.MISMATCH).build()))
                .gradient(new double[] {1, 1, 1, 1, 1, 2, 1, 1}).numericGradient(new double[] {1, nan, nan, 1, nan, 1, nan, nan})
                .lossEvaluations(10).gradientEvaluations(2).fullCheckEvaluations(16).duration(Duration.ofMillis(1)).build();
    }

    /**
     * A layer y = W x + b with 2 outputs, its whole Jacobian checked: dx[1] is twice too large in
     * both rows, and backward adds a constant to db (the linearity contract breaks at b[1]).
     * Probe 1 is shown; the worst offender there is x[1].
     */
    static GradientCheckReport layer() {
        Offender row0 = offender().index(1).block("x").position(List.of(1)).parameter("x[1]").gradient(0.8)
                .numericGradient(0.4).absoluteError(0.4).relativeError(1.0 / 3).estimatedError(2e-11)
                .verdict(ElementVerdict.MISMATCH).build();
        Offender row1 = offender().index(1).block("x").position(List.of(1)).parameter("x[1]").gradient(-1.5)
                .numericGradient(-0.75).absoluteError(0.75).relativeError(1.0 / 3).estimatedError(3e-11)
                .verdict(ElementVerdict.MISMATCH).build();
        return report().modelName("Dense").settings(SETTINGS).mode(CheckMode.FULL).loss(0.7).noise(1e-16)
                .difference(0.25).differenceOfMatches(1e-11).differenceOfMismatches(1.0 / 3).checkedElements(8)
                .blocks(List.of(
                        block().name("x").shape(List.of(2)).offset(0).size(2).input(true).difference(0.4).differenceOfMatches(1e-11)
                                .worstRelativeError(1.0 / 3).mismatches(1).kinks(0).unreliable(0)
                                .diagnosis(Diagnoses.fewElements(List.of(1)))
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-2, 5e-3), 1.0)).build(),
                        block().name("W").shape(List.of(2, 2)).offset(2).size(4).difference(1e-11).differenceOfMatches(1e-11)
                                .worstRelativeError(2e-11).mismatches(0).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2), List.of(0.0), Double.NaN)).build(),
                        block().name("b").shape(List.of(2)).offset(6).size(2).difference(0).differenceOfMatches(0)
                                .worstRelativeError(0).mismatches(0).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2), List.of(0.0), Double.NaN)).build()))
                .worstOffenders(List.of(row1))
                .gradient(new double[] {0.3, -1.5, 0, 0, 0.2, -0.4, 0, 1}).numericGradient(new double[] {0.3, -0.75, 0, 0, 0.2, -0.4, 0, 1})
                .lossEvaluations(40).gradientEvaluations(3).fullCheckEvaluations(16).duration(Duration.ofMillis(2))
                .layer(ReportFactory.layerResult(2, true, 2, 2, 1,
                        List.of(ReportFactory.jacobianEntry(0, row0), ReportFactory.jacobianEntry(1, row1)),
                        List.of(ReportFactory.brokenContract(BrokenContract.Kind.LINEAR_IN_DY, "b[1]", -0.5, 0.5, 2, -3)), 44, 5, 2))
                .build();
    }

    /**
     * A second-order check of a model whose H·v is wrong in one entry, H[W[1,0], W[0,1]], and not
     * linear in v; its gradient passed first (the check {@link #passedWithRankThree()}).
     */
    static GradientCheckReport hessian() {
        Offender wrong = offender().index(2).block("W").position(List.of(1, 0)).parameter("W[1,0]").gradient(0.9)
                .numericGradient(0.3).absoluteError(0.6).relativeError(0.5).estimatedError(4e-10)
                .verdict(ElementVerdict.MISMATCH).build();
        return report().modelName("Logistic").settings(SETTINGS).mode(CheckMode.FULL).loss(0.3).noise(1e-16)
                .difference(0.2).differenceOfMatches(1e-10).differenceOfMismatches(0.5).checkedElements(6)
                .blocks(List.of(
                        block().name("W").shape(List.of(2, 2)).offset(0).size(4).difference(0.3).differenceOfMatches(1e-10)
                                .worstRelativeError(0.5).mismatches(1).kinks(0).unreliable(0)
                                .diagnosis(Diagnoses.fewElements(List.of(2)))
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-2, 5e-3), 1.0)).build(),
                        block().name("b").shape(List.of(2)).offset(4).size(2).difference(1e-10).differenceOfMatches(1e-10)
                                .worstRelativeError(1e-10).mismatches(0).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2), List.of(0.0), Double.NaN)).build()))
                .worstOffenders(List.of(wrong))
                .gradient(new double[] {0.1, 0.2, 0.9, 0.4, 0.5, 0.6}).numericGradient(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6})
                .lossEvaluations(0).gradientEvaluations(0).fullCheckEvaluations(12).duration(Duration.ofMillis(3))
                .layer(ReportFactory.layerResult(6, true, 6, 1, 1, List.of(ReportFactory.jacobianEntry(1, wrong)),
                        List.of(ReportFactory.brokenContract(BrokenContract.Kind.LINEAR_IN_DY, "b[1]", -0.5, 0.5, 2, -3)), 50, 8, 6))
                .secondOrder(ReportFactory.secondOrderResult(passedWithRankThree(), true))
                .build();
    }

    /** A second-order check that stopped at its gradient, {@link #failed()}: H·v was not compared. */
    static GradientCheckReport hessianNotCompared() {
        GradientCheckReport gradient = failed();
        return ReportFactory.report(gradient).secondOrder(ReportFactory.secondOrderResult(gradient, false)).build();
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
        return report().modelName("Tall").settings(SETTINGS).mode(CheckMode.FULL).loss(1).noise(1e-15)
                .difference(0.01).differenceOfMatches(0).differenceOfMismatches(1.0 / 3).checkedElements(size)
                .blocks(List.of(
                        block().name("T").shape(List.of(300, 2)).offset(0).size(size).difference(0.01).differenceOfMatches(0).worstRelativeError(1.0 / 3)
                                .mismatches(1).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(), List.of(), Double.NaN)).build()))
                .worstOffenders(List.of(
                        offender().index(599).block("T").position(List.of(299, 1)).parameter("T[299,1]").gradient(1)
                                .numericGradient(0.5).absoluteError(0.5).relativeError(1.0 / 3).estimatedError(1e-9)
                                .verdict(ElementVerdict.MISMATCH).build()))
                .gradient(g).numericGradient(n)
                .lossEvaluations(1200).gradientEvaluations(2).fullCheckEvaluations(1200).duration(Duration.ofMillis(1)).build();
    }

    /** Passes; h's difference of 6.019e-03 comes from its 2 elements at kinks, the other 4 match to 2.1e-09. */
    static GradientCheckReport passedAtKinks() {
        return relu("Relu", 6.019e-3, 2.1e-9, 0, 0, ElementVerdict.KINK);
    }

    /** Passes with a difference of 5.0e-05, 4.0e-05 without its 2 kinks: the matches alone read "look closer". */
    static GradientCheckReport passedLookCloser() {
        return relu("Noisy", 5.0e-5, 4.0e-5, 0, 0, ElementVerdict.MATCH);
    }

    /** Fails on h[2] (1/3 on its own), though the 5 other elements bring the difference down to 2.0e-09. */
    static GradientCheckReport failedDiluted() {
        return relu("Diluted", 2.0e-9, 1e-10, 1.0 / 3, 1, ElementVerdict.MISMATCH);
    }

    /** Fails on h[2], whose difference of 3.0e-07 on its own is too small for the course's scale. */
    static GradientCheckReport failedSmall() {
        return relu("Small", 1.0e-7, 1e-10, 3.0e-7, 1, ElementVerdict.MISMATCH);
    }

    /** One block h of 6 elements, 2 at kinks unless one mismatches; h[2] the worst, with this verdict. */
    private static GradientCheckReport relu(String name, double difference, double ofMatches, double ofMismatches,
                                            int mismatches, ElementVerdict worst) {
        int kinks = mismatches == 0 ? 2 : 0;
        return report().modelName(name).settings(SETTINGS).mode(CheckMode.FULL).loss(0.25).noise(1e-16)
                .difference(difference).differenceOfMatches(ofMatches).differenceOfMismatches(ofMismatches).checkedElements(6)
                .blocks(List.of(
                        block().name("h").shape(List.of(6)).offset(0).size(6).difference(difference).differenceOfMatches(ofMatches)
                                .worstRelativeError(1.0 / 3).mismatches(mismatches).kinks(kinks).unreliable(0)
                                .diagnosis(mismatches == 0 ? Diagnoses.none() : Diagnoses.fewElements(List.of(2)))
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-4, 5e-5), 1.0)).build()))
                .worstOffenders(List.of(
                        offender().index(2).block("h").position(List.of(2)).parameter("h[2]").gradient(0.02)
                                .numericGradient(0.01).absoluteError(0.01).relativeError(1.0 / 3).estimatedError(1e-9)
                                .verdict(worst).build()))
                .gradient(new double[] {1, 2, 0.02, 3, 0, 1}).numericGradient(new double[] {1, 2, 0.01, 3, 0, 1})
                .lossEvaluations(30).gradientEvaluations(2).fullCheckEvaluations(26).duration(Duration.ofMillis(1)).build();
    }
}
