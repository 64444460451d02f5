/**
 * What a user writes and calls: the model API ({@link io.github.gradcheck.DifferentiableModel},
 * {@link io.github.gradcheck.DifferentiableFunction}, {@link io.github.gradcheck.ParameterArrays},
 * {@link io.github.gradcheck.ParameterLayout}, {@link io.github.gradcheck.ModelStates}) and the
 * checker, {@link io.github.gradcheck.GradientChecker}, with the inputs it is configured by
 * ({@link io.github.gradcheck.Stencil}, {@link io.github.gradcheck.Precision},
 * {@link io.github.gradcheck.CheckMode}, {@link io.github.gradcheck.StepSize}).
 *
 * <p>This package has no dependency beyond the JDK, so a model class in production code may
 * implement the model API, and a check may run outside any test framework:
 * <pre>{@code
 * GradientCheckReport report = GradientChecker.defaults().check(model);
 * if (!report.passed()) {
 *     System.err.println(report);
 * }
 * }</pre>
 * The numeric engine behind {@code check} lives in {@code io.github.gradcheck.internal.engine},
 * which is not API; what it returns is the immutable {@link io.github.gradcheck.report.GradientCheckReport}.
 */
package io.github.gradcheck;
