package io.github.gradcheck.internal.engine;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.format.Shapes;
import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.TaylorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One check, in order: the loss at θ, and the gradient twice to make sure it is deterministic;
 * the loss again at θ (deterministic too?) and its noise along a random direction; the elements,
 * all of them, a sample, or those that random directions point at (see {@link CheckMode}), each by
 * an {@link ElementProbe} on the model's own arrays, perturbed in place and restored bit for bit,
 * on several threads where the model can be copied; a Taylor test per block, which in the cheap
 * modes is followed where it contradicts a block that no checked element faults; and a diagnosis per
 * failing block (a partial one where only some of its elements were checked).
 *
 * <p>A full check with the centered stencil takes every element's first look before the second
 * loss and the noise, with the least noise the loss can have (u·|J(θ)|), and ends there
 * where every element matches; otherwise it goes on as above, its first looks judged again with the
 * measured noise, and comes to the same report as if the noise had come first.
 *
 * <p>Cost of a full check for N parameters and B blocks with the centered stencil: 1 + 2N loss
 * and 2 gradient evaluations where every element matches with the least noise; otherwise 2N loss
 * evaluations, plus 2 or 4 per element looked at again, plus 2 + 8 + 5B, and 2 gradient
 * evaluations; no copy of θ per element.
 */
public final class NumericCheck {

    /**
     * The noise estimate's step, in units of u: 10⁴ ulps moves every intermediate result enough to
     * sample its rounding, while a span of 8 such steps (≈ 1e-11 · max(|θᵢ|, 1) in double) stays clear
     * of all but the closest kinks and leaves no curvature in third differences. In a float block
     * each element's step is a power of two of at least one float ulp of θᵢ, so that the points are
     * floats and equally spaced (see {@link Workspace#representable}).
     */
    private static final double NOISE_STEP = 1e4;
    /**
     * How much wider the noise estimate's span gets when the loss did not change at all over it:
     * a loss that moves in steps (a probability next to 1 rounded inside a log) has noise that a
     * span inside one step cannot see, and taking it for none would make its own steps look like
     * bugs. Moré and Wild widen h the same way when ECnoise sees equal values. 100-fold, until the
     * loss moves or the span reaches the element step ε.
     */
    private static final double NOISE_WIDENING = 100;
    /**
     * Where each point of the noise estimate is, for a failure there: written once, with a
     * StringBuilder, so that a passing check concatenates no string (a first concatenation of each
     * shape costs a JVM a few hidden classes).
     */
    private static final String AT_THETA = "at the unperturbed parameters";
    private static final String[] NOISE_WHERE = new String[NoiseEstimate.POINTS];

    static {
        for (int k = 1; k < NOISE_WHERE.length; k++) {
            NOISE_WHERE[k] = new StringBuilder("at θ + ").append(k)
                    .append("·δ·d, a tiny step along a random direction d (noise estimate)").toString();
        }
    }

    /** Loss evaluations of a check besides the elements': 2 at θ and 8 for the noise estimate. */
    private static final int FIXED_EVALUATIONS = 2 + NoiseEstimate.POINTS - 1;
    /** Loss evaluations of each block's Taylor test. */
    private static final int TAYLOR_EVALUATIONS = 5;

    private final ModelCalls calls;
    private final CheckSettings settings;
    private final ElementClassifier classifier;
    private final List<String> warnings = new ArrayList<>();
    private final ParallelProbe parallel;
    /** The faster of the two loss evaluations at θ, for whether threads can pay ({@link ParallelProbe#workers}). */
    private long fastestLossNanos = Long.MAX_VALUE;
    /** The warning that a full check would exceed a budget, added after the noise estimate's; null where none would. */
    private String fallback;
    /** How many elements were judged at a jittered point, off coinciding kinks. */
    private int jitteredElements;
    /**
     * The model's calls on this thread when θ was last found equal to its original: a stage that
     * called the model no more (a report, a judgement with nothing to judge) cannot have changed θ,
     * and a comparison costs a pass over θ (about 1 ms at a million parameters).
     */
    private long callsWhenCompared = -1;
    /** Rounds of cheap-mode directions and coinciding-kink judgements, at the most. */
    private static final int KINK_ROUNDS = 32;

    private NumericCheck(DifferentiableModel model, ModelCalls calls, CheckSettings settings) {
        this.calls = calls;
        this.settings = settings;
        this.classifier = new ElementClassifier(settings);
        this.parallel = new ParallelProbe(model, calls.name(), settings.threads());
    }

    public static GradientCheckReport run(DifferentiableModel model, CheckSettings settings) {
        return run(model, settings, null);
    }

