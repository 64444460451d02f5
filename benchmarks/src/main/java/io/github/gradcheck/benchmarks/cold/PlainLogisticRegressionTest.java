package io.github.gradcheck.benchmarks.cold;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.benchmarks.LogisticRegression;
import org.junit.jupiter.api.Test;

/**
 * The same model under a plain {@code @Test}: its loss and gradient evaluated once each and
 * asserted on with AssertJ, which a gradcheck user has on the classpath anyway.
 */
public class PlainLogisticRegressionTest {

    @Test
    void lossAndGradientAreFinite() {
        LogisticRegression regression = ColdModel.function();
        double[] theta = ColdModel.point(regression);
        double loss = regression.loss(theta);
        double[] gradient = regression.gradient(theta);
        assertThat(loss).isPositive().isLessThan(10);
        assertThat(gradient).hasSize(21).doesNotContain(Double.NaN);
    }
}
