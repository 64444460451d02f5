package io.github.gradcheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field, or a method without parameters, whose value is a
 * {@link io.github.gradcheck.DifferentiableModel} (or a layer at its inputs, a
 * {@link io.github.gradcheck.LayerAtInputs}) for {@link GradientCheck} methods to check.
 *
 * <p>Fields and methods may be static or not, and may be inherited. Non-static members are read
 * from the test instance of each invocation, so a model in an instance field is fresh for every
 * test method, as JUnit creates a new instance per method by default. A method is called once
 * per invocation; a {@code DifferentiableFunction} becomes a model with {@code .at(θ)}, a
 * {@code DifferentiableLayer} one with {@code .at(inputs)}.
 *
 * <pre>{@code
 * @ModelUnderTest ThreeLayerNet net = ThreeLayerNet.assignmentTestCase();
 *
 * @ModelUnderTest("logistic")
 * static DifferentiableModel logisticRegression() {
 *     return new LogisticRegression(x, y, 0.1).at(initialWeights);
 * }
 *
 * @ModelUnderTest
 * LayerAtInputs dense = new Dense(3, 4).at(LayerInputs.builder().add("x", x).build());
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ModelUnderTest {

    /**
     * The model's name in display names and in {@link GradientCheck#model()}; empty (the default)
     * uses the field's or method's name.
     *
     * @return the name, or empty
     */
    String value() default "";
}