    /**
     * Checks {@code model} with {@code settings}, or with {@code forFloats} where any of its blocks
     * holds floats: the settings of a check whose precision nobody chose, for float parameters
     * (null: {@code settings} whatever the blocks hold).
     */
    public static GradientCheckReport run(DifferentiableModel model, CheckSettings settings, CheckSettings forFloats) {
        ModelCalls calls = new ModelCalls(model);
        ParameterArrays parameters = calls.parameters();
        boolean floats = forFloats != null && new Workspace(parameters, calls).holdsFloats();
        return new NumericCheck(model, calls, floats ? forFloats : settings).run(parameters);
    }

    private GradientCheckReport run(ParameterArrays parameters) {
        long start = System.nanoTime();
        ParameterLayout layout = parameters.layout();
        double[] original = parameters.toVector();
        Workspace workspace = new Workspace(parameters, calls);
        try {
            double loss = lossAtTheta(parameters, original);
            lossAgainAtTheta(parameters, original, loss);
            double[] gradient = deterministicGradient(parameters, original);
            // Steps and directions are scaled by max(|θᵢ|, 1) of the original θ (Directions.scale), computed where used.
            double[] scale = original;
            // The mode first, its warning after the noise estimate's: a partial check bounds the noise estimate's direction.
            CheckMode mode = mode(layout, fastestLossNanos);
            int[] sample = mode == CheckMode.SAMPLED ? BlockSample.of(layout, gradient, settings) : null;
            BoundedCoordinates bounded = mode == CheckMode.FULL ? null
                    : BoundedCoordinates.of(layout, gradient, sample, settings.seed());
            // A partial check keeps the results of the elements it looked at only: no array of N.
            ElementResults elements = mode == CheckMode.FULL ? ElementResults.dense(layout.size())
                    : ElementResults.sparse(layout.size());
            double floor = noiseFloor(loss);
            ParallelProbe.FirstLooks looks = null;
            if (mode == CheckMode.FULL && settings.stencil() == Stencil.CENTERED && floor > 0) {
                ElementProbe floorProbe = new ElementProbe(settings, classifier, loss, floor, original, scale);
                looks = parallel.firstLooks(workspace, floorProbe, gradient, null, elements, fastestLossNanos);
                if (everyElementMatches(elements)) {
                    GradientCheckReport report = report(workspace, mode, original, loss, floor, false, gradient, elements,
                            taylorNotRun(layout), start);
                    requireUnchanged(parameters, original);
                    return report;
                }
                // A parameter the model changed during the first looks is its own doing, not the noise estimate's.
                requireUnchanged(parameters, original);
            }
            double noise = noise(workspace, original, scale, loss, bounded);
            if (fallback != null) {
                warnings.add(fallback);
            }
            ElementProbe probe = new ElementProbe(settings, classifier, loss, noise, original, scale);
            DirectionalSearch search = new DirectionalSearch(settings, classifier, probe, workspace, noise, original, scale,
                    gradient, elements, warnings);
            switch (mode) {
                case FULL -> {
                    if (looks == null) {
                        parallel.probeAll(workspace, probe, gradient, null, elements, fastestLossNanos);
                    } else {
                        parallel.laterLooks(parallel.judgedAgain(looks, probe, gradient, elements), probe,
                                gradient, elements);
                    }
                }
                case SAMPLED -> {
                    parallel.probeAll(workspace, probe, gradient, sample, elements, fastestLossNanos);
                    search.cover();
                }
                case RANDOM_DIRECTIONS -> search.search();
            }
            requireUnchanged(parameters, original);
            List<TaylorTest> taylor = taylorTests(workspace, original, scale, loss, noise, gradient, bounded);
            if (mode != CheckMode.FULL) {
                confirmContradictions(search, layout, taylor, elements, scale, bounded);
            }
            requireUnchanged(parameters, original);
            judgeCoincidingKinks(mode, search, layout, taylor, workspace, original, scale, noise, gradient, elements, bounded);
            requireUnchanged(parameters, original);
            GradientCheckReport report = report(workspace, mode, original, loss, noise, true, gradient, elements, taylor,
                    start);
            requireUnchanged(parameters, original);
            return report;
        } catch (RuntimeException | Error e) {
            ParameterAccess.get().restore(parameters, original, 0, original.length);
            throw e;
        }
    }

