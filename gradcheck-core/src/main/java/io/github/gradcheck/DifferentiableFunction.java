package io.github.gradcheck;

import io.github.gradcheck.internal.engine.ModelNames;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A loss that is a pure function of the flat parameter vector θ, with its analytic gradient in
 * the same layout: the seed assignment's {@code forward_propagation_n} and
 * {@code backward_propagation_n} over {@code dictionary_to_vector(parameters)}.
 *
 * <pre>{@code
 * double x = 2;
 * DifferentiableFunction j = DifferentiableFunction.of(
 *         ParameterLayout.scalar("theta"),
 *         theta -> theta[0] * x,                  // J(θ) = θx
 *         theta -> new double[] {x});             // dJ/dθ = x
 * GradientCheckReport report = GradientChecker.defaults().check(j, 4.0);
 * }</pre>
 *
 * <p>The check never writes to the array the caller passes in: it perturbs a private copy.
 * Implementations must not keep or modify the array they are given. On several threads, each
 * worker evaluates {@link #copy()}: the function itself unless it says otherwise.
 */
public interface DifferentiableFunction {

    /**
     * The blocks of θ.
     *
     * @return the layout {@link #loss} and {@link #gradient} read θ in
     */
    ParameterLayout layout();

    /**
     * J(θ).
     *
     * @param parameters θ in {@link #layout()}'s order; not to be kept or modified
     * @return the loss
     */
    double loss(double[] parameters);

    /**
     * The analytic gradient dJ/dθ at θ, of length {@code layout().size()}: the code under test.
     *
     * @param parameters θ in {@link #layout()}'s order; not to be kept or modified
     * @return dJ/dθ in the same order
     */
    double[] gradient(double[] parameters);

    /**
     * The number of examples the loss averages over, if known; 0 (the default) for unknown.
     * Lets a diagnosis say "a forgotten 1/m" when a block is off by exactly m.
     *
     * @return m, or 0
     */
    default int batchSize() {
        return 0;
    }

    /**
     * How reports name this function; by default its class's simple name.
     *
     * @return the name
     */
    default String name() {
        return ModelNames.of(getClass(), "function");
    }

    /**
     * The function a worker thread evaluates when elements are checked on several threads
     * ({@link GradientChecker#withThreads}); each worker also gets its own copy of the point. By
     * default this very function, shared by all workers, as a pure function may be. A function
     * that keeps scratch buffers, or calls into a library object that is not thread-safe, returns
     * a fresh instance with its own; {@code withThreads(1)} is the other way.
     *
     * @return this function, or an independent instance that computes the same loss and gradient
     */
    default DifferentiableFunction copy() {
        return this;
    }

    /**
     * This function at the point {@code parameters}, as a model the checker and
     * {@code @ModelUnderTest} accept. The values are copied; later changes to the array do not
     * move the point.
     *
     * @param parameters the point θ, in {@link #layout()}'s order
     * @return a model whose parameters are a copy of the point
     * @throws IllegalArgumentException if the length does not match the layout
     */
    default DifferentiableModel at(double... parameters) {
        return new FunctionAtPoint(this, parameters);
    }

    /**
     * A function from a layout and two lambdas.
     *
     * @param layout the blocks of θ
     * @param loss J(θ)
     * @param gradient dJ/dθ at θ, in the same layout
     * @return the function
     */
    static DifferentiableFunction of(ParameterLayout layout,
                                     ToDoubleFunction<double[]> loss,
                                     Function<double[], double[]> gradient) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(gradient, "gradient");
        return new DifferentiableFunction() {
            @Override
            public ParameterLayout layout() {
                return layout;
            }

            @Override
            public double loss(double[] parameters) {
                return loss.applyAsDouble(parameters);
            }

            @Override
            public double[] gradient(double[] parameters) {
                return gradient.apply(parameters);
            }
        };
    }
}
