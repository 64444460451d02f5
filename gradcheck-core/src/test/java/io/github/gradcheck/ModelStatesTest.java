package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelStatesTest {

    private final ModelStates<SineModel> states = ModelStates.of("at init", SineModel::standard)
            .then("b shifted", model -> model.b[0] += 1)
            .then("b shifted twice", model -> model.b[0] += 1);

    @Test
    void eachStateIsAFreshModelAdvancedByEveryStepUpToIt() {
        assertThat(states.names()).containsExactly("at init", "b shifted", "b shifted twice");
        assertThat(states.get(0).model().b[0]).isEqualTo(0.3);
        assertThat(states.get(2).model().b[0]).isEqualTo(2.3);
        assertThat(states.get(2).model()).isNotSameAs(states.get(2).model());
    }

    @Test
    void oneStateIsCheckedOutsideJUnitUnderItsReportName() {
        ModelStates.State<SineModel> shifted = states.get(1);

        GradientCheckReport report = GradientChecker.defaults().check(shifted.named());

        assertThat(shifted.name()).isEqualTo("b shifted");
        assertThat(report.modelName()).isEqualTo("SineModel @ b shifted");
        assertThat(report.numericGradient()).hasSize(shifted.model().parameters().layout().size());
        assertThatThrownBy(() -> states.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theCheckerReportsEveryStateUnderItsName() {
        List<GradientCheckReport> reports = GradientChecker.defaults().check(states);

        assertThat(reports).extracting(GradientCheckReport::modelName)
                .containsExactly("SineModel @ at init", "SineModel @ b shifted", "SineModel @ b shifted twice");
        assertThat(reports).allSatisfy(report -> assertThat(report.passed()).isTrue());
    }

    @Test
    void aBugThatOnlyShowsAfterTrainingIsFoundInThatState() {
        // The gradient of b is wrong only where b[0] > 1, i.e. after the first step.
        ModelStates<SineModel> drifting = ModelStates.of("at init", SineModel::standard).then("trained", model -> {
            model.b[0] += 1;
            model.bGradientFactor = model.b[0] > 1 ? 2 : 1;
        });

        List<GradientCheckReport> reports = GradientChecker.defaults().check(drifting);

        assertThat(reports).extracting(GradientCheckReport::passed).containsExactly(true, false);
    }

    @Test
    void stateNamesMustBeGivenAndDistinct() {
        assertThatThrownBy(() -> ModelStates.of(" ", SineModel::standard))
                .hasMessage("a model state needs a non-blank name, got ' '");
        assertThatThrownBy(() -> states.then("b shifted", model -> { }))
                .hasMessage("two model states are named 'b shifted'; the states are [at init, b shifted, b shifted twice]");
    }
}