    /**
     * The least noise a loss can have: one rounding of J(θ), u·|J(θ)|, also the floor under the
     * measured noise ({@link #noise}). A full check with the centered stencil takes its first looks
     * with it, before it measures anything else, because more noise only widens an element's
     * tolerance ({@link ElementClassifier#compare}): an element that matches with the least noise
     * matches with any. Where all match, the check is done, and the evidence it would have gathered
     * next could not change a verdict: the noise estimate only widens tolerances; the second loss at
     * θ only tells a random loss from a bug where elements mismatch; and a Taylor test along a random
     * direction is a weaker test than the elements' own central differences, which it sums: its steps
     * (1e-2 … 6e-4 of θ) are far too large to resolve an error below every element's tolerance, and a
     * contradiction it found over matching elements would only be a warning.
     */
    private double noiseFloor(double loss) {
        return settings.precision().unitRoundoff() * Math.abs(loss);
    }

    /** Whether every element's verdict is a match: not one unreliable, kink or mismatch. */
    private static boolean everyElementMatches(ElementResults elements) {
        return elements.verdictCounts(0, elements.size)[ElementVerdict.MATCH.ordinal()] == elements.size;
    }

    /** For a check that ran no Taylor test, each block's test, not run, in the layout's order. */
    private static List<TaylorTest> taylorNotRun(ParameterLayout layout) {
        TaylorTest notRun = ReportFactory.taylorTestNotRun();
        List<TaylorTest> tests = new ArrayList<>(layout.blocks().size());
        for (int b = 0; b < layout.blocks().size(); b++) {
            tests.add(notRun);
        }
        return tests;
    }

    /**
     * Mismatches where the analytic gradient jumps, judged again off the kinks (see
     * {@link CoincidingKinks}). A cheap mode gives a block that already mismatches neither its
     * covering direction nor its Taylor test's follow-up; where the judgement turns those mismatches
     * into kinks, the block gets both now, and what they find is judged in turn, until a round finds
     * nothing new. After {@link #KINK_ROUNDS} rounds the last findings stay mismatches: a false
     * alarm is possible there, a passed bug is not.
     */
    private void judgeCoincidingKinks(CheckMode mode, DirectionalSearch search, ParameterLayout layout, List<TaylorTest> taylor,
                                      Workspace workspace, double[] original, double[] scale, double noise,
                                      double[] gradient, ElementResults elements, BoundedCoordinates bounded) {
        CoincidingKinks kinks = new CoincidingKinks(settings, classifier, noise, scale);
        CoincidingKinks.Judged round = kinks.judge(workspace, original, gradient, elements);
        CoincidingKinks.Judged judged = round;
        for (int rounds = 1; mode != CheckMode.FULL && round.elements() > round.stillMismatch(); rounds++) {
            search.cover();
            confirmContradictions(search, layout, taylor, elements, scale, bounded);
            if (rounds == KINK_ROUNDS) {
                warnings.add("after " + KINK_ROUNDS + " rounds of directions and judgements at coinciding kinks,"
                        + " the mismatches found last were not judged again: they may be kinks; a full check (mode full) judges"
                        + " every element");
                break;
            }
            round = kinks.judge(workspace, original, gradient, elements);
            judged = judged.plus(round);
        }
        jitteredElements = judged.elements();
        if (judged.elements() > 0) {
            warnings.add(judged.elements() + (judged.elements() == 1 ? " element" : " elements") + " mismatched where"
                    + " the analytic gradient jumps (several kinks meeting at θ, e.g. ReLUs exactly at 0 or a clamp exactly"
                    + " on its bounds), so each was judged again at θ ± η, a seeded jitter of about ε/16 that separates the"
                    + " kinks: " + (judged.elements() - judged.stillMismatch()) + " agreed there (a choice of subgradient at θ,"
                    + " counted as kinks), " + judged.stillMismatch() + " still mismatch");
        }
    }

    /**
     * The mode asked for, or random directions where a full check would exceed a budget; then
     * {@link #fallback} says so.
     */
    private CheckMode mode(ParameterLayout layout, double lossNanos) {
        if (settings.mode() != CheckMode.FULL) {
            return settings.mode();
        }
        long full = fullCheckWithEvidence(layout);
        if (settings.evaluationBudget() > 0 && full > settings.evaluationBudget()) {
            fallback = "a full check would take " + full + " loss evaluations, over the budget of "
                    + settings.evaluationBudget() + ": checked along random directions instead";
            return CheckMode.RANDOM_DIRECTIONS;
        }
        Duration estimate = Duration.ofNanos((long) (full * lossNanos));
        if (!settings.timeBudget().isZero() && estimate.compareTo(settings.timeBudget()) > 0) {
            fallback = "a full check would take about " + Numbers.fixed(estimate.toNanos() / 1e9, 1) + " s (" + full
                    + " loss evaluations of " + Numbers.fixed(lossNanos / 1e3, 1) + " µs), over the budget of "
                    + Numbers.fixed(settings.timeBudget().toNanos() / 1e9, 1) + " s: checked along random directions instead";
            return CheckMode.RANDOM_DIRECTIONS;
        }
        return CheckMode.FULL;
    }

