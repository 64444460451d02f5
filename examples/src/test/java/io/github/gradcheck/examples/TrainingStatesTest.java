package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.ModelStates;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;

/**
 * The course's advice, "run at random initialization; perhaps again after some training": the
 * assignment's network checked at three states, each its own test invocation.
 */
class TrainingStatesTest {

    @ModelUnderTest
    static ModelStates<ThreeLayerNet> net() {
        return ModelStates.of("at init", ThreeLayerNet::assignmentTestCase)
                .then("after 10 steps", net -> net.train(10, 0.1))
                .then("after 100 steps", net -> net.train(90, 0.1));
    }

    @GradientCheck
    void backpropagationMatchesAtEveryState(GradientCheckReport report, ThreeLayerNet trained) {
        assertThat(report).passes();
        assertThat(report.modelName()).startsWith("ThreeLayerNet @ ");
        assertThat(trained.loss()).isEqualTo(report.loss());
    }
}
