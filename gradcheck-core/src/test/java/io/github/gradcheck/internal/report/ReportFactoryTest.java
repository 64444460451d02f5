package io.github.gradcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.TaylorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's values are made only by the factory, with named fields, and compare by value. */
class ReportFactoryTest {

    @Test
    void usersCannotConstructTheReportsValues() {
        for (Class<?> type : List.of(GradientCheckReport.class, BlockSummary.class, Offender.class, TaylorTest.class,
                CheckSettings.class)) {
            assertThat(type.getConstructors()).as(type.getSimpleName()).isEmpty();
        }
    }

    @Test
    void aNumberNeverSetOrAValueLeftNullIsNamed() {
        assertThatThrownBy(() -> ReportFactory.offender().index(5).block("b").position(List.of(1)).parameter("b[1]")
                .gradient(0.4).numericGradient(0.1).absoluteError(0.3).estimatedError(1e-9).verdict(ElementVerdict.MISMATCH)
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Offender needs its relativeError: the builder's relativeError(…) was not called");
        assertThatThrownBy(() -> ReportFactory.settings(GradientChecker.defaults().settings()).stencil(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("stencil");
        assertThatThrownBy(() -> ReportFactory.offender().index(5).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("block");
    }

    @Test
    void settingsDerivedFromOthersChangeOnlyWhatIsSet() {
        CheckSettings defaults = GradientChecker.defaults().settings();

        CheckSettings fivePoint = ReportFactory.settings(defaults).stencil(Stencil.FIVE_POINT).build();

        assertThat(fivePoint.stencil()).isEqualTo(Stencil.FIVE_POINT);
        assertThat(ReportFactory.settings(fivePoint).stencil(defaults.stencil()).build())
                .isEqualTo(defaults)
                .hasSameHashCodeAs(defaults)
                .hasToString(defaults.toString());
        assertThat(fivePoint).isNotEqualTo(defaults);
        assertThat(defaults.toString()).startsWith("CheckSettings[step=StepSize[relative=true")
                .endsWith(", evaluationBudget=0, timeBudget=PT0S]");
    }

    @Test
    void aReportsSettingsReplayItsCheck() {
        double[] c = {1, 2, 3};
        DifferentiableFunction linear = DifferentiableFunction.of(ParameterLayout.builder().vector("c", 3).build(),
                theta -> c[0] * theta[0] + c[1] * theta[1] + c[2] * theta[2], theta -> new double[] {1, 2, 6});
        GradientCheckReport report = GradientChecker.defaults().withEpsilon(0x1p-20).withOffenders(1).withSeed(7)
                .check(linear, new double[3]);

        GradientCheckReport replay = GradientChecker.with(report.settings()).check(linear, new double[3]);

        assertThat(replay.settings()).isEqualTo(report.settings());
        assertThat(replay.numericGradient()).containsExactly(report.numericGradient());
        assertThat(replay.worstOffenders()).isEqualTo(report.worstOffenders())
                .extracting(Offender::parameter).containsExactly("c[2]");
    }

    @Test
    void settingsOutOfRangeAreRefusedAsBefore() {
        CheckSettings defaults = GradientChecker.defaults().settings();

        assertThatThrownBy(() -> ReportFactory.settings(defaults).threads(0).build())
                .hasMessage("threads must be at least 1, was 0");
        assertThatThrownBy(() -> ReportFactory.settings(defaults).timeBudget(Duration.ofSeconds(-1)).build())
                .hasMessage("timeBudget must be zero (no limit) or more, was PT-1S");
    }

    @Test
    void valuesAreEqualWhenEveryFieldIs() {
        assertThat(offender().build()).isEqualTo(offender().build()).hasSameHashCodeAs(offender().build())
                .isNotEqualTo(offender().verdict(ElementVerdict.KINK).build());
        assertThat(offender().build()).hasToString("Offender[index=5, block=b, position=[1], parameter=b[1], gradient=0.4,"
                + " numericGradient=0.1, absoluteError=0.3, relativeError=0.6, estimatedError=NaN, verdict=MISMATCH]");
        assertThat(block().build()).isEqualTo(block().build()).hasSameHashCodeAs(block().build())
                .isNotEqualTo(block().kinks(1).build());
        assertThat(ReportFactory.taylorTest(List.of(1e-2), List.of(1e-6), Double.NaN))
                .isEqualTo(ReportFactory.taylorTest(List.of(1e-2), List.of(1e-6), Double.NaN))
                .isNotEqualTo(ReportFactory.taylorTest(List.of(1e-2), List.of(1e-6), 2.0))
                .hasToString("TaylorTest[steps=[0.01], remainders=[1.0E-6], order=NaN]");
    }

    @Test
    void theReportKeepsCopiesOfWhatItWasBuiltFrom() {
        List<BlockSummary> blocks = new ArrayList<>(List.of(block().build()));
        double[] gradient = {1, 0.4};

        GradientCheckReport report = ReportFactory.report().modelName("TinyNet").settings(GradientChecker.defaults().settings())
                .mode(CheckMode.FULL).loss(0.5).noise(1e-16).difference(0.6).differenceOfMatches(0).differenceOfMismatches(0.6).checkedElements(2).blocks(blocks)
                .worstOffenders(List.of(offender().build())).gradient(gradient).numericGradient(new double[] {1, 0.1})
                .lossEvaluations(10).gradientEvaluations(2).fullCheckEvaluations(10).duration(Duration.ZERO).build();
        blocks.clear();
        gradient[1] = 0;

        assertThat(report.blocks()).containsExactly(block().build());
        assertThat(report.gradient()).containsExactly(1, 0.4);
        assertThat(report.warnings()).isEmpty();
        assertThat(report.mismatches()).isEqualTo(2);
    }

    @Test
    void gradientsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> ReportFactory.report().modelName("M").settings(GradientChecker.defaults().settings())
                .mode(CheckMode.FULL).loss(0).noise(0).difference(0).differenceOfMatches(0).differenceOfMismatches(0).checkedElements(0).blocks(List.of())
                .worstOffenders(List.of()).gradient(new double[2]).numericGradient(new double[3])
                .lossEvaluations(0).gradientEvaluations(0).fullCheckEvaluations(0).duration(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradient has 2 elements but numericGradient has 3");
    }

    private static ReportFactory.OffenderBuilder offender() {
        return ReportFactory.offender().index(5).block("b").position(List.of(1)).parameter("b[1]").gradient(0.4)
                .numericGradient(0.1).absoluteError(0.3).relativeError(0.6).estimatedError(Double.NaN)
                .verdict(ElementVerdict.MISMATCH);
    }

    private static ReportFactory.BlockBuilder block() {
        return ReportFactory.block().name("b").shape(List.of(2)).offset(0).size(2).difference(0.6).differenceOfMatches(0).worstRelativeError(0.6)
                .mismatches(2).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                .taylor(ReportFactory.taylorTest(List.of(1e-2), List.of(1e-2), 1.0));
    }
}