    /**
     * What a full check costs at the least, in loss evaluations: with the centered stencil 2 + 2N,
     * a check whose elements all match with the least noise ({@link #noiseFloor}); with the
     * five-point stencil, which measures the noise first, 2 + 8 + 4N + 5B.
     */
    private long fullCheckEvaluations(ParameterLayout layout) {
        if (settings.stencil() == Stencil.CENTERED) {
            return 2 + 2L * layout.size();
        }
        return fullCheckWithEvidence(layout);
    }

    /**
     * What a full check costs with all its evidence, as a check with a mismatch takes it (second
     * looks at mismatches aside): 2 + 8 + 2N + 5B, 4N with the five-point stencil. A budget is
     * compared with this, so that a check within its budget stays within it whether or not its
     * elements all match.
     */
    private long fullCheckWithEvidence(ParameterLayout layout) {
        long perElement = settings.stencil() == Stencil.FIVE_POINT ? 4 : 2;
        return FIXED_EVALUATIONS + perElement * layout.size() + (long) TAYLOR_EVALUATIONS * layout.blocks().size();
    }

    /**
     * J(θ), with θ compared with its original after the call, so that a loss() that changes its
     * parameters (weight decay, clipping) is named as such, also one whose next call would undo the
     * change. Times the call, for the budget and the threads ({@link #fastestLossNanos}).
     */
    private double lossAtTheta(ParameterArrays parameters, double[] original) {
        long before = System.nanoTime();
        double loss = calls.loss(AT_THETA);
        fastestLossNanos = System.nanoTime() - before;
        requireUnchangedBy("loss", parameters, original, AT_THETA);
        return loss;
    }

    /**
     * J(θ) evaluated again, against {@code first}, the first evaluation: where they differ by more
     * than the nondeterminism tolerance, the loss is random (dropout, a seed), and the check stops
     * with what to do; where they differ at all, a warning. Taken right after the first, in every
     * check: a random loss stops before any element is looked at, and a loss whose randomness hides
     * under the elements' relative threshold (a loss far smaller than its gradient) is named, not
     * passed by a check that ends after its first looks. θ is compared with its original after the
     * call, so that a loss() that changes its parameters is not taken for randomness.
     */
    private void lossAgainAtTheta(ParameterArrays parameters, double[] original, double first) {
        long again = System.nanoTime();
        double second = calls.loss(AT_THETA + ", evaluated again");
        fastestLossNanos = Math.min(fastestLossNanos, System.nanoTime() - again);
        requireUnchangedBy("loss", parameters, original, AT_THETA + ", evaluated again");
        double difference = Math.abs(first - second);
        if (difference > settings.nondeterminismTolerance() * Math.max(Math.abs(first), Math.abs(second))) {
            throw new GradientCheckException("the loss of " + calls.name() + " is not deterministic: two evaluations at"
                    + " the same parameters gave " + first + " and " + second + " (they differ by "
                    + Numbers.scientific(difference, 2) + ", over the nondeterminism tolerance of "
                    + Numbers.setting(settings.nondeterminismTolerance()) + " relatively). A gradient check compares"
                    + " losses a step apart, so every evaluation must see the same function: turn dropout off"
                    + " (keep-prob = 1), reset the random seed before every evaluation, and freeze batch statistics"
                    + " (evaluation mode).");
        }
        if (difference > 0) {
            warnings.add("the loss differs by " + Numbers.magnitude(difference) + " between two"
                    + " evaluations at the same point: round-off from an unordered sum, counted in the noise estimate");
        }
    }

