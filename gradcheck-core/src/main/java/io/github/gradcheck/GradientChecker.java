package io.github.gradcheck;

import io.github.gradcheck.internal.engine.LayerCheck;
import io.github.gradcheck.internal.engine.NumericCheck;
import io.github.gradcheck.internal.engine.SecondOrderCheck;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Compares a model's analytic gradient with a numeric one, element by element, and returns a
 * {@link GradientCheckReport}. Immutable and thread-safe; each {@code with…} returns a new checker.
 *
 * <pre>{@code
 * GradientCheckReport report = GradientChecker.defaults().check(model);
 * GradCheckAssertions.assertThat(report).passes();
 * }</pre>
 *
 * <h2>How the verdict is reached, and the defaults</h2>
 * A fixed tolerance cannot serve every model: round-off alone takes the course's correct
 * three-layer network to a difference of 1.19e-7 at ε = 1e-7, while a loss summed to 1e6 or
 * parameters of 1e-6 move that number by orders of magnitude. So the check measures the
 * numerical error of each numeric derivative and fails only on disagreements well beyond it:
 * <ul>
 *   <li><b>noise</b>: the loss's own round-off σ is measured once, from nine evaluations a tiny
 *       step apart along a random direction (Moré and Wild's ECnoise), and is at least u·|J|.
 *       A centered difference then carries a round-off error of about σ/(√2 ε).</li>
 *   <li><b>step</b> (default {@link StepSize#relative relative} ∛u ≈ 4.8e-6):
 *       εᵢ = 4.8e-6 · max(|θᵢ|, 1), which balances that round-off against the truncation
 *       error (∝ ε²); below 1 the step stays absolute, as the course's, since a parameter of 1e-6
 *       moved by 5e-12 would drown its quotient in round-off. {@link #withEpsilon} fixes one ε for all, as in
 *       the course.</li>
 *   <li><b>margin {@value #DEFAULT_MARGIN}</b>: an element whose disagreement is within 10× its
 *       estimated error matches. The estimate is of one standard deviation; among a million
 *       elements the largest chance deviation is about 5σ, so 10 keeps chance from failing a
 *       correct model while a real bug (a factor, a sign, a 1% slip) is typically orders of
 *       magnitude over it. An element over the margin is looked at again, at 2ε (Richardson's
 *       estimate of the truncation error; one-sided slopes that tell a kink of the loss from a
 *       bug) and, if still over, at ε/1000 (kinks closer to θᵢ than ε, truncation beyond the
 *       estimate).</li>
 *   <li><b>threshold {@value #DEFAULT_THRESHOLD}</b>: an element fails only when its relative
 *       error |g − n| / (|g| + |n|) is strictly over it, however small the estimated error. It is a backstop,
 *       not the verdict: where the noise estimate is right it never decides. It sits ten times
 *       below the course's "great" mark, so that a bug the noise estimate resolves (an L2 term on
 *       parameters of 1e-6 is a relative error of 1e-7) is not waved through.</li>
 *   <li><b>relative error floor {@value #DEFAULT_RELATIVE_ERROR_FLOOR}</b>: below it,
 *       |g| + |n| is replaced by the floor in relative errors, so round-off on a zero gradient
 *       does not read as 100%.</li>
 *   <li><b>nondeterminism tolerance {@value #DEFAULT_NONDETERMINISM_TOLERANCE}</b>: the loss and the
 *       gradient are evaluated twice at θ; further apart than this, relatively, the model is not
 *       deterministic and is refused. A reduction whose order varies between calls (parallel
 *       streams, a multithreaded BLAS) moves a double loss by a few hundred ulps, about 1e-13
 *       relatively; dropout or an unseeded sample moves it by 1e-3 and more. 1e-10 sits a thousand
 *       times above the first, so unordered sums pass (their spread is counted in the noise
 *       estimate), and millions of times below the second. A loss computed in float with unordered
 *       sums differs by about 1e-6 and needs a tolerance of about 1e-5.</li>
 *   <li><b>offenders {@value #DEFAULT_OFFENDERS}</b>: how many of the worst elements the report
 *       keeps and messages show.</li>
 * </ul>
 * The course's overall difference ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂) is still
 * reported, with its words (great, look closer, almost surely a bug), beside the verdict.
 */
public final class GradientChecker {

    /** The course's ε, for {@link #withEpsilon} when reproducing its numbers. */
    public static final double COURSE_EPSILON = 1e-7;
    /** How many times its estimated error a disagreement must exceed to be a mismatch. */
    public static final double DEFAULT_MARGIN = 10;
    /** The relative error an element must exceed (strictly) to be a mismatch. */
    public static final double DEFAULT_THRESHOLD = 1e-8;
    /** Below this |analytic| + |numeric|, relative errors are measured against it instead. */
    public static final double DEFAULT_RELATIVE_ERROR_FLOOR = 1e-8;
    /** How far apart, relatively, two evaluations at the same parameters may be and still be the same. */
    public static final double DEFAULT_NONDETERMINISM_TOLERANCE = 1e-10;
    /** How many worst elements a report keeps. */
    public static final int DEFAULT_OFFENDERS = 10;
    /** The seed of the random directions, fixed so that every run of a check is the same. */
    public static final long DEFAULT_SEED = 0x5EEDL;

    /** Elements per block in sampled mode. */
    public static final int DEFAULT_SAMPLES_PER_BLOCK = 16;
    /**
     * Random upstream gradients per layer check: one finds any wrong row of a backward pass with
     * probability 1 in exact arithmetic; three keep an error that one probe's weights happen to
     * shrink below the noise from passing, at three backward calls and no extra forward calls.
     */
    public static final int DEFAULT_PROBES = 3;
    /**
     * Layers with at most this many outputs get their whole Jacobian checked, one probe per output:
     * the forward calls are the same 2N, and the report can name the wrong ∂y[i]/∂x[j].
     */
    public static final int DEFAULT_JACOBIAN_OUTPUTS = 16;

    /**
     * Threads per check: the processors, at most 4. Each thread beyond the first checks on its own
     * copy of the model, so a check holds threads − 1 copies of θ (and of the model's buffers) while
     * it runs; past 4 a check's speed-up gains little next to that memory, and under JUnit's parallel
     * execution the processors are already busy with other tests. Ask for more with
     * {@link #withThreads} for one large model checked alone.
     */
    public static final int DEFAULT_THREADS = Math.min(Runtime.getRuntime().availableProcessors(), 4);

    private static final GradientChecker DEFAULTS = new GradientChecker(null, false, ReportFactory.settings()
            .step(StepSize.relative(Precision.DOUBLE.defaultRelativeStep())).stencil(Stencil.CENTERED)
            .precision(Precision.DOUBLE).margin(DEFAULT_MARGIN).threshold(DEFAULT_THRESHOLD)
            .relativeErrorFloor(DEFAULT_RELATIVE_ERROR_FLOOR).nondeterminismTolerance(DEFAULT_NONDETERMINISM_TOLERANCE)
            .offenders(DEFAULT_OFFENDERS).seed(DEFAULT_SEED)
            .mode(CheckMode.FULL).samplesPerBlock(DEFAULT_SAMPLES_PER_BLOCK)
            .threads(DEFAULT_THREADS).evaluationBudget(0).timeBudget(Duration.ZERO)
            .probes(DEFAULT_PROBES).jacobianOutputs(DEFAULT_JACOBIAN_OUTPUTS));

    /**
     * The step set by {@link #withEpsilon} or {@link #withRelativeStep}, or null for the default,
     * the precision's ∛u: the default follows {@link #withPrecision}, a step someone chose does not.
     */
    private final StepSize chosenStep;
    /**
     * Whether {@link #withPrecision} (or {@link #with(CheckSettings)}) set the precision. If not, a
     * model any of whose blocks holds floats is checked with {@link Precision#FLOAT}.
     */
    private final boolean precisionChosen;
    /** The settings as the engine reads them and reports record them. */
    private final CheckSettings settings;
    /**
     * {@link #forFloats()}, made at its first use and kept: a checker is immutable, and a small
     * model's check should not build a second checker every time. Racing threads make equal values.
     */
    private CheckSettings forFloats;

    /**
     * The one place a checker's settings are made: the step is the chosen one, else the
     * precision's default. {@code CheckSettings} rejects an out-of-range setting by name, so each
     * {@code with…} method fails at once.
     */
    private GradientChecker(StepSize chosenStep, boolean precisionChosen, ReportFactory.SettingsBuilder settings) {
        this.chosenStep = chosenStep;
        this.precisionChosen = precisionChosen;
        CheckSettings built = settings.build();
        StepSize step = chosenStep != null ? chosenStep : StepSize.relative(built.precision().defaultRelativeStep());
        this.settings = built.step().equals(step) ? built : ReportFactory.settings(built).step(step).build();
    }

    /** A checker like this one but for {@code change}, with the same chosen step. */
    private GradientChecker changed(UnaryOperator<ReportFactory.SettingsBuilder> change) {
        return new GradientChecker(chosenStep, precisionChosen, change.apply(ReportFactory.settings(settings)));
    }

    /**
     * A checker with the documented defaults.
     *
     * @return the default checker, shared: it is immutable
     */
    public static GradientChecker defaults() {
        return DEFAULTS;
    }

    /**
     * A checker with exactly these settings, e.g. a report's {@link GradientCheckReport#settings()}
     * to replay its check. A step that is the precision's default ∛u stays the default: a later
     * {@link #withPrecision} changes it, as it would on the checker that made the report. The
     * precision counts as chosen: a model with float blocks is checked in the settings' precision.
     *
     * @param settings the settings
     * @return a new checker
     */
    public static GradientChecker with(CheckSettings settings) {
        Objects.requireNonNull(settings, "settings");
        StepSize step = settings.step().equals(StepSize.relative(settings.precision().defaultRelativeStep()))
                ? null : settings.step();
        return new GradientChecker(step, true, ReportFactory.settings(settings));
    }

    /**
     * With the same step ε for every element, as in the course: (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε.
     *
     * @param epsilon ε, e.g. {@link #COURSE_EPSILON} to reproduce the course's numbers
     * @return a new checker
     * @throws IllegalArgumentException unless ε is positive and finite
     */
    public GradientChecker withEpsilon(double epsilon) {
        return new GradientChecker(StepSize.fixed(epsilon), precisionChosen, ReportFactory.settings(settings));
    }

    /**
     * With steps εᵢ = factor · max(|θᵢ|, 1).
     *
     * @param factor the step where |θᵢ| ≤ 1; the default is ∛u ≈ 4.8e-6 for double, and follows
     *     {@link #withPrecision} unless set here
     * @return a new checker
     * @throws IllegalArgumentException unless the factor is positive and finite
     */
    public GradientChecker withRelativeStep(double factor) {
        return new GradientChecker(StepSize.relative(factor), precisionChosen, ReportFactory.settings(settings));
    }

    /**
     * With the difference quotient {@code stencil}.
     *
     * @param stencil the difference quotient
     * @return a new checker
     */
    public GradientChecker withStencil(Stencil stencil) {
        return changed(builder -> builder.stencil(stencil));
    }

    /**
     * For a loss computed in {@code precision}. The default step becomes that precision's ∛u, so
     * {@code withPrecision(FLOAT)} is all a float model needs, before or after the other
     * {@code with…}; a step set by {@link #withEpsilon} or {@link #withRelativeStep} stays as it is.
     * Without it, a model whose parameters include a float block ({@code float[]},
     * {@code float[][]}, a float {@link ElementStorage}) is checked with {@link Precision#FLOAT}, as
     * its loss is then almost surely computed in float; {@code withPrecision(DOUBLE)} checks it with
     * double's steps (steps still land on floats: each quotient uses the step actually taken).
     *
     * @param precision the arithmetic the loss is computed in
     * @return a new checker
     */
    public GradientChecker withPrecision(Precision precision) {
        return new GradientChecker(chosenStep, true, ReportFactory.settings(settings).precision(precision));
    }

    /**
     * With how many times its estimated error a disagreement must exceed to be a mismatch.
     *
     * @param margin the multiple; the default is {@value #DEFAULT_MARGIN}
     * @return a new checker
     * @throws IllegalArgumentException unless the margin is positive and finite
     */
    public GradientChecker withMargin(double margin) {
        return changed(builder -> builder.margin(margin));
    }

    /**
     * With the relative error an element must exceed to be a mismatch.
     *
     * @param threshold a relative error |g − n| / (|g| + |n|) over it (strictly) can fail; the
     *     default is {@value #DEFAULT_THRESHOLD}
     * @return a new checker
     * @throws IllegalArgumentException unless the threshold is positive and finite
     */
    public GradientChecker withThreshold(double threshold) {
        return changed(builder -> builder.threshold(threshold));
    }

    /**
     * With the floor below which relative errors are measured against the floor.
     *
     * @param floor the least |analytic| + |numeric| a relative error divides by; the default is
     *     {@value #DEFAULT_RELATIVE_ERROR_FLOOR}
     * @return a new checker
     * @throws IllegalArgumentException unless the floor is positive and finite
     */
    public GradientChecker withRelativeErrorFloor(double floor) {
        return changed(builder -> builder.relativeErrorFloor(floor));
    }

    /**
     * With how far apart, relatively, two evaluations of the loss or of the gradient at the same
     * parameters may be before the model counts as not deterministic and is refused.
     *
     * @param tolerance the largest relative difference between two evaluations at the same point
     *     that is taken for round-off; the default is {@value #DEFAULT_NONDETERMINISM_TOLERANCE}
     * @return a new checker
     * @throws IllegalArgumentException unless the tolerance is positive and finite
     */
    public GradientChecker withNondeterminismTolerance(double tolerance) {
        return changed(builder -> builder.nondeterminismTolerance(tolerance));
    }

    /**
     * With how many of the worst elements the report keeps.
     *
     * @param offenders how many; 0 keeps none
     * @return a new checker
     * @throws IllegalArgumentException if {@code offenders} is negative
     */
    public GradientChecker withOffenders(int offenders) {
        return changed(builder -> builder.offenders(offenders));
    }

    /**
     * With the seed of everything random: directions and samples.
     *
     * @param seed the seed; the same seed checks the same elements along the same directions
     * @return a new checker
     */
    public GradientChecker withSeed(long seed) {
        return changed(builder -> builder.seed(seed));
    }

    /**
     * With how much of θ to check element by element; see {@link CheckMode}.
     *
     * @param mode the mode
     * @return a new checker
     */
    public GradientChecker withMode(CheckMode mode) {
        return changed(builder -> builder.mode(mode));
    }

    /**
     * In {@link CheckMode#SAMPLED} mode, with {@code samples} elements per block.
     *
     * @param samples how many; the default is {@value #DEFAULT_SAMPLES_PER_BLOCK}
     * @return a new checker
     * @throws IllegalArgumentException if {@code samples} is below 1
     */
    public GradientChecker withSamplesPerBlock(int samples) {
        return changed(builder -> builder.samplesPerBlock(samples));
    }

    /**
     * With {@code threads} threads checking elements at once, for models that can be copied (a
     * {@link DifferentiableFunction}, or a {@link CopyableModel}); others are checked on the
     * calling thread. Results are the same, bit for bit, whatever the number. The threads are shared
     * by every check in the JVM (at most one fewer than the processors, made when first needed), so
     * checks running at once never multiply them; this number sets how many chunks, each on its own
     * copy of the model, a check's elements are split into. A check whose elements would take under
     * 1 ms (2 loss evaluations per element, timed at θ) or that has fewer than 64 elements runs on the
     * calling thread alone and makes no copy.
     *
     * @param threads how many at most; the default is {@link #DEFAULT_THREADS}
     * @return a new checker
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public GradientChecker withThreads(int threads) {
        return changed(builder -> builder.threads(threads));
    }

    /**
     * For layer checks, with {@code probes} seeded random upstream gradients dy where the Jacobian
     * is not checked whole. Each costs one backward call (two, with the determinism check) and a
     * few forward calls; the 2N forward calls of the element differences are shared by all probes.
     *
     * @param probes how many; the default is {@value #DEFAULT_PROBES}
     * @return a new checker
     * @throws IllegalArgumentException if {@code probes} is below 1
     */
    public GradientChecker withProbes(int probes) {
        return changed(builder -> builder.probes(probes));
    }

    /**
     * For layer checks, the whole Jacobian (one probe per output, naming a wrong ∂y[i]/∂x[j]) for
     * layers with at most {@code outputs} outputs; 0 never, {@link Integer#MAX_VALUE} always.
     *
     * @param outputs the most outputs; the default is {@value #DEFAULT_JACOBIAN_OUTPUTS}
     * @return a new checker
     * @throws IllegalArgumentException if {@code outputs} is negative
     */
    public GradientChecker withJacobianOutputs(int outputs) {
        return changed(builder -> builder.jacobianOutputs(outputs));
    }

    /**
     * With at most {@code evaluations} loss evaluations for a full check, counted with all its
     * evidence (2 + 8 + 2N + 5B for N parameters in B blocks, 4N with the five-point stencil; second
     * looks at mismatches aside); a larger model is checked along random directions instead, and the
     * report says so. 0 for no limit.
     *
     * @param evaluations the most loss evaluations, or 0
     * @return a new checker
     */
    public GradientChecker withEvaluationBudget(long evaluations) {
        return changed(builder -> builder.evaluationBudget(evaluations));
    }

    /**
     * With at most {@code budget} for a full check, estimated from the time of one loss evaluation
     * before the check starts; a larger model is checked along random directions instead, and the
     * report says so. {@link Duration#ZERO} for no limit.
     *
     * @param budget the longest a full check may take, or {@link Duration#ZERO}
     * @return a new checker
     */
    public GradientChecker withTimeBudget(Duration budget) {
        return changed(builder -> builder.timeBudget(budget));
    }

    /**
     * The settings this checker runs with.
     *
     * @return the settings, as its reports record them
     */
    public CheckSettings settings() {
        return settings;
    }

    /**
     * Checks every parameter of {@code model}. The model's arrays are perturbed in place and are,
     * when this returns or throws, bit for bit as they were.
     *
     * @param model the model, at the point to check
     * @return the report; a wrong gradient is a report whose verdict failed, not an exception
     * @throws GradientCheckException if the check cannot be carried out: the model throws, its loss
     *     or gradient is not finite or not deterministic, or its gradient does not fit its parameters
     */
    public GradientCheckReport check(DifferentiableModel model) {
        Objects.requireNonNull(model, "model");
        return NumericCheck.run(model, settings, forFloats());
    }

    /**
     * Checks {@code function} at {@code parameters}. The array is not written to.
     *
     * @param function the function
     * @param parameters the point θ, in the function's layout
     * @return the report; a wrong gradient is a report whose verdict failed, not an exception
     * @throws GradientCheckException if the check cannot be carried out, as for a model
     * @throws IllegalArgumentException if the point's length does not match the layout
     */
    public GradientCheckReport check(DifferentiableFunction function, double... parameters) {
        Objects.requireNonNull(function, "function");
        return check(function.at(parameters));
    }

    /**
     * Checks {@code layer} at {@code inputs}: the gradients its backward pass returns for every
     * differentiable input and every parameter, against differences of its forward pass, through
     * J = ⟨dy, f(x; W)⟩ for seeded random probes dy (the whole Jacobian for layers with at most
     * {@link CheckSettings#jacobianOutputs()} outputs), and the contracts of a backward pass.
     * Inputs and parameters are perturbed in place and are, when this returns or throws, bit for
     * bit as they were.
     *
     * @param layer the layer
     * @param inputs the inputs to check it at
     * @return the report: a block per input and per parameter; see {@link GradientCheckReport#layer()}
     * @throws GradientCheckException if the check cannot be carried out: a pass throws, returns
     *     non-finite values or another number of outputs, is not deterministic, modifies its inputs,
     *     dy or parameters, or returns gradients that do not fit
     */
    public GradientCheckReport check(DifferentiableLayer layer, LayerInputs inputs) {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(inputs, "inputs");
        return LayerCheck.run(layer, inputs, settings, forFloats());
    }

    /**
     * Checks a layer at its inputs, as {@link #check(DifferentiableLayer, LayerInputs)} does.
     *
     * @param layer the layer and its inputs, from {@link DifferentiableLayer#at(LayerInputs)}
     * @return the report: a block per input and per parameter; see {@link GradientCheckReport#layer()}
     * @throws GradientCheckException if the check cannot be carried out, as for a layer and its inputs
     */
    public GradientCheckReport check(LayerAtInputs layer) {
        Objects.requireNonNull(layer, "layer");
        return check(layer.layer(), layer.inputs());
    }

    /**
     * Checks {@code model}'s Hessian-vector product H·v against differences of its gradient, after
     * checking the gradient itself. The gradient is treated as a layer's output and H·v as its
     * backward pass (H is symmetric, so H·v is the gradient's vector-Jacobian product): each
     * element of θ is moved by ±ε once and the whole gradient kept, which gives every probe's
     * differences (Hv)ᵢ; the probes v are {@link #withProbes seeded random} vectors, or the basis
     * vectors (the whole Hessian) when θ has at most {@link #withJacobianOutputs} elements. Cost,
     * besides the first-order check: 2 + 2N gradient calls shared by all k probes, plus the
     * engine's fixed evaluations for each probe (1 where its elements all match with the least noise
     * the loss can have, else 2 + 8 + 5 per block); 2k + 1 H·v calls.
     *
     * <p>If the gradient fails its own check, H·v is not compared, since its numeric side would be
     * differences of the wrong gradient: the report is then the gradient's, failed, with a warning
     * that says so, and {@link GradientCheckReport#secondOrder()} says it was not compared.
     * Parameters are, when this returns or throws, bit for bit as they were.
     *
     * @param model the model
     * @return the report: the blocks are the parameters, the values compared are the elements of H·v
     * @throws GradientCheckException if the check cannot be carried out, as for {@link #check(DifferentiableModel)},
     *     or the Hessian-vector product throws, returns blocks that do not fit, is not linear in v
     *     or modifies the parameters
     */
    public GradientCheckReport checkSecondOrder(TwiceDifferentiableModel model) {
        Objects.requireNonNull(model, "model");
        return SecondOrderCheck.run(model, settings, forFloats());
    }

    /**
     * Checks {@code function}'s Hessian-vector product at {@code parameters}, as
     * {@link #checkSecondOrder(TwiceDifferentiableModel)} checks a model's. The array is not written to.
     *
     * @param function the function
     * @param parameters the point θ, in the function's layout
     * @return the report
     * @throws GradientCheckException if the check cannot be carried out, as for a model
     * @throws IllegalArgumentException if the point's length does not match the layout
     */
    public GradientCheckReport checkSecondOrder(TwiceDifferentiableFunction function, double... parameters) {
        Objects.requireNonNull(function, "function");
        return checkSecondOrder(function.at(parameters));
    }

    /**
     * Checks {@code layer}'s double backward (the backward pass of its backward pass) after checking
     * its backward pass: for a seeded random upstream gradient dy, x ↦ backward(x, dy) is checked
     * as a layer whose backward pass is {@link TwiceDifferentiableLayer#doubleBackward}, over the
     * differentiable inputs and the parameters, with the probes and whole-Jacobian setting of a
     * layer check. If the backward pass fails its own check, the double backward is not compared and
     * the report is the backward pass's, with a warning.
     *
     * @param layer the layer
     * @param inputs the inputs to check it at
     * @return the report: a block per input and per parameter, the values compared those of the double backward
     * @throws GradientCheckException if the check cannot be carried out, as for {@link #check(DifferentiableLayer, LayerInputs)}
     */
    public GradientCheckReport checkSecondOrder(TwiceDifferentiableLayer layer, LayerInputs inputs) {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(inputs, "inputs");
        return SecondOrderCheck.run(layer, inputs, settings, forFloats());
    }

    /** The settings for a check whose blocks hold floats: float precision, unless one was chosen (null then). */
    private CheckSettings forFloats() {
        if (precisionChosen) {
            return null;
        }
        CheckSettings made = forFloats;
        if (made == null) {
            made = withPrecision(Precision.FLOAT).settings();
            forFloats = made;
        }
        return made;
    }

    /**
     * Checks every state of {@code states}, in order, each a fresh model; one report per state.
     *
     * @param <M> the model's type
     * @param states the states
     * @return the reports, in the order of the states
     */
    public <M extends DifferentiableModel> List<GradientCheckReport> check(ModelStates<M> states) {
        Objects.requireNonNull(states, "states");
        List<GradientCheckReport> reports = new ArrayList<>();
        for (int i = 0; i < states.names().size(); i++) {
            reports.add(check(states.get(i).named()));
        }
        return reports;
    }

    /**
     * The settings, as a person reads them.
     *
     * @return e.g. {@code GradientChecker[step=relative 4.81e-6, stencil=centered, precision=double, …]}
     */
    @Override
    public String toString() {
        StepSize step = settings.step();
        return "GradientChecker[step=" + (step.relative() ? "relative " + Numbers.rounded(step.value())
                : "fixed " + Numbers.setting(step.value()))
                + ", stencil=" + word(settings.stencil()) + ", precision=" + word(settings.precision())
                + ", margin=" + Numbers.setting(settings.margin()) + ", threshold=" + Numbers.setting(settings.threshold())
                + ", relativeErrorFloor=" + Numbers.setting(settings.relativeErrorFloor())
                + ", nondeterminismTolerance=" + Numbers.setting(settings.nondeterminismTolerance())
                + ", offenders=" + settings.offenders() + ", seed=" + settings.seed() + ", mode=" + word(settings.mode())
                + ", samplesPerBlock=" + settings.samplesPerBlock() + ", probes=" + settings.probes()
                + ", jacobianOutputs=" + settings.jacobianOutputs() + ", threads=" + settings.threads()
                + ", evaluationBudget=" + (settings.evaluationBudget() == 0 ? "none" : settings.evaluationBudget())
                + ", timeBudget=" + (settings.timeBudget().isZero() ? "none" : duration(settings.timeBudget())) + "]";
    }

    /** An enum constant as the configuration parameters spell it: {@code five-point}. */
    private static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code 30s}, {@code 1500ms}, as the configuration parameters take it. */
    private static String duration(Duration duration) {
        return duration.toMillisPart() == 0 && duration.getNano() == 0 ? duration.toSeconds() + "s"
                : duration.toMillis() + "ms";
    }
}
