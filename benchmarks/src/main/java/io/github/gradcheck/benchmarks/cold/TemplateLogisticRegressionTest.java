package io.github.gradcheck.benchmarks.cold;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.benchmarks.LogisticRegression;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The plain test's body as a JUnit test template with one invocation, as {@code @GradientCheck}
 * is one: what JUnit's template machinery costs without gradcheck.
 */
public class TemplateLogisticRegressionTest {

    @TestTemplate
    @ExtendWith(OneInvocation.class)
    void lossAndGradientAreFinite() {
        LogisticRegression regression = ColdModel.function();
        double[] theta = ColdModel.point(regression);
        double loss = regression.loss(theta);
        double[] gradient = regression.gradient(theta);
        assertThat(loss).isPositive().isLessThan(10);
        assertThat(gradient).hasSize(21).doesNotContain(Double.NaN);
    }

    /** One invocation of the template. */
    static final class OneInvocation implements TestTemplateInvocationContextProvider {

        @Override
        public boolean supportsTestTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
            return Stream.of(new TestTemplateInvocationContext() {
            });
        }
    }
}