    /**
     * The analytic gradient, evaluated twice, with θ compared with its original after each call.
     * Where the two differ, a third call tells a gradient that grows by the same increment each
     * call (a buffer added into and never zeroed) from one that is random.
     */
    private double[] deterministicGradient(ParameterArrays parameters, double[] original) {
        ParameterLayout layout = parameters.layout();
        double[] first = calls.gradient(layout);
        requireUnchangedBy("gradient", parameters, original, AT_THETA);
        double tolerance = settings.nondeterminismTolerance();
        // Compared where it is read: the second gradient is copied only where it differs.
        double[] second = calls.gradientUnlessAlike(layout, first, tolerance);
        requireUnchangedBy("gradient", parameters, original, AT_THETA + ", evaluated again");
        int worst = second == null ? -1 : largestDifference(first, second);
        if (worst < 0 || Math.abs(first[worst] - second[worst]) <= tolerance * largest(first, second)) {
            return first;
        }
        double[] third = calls.gradient(layout);
        requireUnchangedBy("gradient", parameters, original, AT_THETA + ", evaluated a third time");
        GradientGrowth growth = GradientGrowth.of(layout, first, second, third, tolerance);
        if (growth != null) {
            throw new GradientCheckException("the analytic gradient of " + calls.name() + " is not deterministic: the"
                    + " gradient grows between calls (" + (Double.isNaN(growth.factor()) ? "by the same increment on each"
                    : "×" + Numbers.fixed(growth.factor(), 2) + " on the second") + growth.where()
                    + "): a gradient buffer is not zeroed. Three evaluations at the same parameters"
                    + " gave " + layout.label(worst) + " = " + first[worst] + ", " + second[worst] + " and " + third[worst]
                    + "; set the gradient arrays to zero at the start of gradient() (or assign, not add, into them).");
        }
        throw new GradientCheckException("the analytic gradient of " + calls.name() + " is not deterministic: two"
                + " evaluations at the same parameters differ most at " + layout.label(worst) + " (" + first[worst]
                + " and " + second[worst] + "), over the nondeterminism tolerance of " + Numbers.setting(tolerance)
                + " relatively. Turn dropout off (keep-prob = 1), reset the random seed before"
                + " every evaluation, and freeze batch statistics (evaluation mode).");
    }

    /** The index where {@code a} and {@code b} differ most, or −1 where they are equal. */
    private static int largestDifference(double[] a, double[] b) {
        double largest = 0;
        int worst = -1;
        for (int i = 0; i < a.length; i++) {
            double difference = Math.abs(a[i] - b[i]);
            if (difference > largest) {
                largest = difference;
                worst = i;
            }
        }
        return worst;
    }

