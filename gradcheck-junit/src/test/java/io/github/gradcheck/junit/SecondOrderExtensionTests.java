package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.execute;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import io.github.gradcheck.LayerAtInputs;
import io.github.gradcheck.ModelStates;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.AssertionFailedError;

/** {@code @GradientCheck(secondOrder = true)}: the Hessian-vector product of a model under test, checked after its gradient. */
class SecondOrderExtensionTests {

    @Test
    void aCorrectHessianVectorProductPassesAndItsReportSaysItWasCompared() {
        CorrectTestCases.report = null;

        execute(CorrectTestCases.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("model (CurvedModel)"), finishedSuccessfully()));

        assertThat(CorrectTestCases.report.secondOrder()).get().satisfies(result -> {
            assertThat(result.compared()).isTrue();
            assertThat(result.gradientCheck().passed()).isTrue();
        });
        assertThat(CorrectTestCases.report.layer().orElseThrow().wholeJacobian()).isTrue();
    }

    @Test
    void aWrongHessianVectorProductFailsByItselfNamingTheBlockAndTheHessianEntries() {
        AssertionFailedError failure = (AssertionFailedError) onlyFailure(execute(WrongHvpTestCases.class).testEvents());

        assertThat(failure.getMessage()).startsWith("""
                Expecting the Hessian-vector product of CurvedModel to match the differences of its gradient, but
                  H·v is wrong in the rows of parameter c: 1 of 4 elements mismatch beyond 10× their estimated numerical error: c (1)
                  second order: the Hessian-vector product H·v compared, element by element, with differences of the gradient\
                 g, (⟨v, g(θ + εᵢeᵢ)⟩ − ⟨v, g(θ − εᵢeᵢ)⟩) / 2εᵢ; the gradient passed its own check first""");
        assertThat(failure.getMessage()).contains("  H[c[0], w[0]]  ");
    }

    @Test
    void aWrongGradientFailsAsTheGradientWithHvNotCompared() {
        AssertionFailedError failure = (AssertionFailedError) onlyFailure(execute(WrongGradientTestCases.class).testEvents());

        assertThat(failure.getMessage()).startsWith("""
                Expecting the analytic gradient of CurvedModel to match its numeric gradient (checked before its Hessian-vector\
                 product), but
                  1 of 4 elements mismatch beyond 10× their estimated numerical error: c (1)
                  second order: the Hessian-vector product was NOT compared: the gradient fails its own check (1 mismatching\
                 element), and differences of a wrong gradient would make any verdict on hessianVectorProduct meaningless; this\
                 report is the check of gradient(): fix it first
                """);
    }

    @Test
    void aModelWithoutSecondOrderCodeIsRefusedByName() {
        Throwable failure = onlyFailure(execute(NotTwiceTestCases.class).testEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage("@GradientCheck(secondOrder = true) on "
                + NotTwiceTestCases.class.getName() + ".check() checks the Hessian-vector product of a TwiceDifferentiableModel"
                + " or the double backward of a TwiceDifferentiableLayer, but @ModelUnderTest 'model' is a "
                + SmallModel.class.getName() + ", which is not a TwiceDifferentiableModel (implement hessianVectorProduct(v)"
                + " to have its second order checked); remove secondOrder = true to check its gradient only");
    }

    @Test
    void aLayerWithoutDoubleBackwardIsRefusedByName() {
        Throwable failure = onlyFailure(execute(NotTwiceLayerTestCases.class).testEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@ModelUnderTest 'dense' is a LayerAtInputs whose layer, " + AffineLayer.class.getName()
                        + ", is not a TwiceDifferentiableLayer (implement doubleBackward(inputs, dy, v)");
    }

    @Test
    void eachStateOfAModelStatesIsCheckedToSecondOrder() {
        StatesTestCases.REPORTS.clear();

        execute(StatesTestCases.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(StatesTestCases.REPORTS).hasSize(2).allSatisfy(report -> {
            assertThat(report.passed()).isTrue();
            assertThat(report.secondOrder().orElseThrow().compared()).isTrue();
            assertThat(report.modelName()).isEqualTo("CurvedModel");     // the invocation's display name carries the state
        });
    }

    // ---- fixtures, run through their own engine ----

    static class StatesTestCases {
        static final List<GradientCheckReport> REPORTS = new CopyOnWriteArrayList<>();

        @ModelUnderTest
        static ModelStates<CurvedModel> model() {
            return ModelStates.of("at init", () -> new CurvedModel(CurvedModel.Bug.NONE)).then("after a step", m -> m.c[0] -= 0.4);
        }

        @GradientCheck(secondOrder = true)
        void check(GradientCheckReport report) {
            REPORTS.add(report);
        }
    }

    static class CorrectTestCases {
        static GradientCheckReport report;

        @ModelUnderTest
        CurvedModel model = new CurvedModel(CurvedModel.Bug.NONE);

        @GradientCheck(secondOrder = true)
        void check(GradientCheckReport checkReport) {
            report = checkReport;
        }
    }

    static class WrongHvpTestCases {
        @ModelUnderTest
        CurvedModel model = new CurvedModel(CurvedModel.Bug.HVP_C_ROW);

        @GradientCheck(secondOrder = true)
        void check() {
        }
    }

    static class WrongGradientTestCases {
        @ModelUnderTest
        CurvedModel model = new CurvedModel(CurvedModel.Bug.GRADIENT_C);

        @GradientCheck(secondOrder = true)
        void check() {
        }
    }

    static class NotTwiceTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @GradientCheck(secondOrder = true)
        void check() {
        }
    }

    static class NotTwiceLayerTestCases {
        @ModelUnderTest
        LayerAtInputs dense = AffineLayer.at(AffineLayer.Bug.NONE);

        @GradientCheck(secondOrder = true)
        void check() {
        }
    }
}
