package io.github.gradcheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a gradient check of each {@link ModelUnderTest} of the test class, one test invocation per
 * model, named after it.
 *
 * <pre>{@code
 * class ThreeLayerNetTest {
 *     @ModelUnderTest ThreeLayerNet net = ThreeLayerNet.assignmentTestCase();
 *
 *     @GradientCheck
 *     void backpropagationMatchesNumericGradient(GradientCheckReport report) {
 *         GradCheckAssertions.assertThat(report).passes();
 *     }
 *
 *     @GradientCheck
 *     void failsByItself() {   // no report parameter: the invocation fails when the check fails
 *     }
 * }
 * }</pre>
 *
 * <p>A method that declares a {@link io.github.gradcheck.report.GradientCheckReport} parameter
 * decides itself what to assert (for example that a deliberately broken model fails); a method
 * that declares none fails, after its body ran, when the check fails, with the same text as
 * {@code assertThat(report).passes()}. The report is also available to {@code @AfterEach}
 * methods, but not to {@code @BeforeEach} methods: the check runs just before the test method. A model that cannot be checked (it throws, or its loss is
 * NaN) fails the invocation with a {@link io.github.gradcheck.GradientCheckException}.
 *
 * <h2>Settings</h2>
 * Each setting is taken from the attribute if set, else from the JUnit configuration parameter
 * (e.g. in {@code junit-platform.properties}), else from the default:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>attribute</th><th>configuration parameter</th><th>default</th></tr>
 *   <tr><td>{@link #epsilon()}</td><td>{@value #EPSILON_PROPERTY_NAME}</td><td>relative steps ∛u · max(|θᵢ|, 1)</td></tr>
 *   <tr><td>{@link #margin()}</td><td>{@value #MARGIN_PROPERTY_NAME}</td><td>10</td></tr>
 *   <tr><td>{@link #threshold()}</td><td>{@value #THRESHOLD_PROPERTY_NAME}</td><td>1e-8</td></tr>
 *   <tr><td>{@link #stencil()}</td><td>{@value #STENCIL_PROPERTY_NAME}</td><td>centered</td></tr>
 *   <tr><td>{@link #precision()}</td><td>{@value #PRECISION_PROPERTY_NAME}</td><td>double</td></tr>
 *   <tr><td>{@link #relativeErrorFloor()}</td><td>{@value #RELATIVE_ERROR_FLOOR_PROPERTY_NAME}</td><td>1e-8</td></tr>
 *   <tr><td>{@link #nondeterminismTolerance()}</td><td>{@value #NONDETERMINISM_TOLERANCE_PROPERTY_NAME}</td><td>1e-10</td></tr>
 *   <tr><td>{@link #offenders()}</td><td>{@value #OFFENDERS_PROPERTY_NAME}</td><td>10</td></tr>
 *   <tr><td>{@link #mode()}</td><td>{@value #MODE_PROPERTY_NAME}</td><td>full</td></tr>
 *   <tr><td>{@link #samplesPerBlock()}</td><td>{@value #SAMPLES_PER_BLOCK_PROPERTY_NAME}</td><td>16</td></tr>
 *   <tr><td>{@link #threads()}</td><td>{@value #THREADS_PROPERTY_NAME}</td><td>the number of processors, at most 4</td></tr>
 *   <tr><td>{@link #evaluationBudget()}</td><td>{@value #EVALUATION_BUDGET_PROPERTY_NAME}</td><td>no limit</td></tr>
 *   <tr><td>{@link #timeBudget()}</td><td>{@value #TIME_BUDGET_PROPERTY_NAME}</td><td>no limit</td></tr>
 *   <tr><td>{@link #probes()}</td><td>{@value #PROBES_PROPERTY_NAME}</td><td>3</td></tr>
 *   <tr><td>{@link #jacobianOutputs()}</td><td>{@value #JACOBIAN_OUTPUTS_PROPERTY_NAME}</td><td>16</td></tr>
 * </table>
 * The defaults and their reasons are documented on {@link io.github.gradcheck.GradientChecker}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(GradientCheckExtension.class)
@SuppressWarnings("exports") // the extension is package-private on purpose, as JUnit's own TempDirectory
public @interface GradientCheck {

    /**
     * The configuration parameter {@value}: one step ε for every element, for a check that does not set
     * {@link #epsilon()}. Default: unset, relative steps εᵢ = ∛u · max(|θᵢ|, 1).
     */
    String EPSILON_PROPERTY_NAME = "gradcheck.epsilon";

    /**
     * The configuration parameter {@value}: the margin, for a check that does not set
     * {@link #margin()}. Default: 10.
     */
    String MARGIN_PROPERTY_NAME = "gradcheck.margin";

    /**
     * The configuration parameter {@value}: the threshold, for a check that does not set
     * {@link #threshold()}. Default: 1e-8.
     */
    String THRESHOLD_PROPERTY_NAME = "gradcheck.threshold";

    /**
     * The configuration parameter {@value}: the stencil ({@code centered} or {@code five-point}) of a
     * check that does not set {@link #stencil()}. Default: centered.
     */
    String STENCIL_PROPERTY_NAME = "gradcheck.stencil";

    /**
     * The configuration parameter {@value}: the precision ({@code double} or {@code float}) of a check
     * that does not set {@link #precision()}. Default: double.
     */
    String PRECISION_PROPERTY_NAME = "gradcheck.precision";

    /**
     * The configuration parameter {@value}: the relative error floor, for a check that does not set
     * {@link #relativeErrorFloor()}. Default: 1e-8.
     */
    String RELATIVE_ERROR_FLOOR_PROPERTY_NAME = "gradcheck.relativeErrorFloor";

    /**
     * The configuration parameter {@value}: how far apart, relatively, two evaluations at the same
     * parameters may be before the model is refused as not deterministic, for a check that does not
     * set {@link #nondeterminismTolerance()}. Default: 1e-10.
     */
    String NONDETERMINISM_TOLERANCE_PROPERTY_NAME = "gradcheck.nondeterminismTolerance";

    /**
     * The configuration parameter {@value}: how many worst elements a report keeps, for a check that does not set
     * {@link #offenders()}. Default: 10.
     */
    String OFFENDERS_PROPERTY_NAME = "gradcheck.offenders";

    /**
     * The configuration parameter {@value}: the mode ({@code full}, {@code sampled} or
     * {@code random-directions}) of a check that does not set {@link #mode()}. Default: full.
     */
    String MODE_PROPERTY_NAME = "gradcheck.mode";

    /**
     * The configuration parameter {@value}: elements per block in sampled mode, for a check that does not set
     * {@link #samplesPerBlock()}. Default: 16.
     */
    String SAMPLES_PER_BLOCK_PROPERTY_NAME = "gradcheck.samplesPerBlock";

    /**
     * The configuration parameter {@value}: threads that check elements at once, for a check that does not set
     * {@link #threads()}. Default: the number of processors, at most 4.
     */
    String THREADS_PROPERTY_NAME = "gradcheck.threads";

    /**
     * The configuration parameter {@value}: the most loss evaluations of a full check, for a check that does not set
     * {@link #evaluationBudget()}. Default: no limit.
     */
    String EVALUATION_BUDGET_PROPERTY_NAME = "gradcheck.evaluationBudget";

    /**
     * The configuration parameter {@value}: the longest a full check may take (e.g. {@code 30s}), for a
     * check that does not set {@link #timeBudget()}. Default: no limit.
     */
    String TIME_BUDGET_PROPERTY_NAME = "gradcheck.timeBudget";

    /**
     * The configuration parameter {@value}: for a layer check that does not set {@link #probes()}, how many
     * seeded random upstream gradients dy probe the backward pass where its Jacobian is not checked whole.
     * Default: 3.
     */
    String PROBES_PROPERTY_NAME = "gradcheck.probes";

    /**
     * The configuration parameter {@value}: for a layer check that does not set {@link #jacobianOutputs()},
     * the most outputs a layer may have for its whole Jacobian to be checked (0: never). Default: 16.
     */
    String JACOBIAN_OUTPUTS_PROPERTY_NAME = "gradcheck.jacobianOutputs";

    /**
     * The name of the one {@link ModelUnderTest} to check; empty (the default) checks every model
     * of the class, each in its own invocation.
     *
     * @return the model's name, or empty
     */
    String model() default "";

    /**
     * One step ε for every element, as in the course (1e-7 reproduces its numbers); NaN (the
     * default) means: {@value #EPSILON_PROPERTY_NAME}, else relative steps εᵢ = ∛u · max(|θᵢ|, 1).
     *
     * @return ε, or NaN
     */
    double epsilon() default Double.NaN;

    /**
     * How many times its estimated numerical error a disagreement must exceed to fail; NaN (the
     * default) means: {@value #MARGIN_PROPERTY_NAME}, else 10.
     *
     * @return the margin, or NaN
     */
    double margin() default Double.NaN;

    /**
     * The relative error |g − n| / (|g| + |n|) an element must exceed (strictly) to fail; NaN (the
     * default) means: {@value #THRESHOLD_PROPERTY_NAME}, else 1e-8.
     *
     * @return the threshold, or NaN
     */
    double threshold() default Double.NaN;

    /**
     * {@code "centered"} or {@code "five-point"}; empty (the default) means: {@value #STENCIL_PROPERTY_NAME},
     * else centered.
     *
     * @return the stencil's name, or empty
     */
    String stencil() default "";

    /**
     * {@code "double"} or {@code "float"}, the arithmetic the loss is computed in; empty (the
     * default) means: {@value #PRECISION_PROPERTY_NAME}, else double.
     *
     * @return the precision's name, or empty
     */
    String precision() default "";

    /**
     * The floor of |analytic| + |numeric| for relative errors; NaN (the default) means:
     * {@value #RELATIVE_ERROR_FLOOR_PROPERTY_NAME}, else 1e-8.
     *
     * @return the floor, or NaN
     */
    double relativeErrorFloor() default Double.NaN;

    /**
     * How far apart, relatively, two evaluations of the loss or the gradient at the same parameters
     * may be; NaN (the default) means: {@value #NONDETERMINISM_TOLERANCE_PROPERTY_NAME}, else 1e-10.
     *
     * @return the tolerance, or NaN
     */
    double nondeterminismTolerance() default Double.NaN;

    /**
     * How many worst elements the report keeps; -1 (the default) means: {@value #OFFENDERS_PROPERTY_NAME}, else 10.
     *
     * @return the count, or -1
     */
    int offenders() default -1;

    /**
     * {@code "full"}, {@code "sampled"} or {@code "random-directions"} (see
     * {@link io.github.gradcheck.CheckMode}); empty (the default) means: {@value #MODE_PROPERTY_NAME}, else full.
     *
     * @return the mode's name, or empty
     */
    String mode() default "";

    /**
     * Elements per block in sampled mode; -1 (the default) means: {@value #SAMPLES_PER_BLOCK_PROPERTY_NAME}, else 16.
     *
     * @return the count, or -1
     */
    int samplesPerBlock() default -1;

    /**
     * Threads that check elements at once, for models that can be copied; -1 (the default) means:
     * {@value #THREADS_PROPERTY_NAME}, else the number of processors, at most 4.
     *
     * @return the count, or -1
     */
    int threads() default -1;

    /**
     * The most loss evaluations a full check may take before falling back to random directions;
     * -1 (the default) means: {@value #EVALUATION_BUDGET_PROPERTY_NAME}, else no limit (0).
     *
     * @return the budget, or -1
     */
    long evaluationBudget() default -1;

    /**
     * The longest a full check may take, estimated before it starts, before falling back to random
     * directions, e.g. {@code "30s"}, {@code "500ms"}, {@code "PT2M"}; empty (the default) means:
     * {@value #TIME_BUDGET_PROPERTY_NAME}, else no limit.
     *
     * @return the budget as text, or empty
     */
    String timeBudget() default "";

    /**
     * For a layer, the seeded random upstream gradients dy that probe its backward pass where its
     * Jacobian is not checked whole; -1 (the default) means: {@value #PROBES_PROPERTY_NAME}, else 3.
     *
     * @return the count, or -1
     */
    int probes() default -1;

    /**
     * For a layer, the most outputs it may have for its whole Jacobian to be checked, one probe per
     * output (0: never); -1 (the default) means: {@value #JACOBIAN_OUTPUTS_PROPERTY_NAME}, else 16.
     *
     * @return the count, or -1
     */
    int jacobianOutputs() default -1;

    /**
     * Whether to check second order: the model's {@code hessianVectorProduct} (a
     * {@link io.github.gradcheck.TwiceDifferentiableModel}), or a layer's {@code doubleBackward} (a
     * {@link io.github.gradcheck.LayerAtInputs} of a {@link io.github.gradcheck.TwiceDifferentiableLayer}),
     * against differences of its gradient, as {@link io.github.gradcheck.GradientChecker#checkSecondOrder}
     * does; the gradient is checked first, and a failed gradient fails the invocation with the words
     * that H·v was not compared. A model that is neither is refused with an
     * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}. Not a configuration
     * parameter: whether a model has second-order code to check is a property of the test, not of the
     * run. Default: false, the gradient only.
     *
     * @return true to check the Hessian-vector product or double backward
     */
    boolean secondOrder() default false;
}