    /** The largest |element| of {@code a} and {@code b}. */
    private static double largest(double[] a, double[] b) {
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.max(Math.abs(a[i]), Math.abs(b[i])));
        }
        return largest;
    }

    /** Fails, naming the element, the values and the call, if {@code call} left θ other than {@code original}. */
    private void requireUnchangedBy(String call, ParameterArrays parameters, double[] original, String where) {
        int changed = ParameterAccess.get().firstDifference(parameters, original);
        if (changed >= 0) {
            throw calls.changedParameter(call, parameters.layout(), changed, original[changed],
                    parameters.toVector()[changed], where);
        }
    }

    /**
     * Fails if the model changed a parameter itself. Called where every parameter should be at its
     * original value: after the unperturbed evaluations, after the elements, and at the end.
     */
    private void requireUnchanged(ParameterArrays parameters, double[] original) {
        long modelCalls = calls.lossEvaluations() + calls.gradientEvaluations();
        if (modelCalls == callsWhenCompared) {
            return;
        }
        callsWhenCompared = modelCalls;
        int changed = ParameterAccess.get().firstDifference(parameters, original);
        if (changed >= 0) {
            double found = parameters.toVector()[changed];
            throw new GradientCheckException(calls.name() + " changed its own parameter " + parameters.layout().label(changed)
                    + " (flat index " + changed + ") from " + original[changed] + " to " + found
                    + " while the check ran; loss() and gradient() must not modify the parameters."
                    + " All parameters have been restored.");
        }
    }

    /**
     * σ of the loss's noise, from {@link NoiseEstimate#POINTS} points a tiny step apart along a random
     * direction: over all of θ, or, in a partial check with a block larger than
     * {@link BoundedCoordinates#BOUND}, over the bounded coordinates of the large blocks and all of
     * the others ({@code bounded}; null in a full check).
     */
    private double noise(Workspace workspace, double[] original, double[] scale, double loss, BoundedCoordinates bounded) {
        double delta = NOISE_STEP * settings.precision().unitRoundoff();
        // The widest span worth sampling: the element step ε itself, over the estimate's 8 steps.
        double widest = settings.step().value() / (NoiseEstimate.POINTS - 1);
        double[] values = noiseValues(workspace, original, scale, loss, delta, bounded);
        double first = delta;
        while (unchanged(values, loss) && delta < widest) {
            delta = Math.min(delta * NOISE_WIDENING, widest);
            values = noiseValues(workspace, original, scale, loss, delta, bounded);
        }
        double floor = noiseFloor(loss);
        if (unchanged(values, loss)) {
            warnings.add("the loss did not change at all when θ moved by " + Numbers.scientific(first, 0) + " to "
                    + Numbers.scientific(delta, 0) + " · max(|θᵢ|, 1): does the model round its parameters (to float?) or"
                    + " ignore small changes? If it computes in float, check with precision float");
        } else if (delta > first) {
            warnings.add("the loss did not change at all when θ moved by " + Numbers.scientific(first, 0)
                    + " · max(|θᵢ|, 1), only by " + Numbers.scientific(delta, 0) + ": it moves in steps (rounding in an"
                    + " intermediate, e.g. a probability next to 1), so its noise was measured there, σ ≈ "
                    + Numbers.magnitude(Math.max(NoiseEstimate.of(values), floor)));
        }
        return Math.max(NoiseEstimate.of(values), floor);
    }

    /** The loss at θ + k·δ·d for k = 1 … 8 along the seeded noise direction d, after {@code loss} at θ. */
    private double[] noiseValues(Workspace workspace, double[] original, double[] scale, double loss, double delta,
                                 BoundedCoordinates bounded) {
        if (bounded != null && bounded.any()) {
            return boundedNoiseValues(workspace, original, scale, loss, delta, bounded);
        }
        double[] direction = new double[original.length];
        Directions.signs(Directions.noise(settings.seed()), scale, delta, direction, 0, direction.length);
        workspace.representable(original, direction, NoiseEstimate.POINTS - 1);
        double[] values = workspace.lossesAlong(original, direction, NoiseEstimate.POINTS - 1, NOISE_WHERE);
        values[0] = loss;
        return values;
    }

    /**
     * {@link #noiseValues} along a sparse direction over {@code bounded}'s coordinates: one sign of the
     * noise estimate's stream per coordinate, in index order, times δ · max(|θᵢ|, 1).
     */
    private double[] boundedNoiseValues(Workspace workspace, double[] original, double[] scale, double loss, double delta,
                                        BoundedCoordinates bounded) {
        ParameterLayout layout = workspace.parameters().layout();
        int[] indices = bounded.all(layout);
        double[] components = new double[indices.length];
        SplittableRandom random = Directions.noise(settings.seed());
        for (int m = 0; m < indices.length; m++) {
            components[m] = (random.nextBoolean() ? 1 : -1) * Directions.scale(scale, indices[m]) * delta;
        }
        SparseDirection direction = SparseDirection.of(layout, indices, components);
        workspace.representable(original, direction, NoiseEstimate.POINTS - 1);
        double[] values = new double[NoiseEstimate.POINTS];
        values[0] = loss;
        try {
            for (int k = 1; k < values.length; k++) {
                values[k] = workspace.loss(original, direction, k, NOISE_WHERE[k]);
            }
        } finally {
            workspace.restore(original, direction);
        }
        return values;
    }

    private static boolean unchanged(double[] values, double loss) {
        for (double value : values) {
            if (value != loss) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each block's Taylor test, in the layout's order; 5 loss evaluations each. In a partial check a
     * block larger than {@link BoundedCoordinates#BOUND} is tested along its bounded coordinates.
     */
    private List<TaylorTest> taylorTests(Workspace workspace, double[] theta, double[] scale, double loss, double noise,
                                         double[] gradient, BoundedCoordinates bounded) {
        ParameterLayout layout = workspace.parameters().layout();
        List<TaylorTest> tests = new ArrayList<>();
        for (int b = 0; b < layout.blocks().size(); b++) {
            ParameterBlock block = layout.blocks().get(b);
            tests.add(bounded != null && bounded.bounded(b)
                    ? TaylorRemainder.of(workspace, settings, theta, loss, noise, gradient, block,
                            TaylorRemainder.direction(layout, settings, scale, bounded.of(b), block))
                    : TaylorRemainder.of(workspace, settings, theta, scale, loss, noise, gradient, block));
        }
        return tests;
    }

    /**
     * In the cheap modes, a block whose Taylor test contradicts its gradient while none of its checked
     * elements mismatches is not passed with a warning: it is looked at again along the Taylor test's
     * direction and, where that disagrees, localised and judged element by element.
     */
    private void confirmContradictions(DirectionalSearch search, ParameterLayout layout, List<TaylorTest> taylor,
                                       ElementResults elements, double[] scale, BoundedCoordinates bounded) {
        for (int b = 0; b < taylor.size(); b++) {
            ParameterBlock block = layout.blocks().get(b);
            if (taylor.get(b).contradicts() && !elements.anyMismatch(block.offset(), block.offset() + block.size())) {
                if (bounded.bounded(b)) {
                    search.confirm(b, block, TaylorRemainder.direction(layout, settings, scale, bounded.of(b), block),
                            taylor.get(b).describe());
                } else {
                    search.confirm(b, block, TaylorRemainder.direction(settings, scale, block), taylor.get(b).describe());
                }
            }
        }
    }

    private GradientCheckReport report(Workspace workspace, CheckMode mode, double[] theta, double loss, double noise,
                                       boolean noiseEstimated, double[] gradient, ElementResults elements,
                                       List<TaylorTest> taylor, long start) {
        ParameterLayout layout = workspace.parameters().layout();
        Checked checked = Checked.of(gradient, elements, settings.relativeErrorFloor());
        WorstElements worstElements = new WorstElements(elements, settings.offenders());
        List<BlockSummary> blocks = new ArrayList<>();
        for (int b = 0; b < layout.blocks().size(); b++) {
            blocks.add(blockSummary(layout.blocks().get(b), checked, elements, worstElements, taylor.get(b), gradient, theta));
        }
        addTaylorWarnings(blocks, mode);
        // A single block is all of θ: its difference is the whole one, the same sums over the same range.
        double difference = blocks.size() == 1 ? blocks.get(0).difference() : checked.difference(0, layout.size());
        ReportFactory.ReportBuilder report = ReportFactory.report().modelName(calls.name()).settings(settings).mode(mode).loss(loss)
                .noise(noise).noiseEstimated(noiseEstimated).difference(difference).checkedElements(checked.count())
                .differenceOfMatches(checked.differenceOf(ElementVerdict.MATCH, 0, layout.size(), difference))
                .differenceOfMismatches(checked.differenceOf(ElementVerdict.MISMATCH, 0, layout.size(), difference))
                .blocks(blocks).worstOffenders(offenders(layout, gradient, elements, checked, worstElements))
                .warnings(warnings)
                .crossBlockDiagnoses(CrossBlockDiagnoses.of(blocks, gradient, elements, calls.batchSize()));
        if (mode == CheckMode.FULL) {
            report.handOver(gradient, elements.numericArray());
        } else {
            report.handOverChecked(gradient, elements.checkedIndices(), elements.checkedNumeric());
        }
        return report.jitteredElements(jitteredElements)
                .lossEvaluations(lossEvaluations()).gradientEvaluations(calls.gradientEvaluations())
                .fullCheckEvaluations(fullCheckEvaluations(layout)).duration(Duration.ofNanos(System.nanoTime() - start))
                .build();
    }

    /**
     * Both sides over the elements checked (elsewhere both count as zero, so that a partial check's
     * difference is over what it saw), and each element's relative error, computed where asked for
     * rather than copied out into arrays of their own.
     */
    private record Checked(double[] gradient, ElementResults elements, double[] every, double relativeErrorFloor, int count,
                           int matches, int mismatches) {

        static Checked of(double[] gradient, ElementResults elements, double relativeErrorFloor) {
            // Asked first: where every element was checked, the walks below step through the arrays.
            double[] every = elements.numericOfEvery();
            int[] counts = elements.verdictCounts(0, elements.size);
            int count = elements.size - counts[ElementVerdict.NOT_CHECKED.ordinal()];
            int matches = counts[ElementVerdict.MATCH.ordinal()];
            int mismatches = counts[ElementVerdict.MISMATCH.ordinal()];
            return new Checked(gradient, elements, every, relativeErrorFloor, count, matches, mismatches);
        }

        /** Element i's relative error, |g − n| / max(|g| + |n|, floor); 0 where there is none or i was not checked. */
        double relativeError(int i) {
            if (every == null && !elements.checked(i)) {
                return 0;
            }
            double numeric = every != null ? every[i] : elements.numeric(i);
            double error = Math.abs(gradient[i] - numeric);
            return error == 0 ? 0 : error / Math.max(Math.abs(gradient[i]) + Math.abs(numeric), relativeErrorFloor);
        }

        double difference(int from, int to) {
            return RelativeDifference.of(gradient, elements, from, to, null);
        }

        /**
         * The difference over the elements of one verdict in {@code [from, to)}, the others zero on both
         * sides: where every checked element has that verdict, {@code difference}, the one over the
         * range's checked elements, and 0 where none has.
         */
        double differenceOf(ElementVerdict verdict, int from, int to, double difference) {
            int having = verdict == ElementVerdict.MATCH ? matches : verdict == ElementVerdict.MISMATCH ? mismatches : -1;
            if (having == 0) {
                return 0;
            }
            return having == count ? difference : RelativeDifference.of(gradient, elements, from, to, verdict);
        }
    }

    /** The block's summary; each checked element's relative error, computed here once, is offered to {@code worstElements} too. */
    private BlockSummary blockSummary(ParameterBlock block, Checked checked, ElementResults elements,
                                      WorstElements worstElements, TaylorTest taylor, double[] gradient, double[] theta) {
        int from = block.offset();
        int to = from + block.size();
        double worst = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            double relativeError = checked.relativeError(i);
            worst = Math.max(worst, relativeError);
            worstElements.offer(i, relativeError);
        }
        int[] counts = elements.verdictCounts(from, to);
        int mismatches = counts[ElementVerdict.MISMATCH.ordinal()];
        double difference = checked.difference(from, to);
        return ReportFactory.block().name(block.name()).shape(boxed(block.shape())).offset(from).size(block.size()).input(block.isInput())
                .difference(difference)
                .differenceOfMatches(checked.differenceOf(ElementVerdict.MATCH, from, to, difference))
                .worstRelativeError(worst).mismatches(mismatches)
                .kinks(counts[ElementVerdict.KINK.ordinal()]).unreliable(counts[ElementVerdict.UNRELIABLE.ordinal()])
                .diagnosis(diagnosis(block, mismatches, counts[ElementVerdict.NOT_CHECKED.ordinal()], gradient, elements,
                        theta))
                .taylor(taylor).build();
    }

    /**
     * Where a block's Taylor test and its elements' verdict disagree, a warning that says so. In the
     * cheap modes a contradicting Taylor test was already looked into ({@link #confirmContradictions}),
     * which warns itself where it has to.
     */
    private void addTaylorWarnings(List<BlockSummary> blocks, CheckMode mode) {
        boolean passed = true;
        for (BlockSummary block : blocks) {
            passed &= block.passed();
        }
        for (BlockSummary block : blocks) {
            if (mode == CheckMode.FULL && passed && block.taylor().contradicts()) {
                warnings.add("the Taylor test questions " + block.name() + ": along a random direction its remainder"
                        + " falls as h^" + block.taylor().describe() + ", not h², although "
                        + (block.kinks() == 0 ? "every element matched"
                        : "no element mismatched; its " + block.kinks() + (block.kinks() == 1 ? " kink makes" : " kinks make")
                                + " a remainder fall as h where the direction crosses them"));
            } else if (!block.passed() && !Double.isNaN(block.taylor().order()) && block.taylor().consistent()) {
                warnings.add("the Taylor test along a random direction finds " + block.name() + " consistent (order "
                        + block.taylor().describe() + "): its mismatches may be few or small");
            }
        }
    }

    private List<Offender> offenders(ParameterLayout layout, double[] gradient, ElementResults elements, Checked checked,
                                     WorstElements worstElements) {
        List<Offender> offenders = new ArrayList<>();
        for (int i : worstElements.worstFirst()) {
            ParameterBlock block = layout.blockContaining(i);
            int[] position = block.position(i - block.offset());
            offenders.add(ReportFactory.offender().index(i).block(block.name())
                    .position(boxed(position)).parameter(Shapes.label(block.name(), position))
                    .gradient(gradient[i]).numericGradient(elements.numeric(i))
                    .absoluteError(Math.abs(gradient[i] - elements.numeric(i))).relativeError(checked.relativeError(i))
                    .estimatedError(elements.estimatedError(i)).verdict(elements.verdict(i))
                    .build());
        }
        return offenders;
    }

    /** The loss evaluations of this thread and of every worker. */
    private long lossEvaluations() {
        long lossEvaluations = calls.lossEvaluations();
        for (ModelCalls worker : parallel.workerCalls()) {
            lossEvaluations += worker.lossEvaluations();
        }
        return lossEvaluations;
    }

    private Diagnosis diagnosis(ParameterBlock block, int mismatches, int unchecked, double[] gradient,
                                ElementResults elements, double[] theta) {
        if (mismatches == 0) {
            return Diagnoses.none();
        }
        int from = block.offset();
        int to = from + block.size();
        if (unchecked > 0) {
            // Only the checked elements enter a partial diagnosis: copies of those, not of the block.
            int checked = block.size() - unchecked;
            double[] g = new double[checked];
            double[] numeric = new double[checked];
            ElementVerdict[] verdicts = new ElementVerdict[checked];
            int k = 0;
            for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1), k++) {
                g[k] = gradient[i];
                numeric[k] = elements.numeric(i);
                verdicts[k] = elements.verdict(i);
            }
            return PartialDiagnosis.of(g, numeric, verdicts, calls.batchSize());
        }
        return new BlockDiagnosis(block, gradient, elements, theta, calls.batchSize()).diagnose();
    }

    private static List<Integer> boxed(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int d = 0; d < values.length; d++) {
            boxed[d] = values[d];
        }
        return List.of(boxed);
    }
}
