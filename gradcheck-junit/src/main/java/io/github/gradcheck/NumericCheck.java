package io.github.gradcheck;

import io.github.gradcheck.ElementClassifier.Slopes;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.Stencil;
import io.github.gradcheck.report.TaylorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One full per-parameter check. In order: the loss and the gradient, each evaluated twice to
 * make sure they are deterministic; the loss's noise along a random direction; a difference
 * quotient for every element, perturbing the model's own arrays in place and restoring each
 * element bit for bit; a second step for the elements that do not match at once; a diagnosis
 * per failing block; and a Taylor test per block.
 *
 * <p>Cost for N parameters and B blocks with the centered stencil: 2N loss evaluations, plus 2
 * per element looked at again, plus 2 + 8 + 5B, and 2 gradient evaluations; no copy of θ per
 * element.
 */
final class NumericCheck {

    /** Relative steps of the Taylor test, largest first. */
    private static final double[] TAYLOR_STEPS = {1e-2, 5e-3, 2.5e-3, 1.25e-3, 6.25e-4};
    /** Loss and gradient values that differ by more than this, relatively, are not deterministic. */
    private static final double NONDETERMINISM = 1e-10;
    /**
     * The noise estimate's step, in units of u: 10⁴ ulps moves every intermediate result enough to
     * sample its rounding, while a span of 8 such steps (≈ 1e-11 · max(|θᵢ|, 1) in double) stays clear
     * of all but the closest kinks and leaves no curvature in third differences.
     */
    private static final double NOISE_STEP = 1e4;
    /** How much smaller the step of the last look at a mismatch is. */
    private static final double CLOSER_LOOK = 1000;

    private final ModelCalls calls;
    private final CheckSettings settings;
    private final ElementClassifier classifier;
    private final List<String> warnings = new ArrayList<>();

    private NumericCheck(DifferentiableModel model, CheckSettings settings) {
        this.calls = new ModelCalls(model);
        this.settings = settings;
        this.classifier = new ElementClassifier(settings);
    }

    static GradientCheckReport run(DifferentiableModel model, CheckSettings settings) {
        return new NumericCheck(model, settings).run();
    }

    private GradientCheckReport run() {
        long start = System.nanoTime();
        ParameterArrays parameters = calls.parameters();
        ParameterLayout layout = parameters.layout();
        double[] original = parameters.toVector();
        GradientCheckReport report;
        try {
            double loss = deterministicLoss();
            double[] gradient = deterministicGradient(layout);
            requireUnchanged(parameters, original);
            double[] scale = scales(original);
            double noise = noise(parameters, original, scale, loss);
            report = check(parameters, original, scale, loss, noise, gradient, start);
            requireUnchanged(parameters, original);
        } catch (RuntimeException | Error e) {
            parameters.restore(original);
            throw e;
        }
        return report;
    }

    /**
     * Fails if the model changed a parameter itself. Called where every parameter should be at its
     * original value: after the unperturbed evaluations, after the per-element loop, and at the end.
     */
    private void requireUnchanged(ParameterArrays parameters, double[] original) {
        int changed = parameters.firstDifference(original);
        if (changed >= 0) {
            double found = parameters.toVector()[changed];
            throw new GradientCheckException(calls.name() + " changed its own parameter " + parameters.layout().label(changed)
                    + " (flat index " + changed + ") from " + original[changed] + " to " + found
                    + " while the check ran; loss() and gradient() must not modify the parameters."
                    + " All parameters have been restored.");
        }
    }

    private double deterministicLoss() {
        double first = calls.loss("at the unperturbed parameters");
        double second = calls.loss("at the unperturbed parameters, evaluated again");
        double difference = Math.abs(first - second);
        if (difference > NONDETERMINISM * Math.max(Math.abs(first), Math.abs(second))) {
            throw new GradientCheckException("the loss of " + calls.name() + " is not deterministic: two evaluations at"
                    + " the same parameters gave " + first + " and " + second + " (they differ by "
                    + String.format(Locale.ROOT, "%.2e", difference) + "). A gradient check compares losses a step"
                    + " apart, so every evaluation must see the same function: turn dropout off (keep-prob = 1),"
                    + " reset the random seed before every evaluation, and freeze batch statistics (evaluation mode).");
        }
        if (difference > 0) {
            warnings.add("the loss differs by " + String.format(Locale.ROOT, "%.1e", difference) + " between two"
                    + " evaluations at the same point: round-off from an unordered sum, counted in the noise estimate");
        }
        return first;
    }

    private double[] deterministicGradient(ParameterLayout layout) {
        double[] first = calls.gradient(layout);
        double[] second = calls.gradient(layout);
        double largest = 0;
        int worst = -1;
        double scale = 0;
        for (int i = 0; i < first.length; i++) {
            scale = Math.max(scale, Math.max(Math.abs(first[i]), Math.abs(second[i])));
            double difference = Math.abs(first[i] - second[i]);
            if (difference > largest) {
                largest = difference;
                worst = i;
            }
        }
        if (largest > NONDETERMINISM * scale) {
            throw new GradientCheckException("the analytic gradient of " + calls.name() + " is not deterministic: two"
                    + " evaluations at the same parameters differ most at " + layout.label(worst) + " (" + first[worst]
                    + " and " + second[worst] + "). Turn dropout off (keep-prob = 1), reset the random seed before"
                    + " every evaluation, and freeze batch statistics (evaluation mode).");
        }
        return first;
    }

    /**
     * The scale of each parameter for relative steps and random directions: max(|θᵢ|, 1). Below 1
     * the step stays absolute, as the course's: a parameter of 1e-6 moved by 5e-12 would drown its
     * difference quotient in round-off, while the losses of learning models are smooth on scales
     * far larger than their small parameters. Where that is not so, the second look at 2ε and ε/1000
     * tells truncation from a bug.
     */
    private static double[] scales(double[] theta) {
        double[] scale = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            scale[i] = Math.max(Math.abs(theta[i]), 1);
        }
        return scale;
    }

    /** σ of the loss's noise, from {@link NoiseEstimate#POINTS} points a tiny step apart along a random direction. */
    private double noise(ParameterArrays parameters, double[] original, double[] scale, double loss) {
        double delta = NOISE_STEP * settings.precision().unitRoundoff();
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] direction = new double[original.length];
        for (int i = 0; i < direction.length; i++) {
            direction[i] = (random.nextBoolean() ? 1 : -1) * scale[i] * delta;
        }
        double[] values = new double[NoiseEstimate.POINTS];
        values[0] = loss;
        try {
            for (int k = 1; k < values.length; k++) {
                moveAll(parameters, original, direction, k, 0, original.length);
                values[k] = calls.loss("at θ + " + k + "·δ·d, a tiny step along a random direction d (noise estimate)");
            }
        } finally {
            parameters.restore(original);
        }
        double floor = settings.precision().unitRoundoff() * Math.abs(loss);
        if (Arrays.stream(values).allMatch(value -> value == loss)) {
            warnings.add("the loss did not change at all when θ moved by " + String.format(Locale.ROOT, "%.0e", delta)
                    + " · max(|θᵢ|, 1): does the model round its parameters (to float?) or ignore small changes?"
                    + " If it computes in float, check with precision float");
        }
        return Math.max(NoiseEstimate.of(values), floor);
    }

    private static void moveAll(ParameterArrays parameters, double[] original, double[] direction, double t, int from, int to) {
        List<ParameterBlock> blocks = parameters.layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int first = Math.max(from, block.offset());
            int last = Math.min(to, block.offset() + block.size());
            for (int i = first; i < last; i++) {
                parameters.set(b, i - block.offset(), original[i] + t * direction[i]);
            }
        }
    }

    private GradientCheckReport check(ParameterArrays parameters, double[] theta, double[] scale, double loss,
                                      double noise, double[] gradient, long start) {
        ParameterLayout layout = parameters.layout();
        int n = layout.size();
        double[] numeric = new double[n];
        double[] estimatedError = new double[n];
        ElementVerdict[] verdicts = new ElementVerdict[n];
        boolean fivePoint = settings.stencil() == Stencil.FIVE_POINT;
        List<ParameterBlock> blocks = layout.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            for (int k = 0; k < block.size(); k++) {
                int i = block.offset() + k;
                double value = theta[i];
                double h = settings.step().relative() ? settings.step().value() * scale[i] : settings.step().value();
                Side plus = side(parameters, b, block, k, value, h, "+ ε");
                Side minus = side(parameters, b, block, k, value, -h, "− ε");
                double centered = (plus.loss - minus.loss) / (plus.step - minus.step);
                double slopeNoise = noise / h;
                if (fivePoint) {
                    Side plus2 = side(parameters, b, block, k, value, 2 * h, "+ 2ε");
                    Side minus2 = side(parameters, b, block, k, value, -2 * h, "− 2ε");
                    double average = (plus.step - minus.step) / 2;
                    numeric[i] = (8 * (plus.loss - minus.loss) - (plus2.loss - minus2.loss)) / (12 * average);
                    double roundOff = noise * Math.sqrt(130) / (12 * h);
                    estimatedError[i] = 1.5 * roundOff + 0.1 * Math.abs(centered - numeric[i]);
                    verdicts[i] = classifier.compare(gradient[i], numeric[i], estimatedError[i]);
                    Slopes slopes = slopes(loss, plus, minus, plus2, minus2);
                    if (verdicts[i] == ElementVerdict.MISMATCH && classifier.atKink(slopes, slopeNoise)) {
                        verdicts[i] = classifier.kink(gradient[i], slopes, slopeNoise);
                    }
                    continue;
                }
                numeric[i] = settings.step().relative() ? centered : (plus.loss - minus.loss) / (2 * h);
                double roundOff = noise / (Math.sqrt(2) * h);
                estimatedError[i] = roundOff;
                verdicts[i] = classifier.compare(gradient[i], numeric[i], roundOff);
                if (verdicts[i] == ElementVerdict.MISMATCH) {
                    Side plus2 = side(parameters, b, block, k, value, 2 * h, "+ 2ε");
                    Side minus2 = side(parameters, b, block, k, value, -2 * h, "− 2ε");
                    double wide = (plus2.loss - minus2.loss) / (plus2.step - minus2.step);
                    estimatedError[i] = 1.5 * roundOff + Math.abs(wide - numeric[i]) / 3;
                    Slopes slopes = slopes(loss, plus, minus, plus2, minus2);
                    verdicts[i] = classifier.refine(gradient[i], numeric[i], wide, roundOff, slopes, slopeNoise);
                    if (verdicts[i] == ElementVerdict.MISMATCH) {
                        verdicts[i] = closerLook(parameters, b, block, k, value, h, gradient[i], numeric[i], loss,
                                noise, slopes);
                    }
                }
            }
        }
        requireUnchanged(parameters, theta);
        return report(parameters, theta, scale, loss, noise, gradient, numeric, estimatedError, verdicts, start);
    }

    /**
     * A last look at a mismatch with a step a thousand times smaller, two more evaluations; the
     * verdict is {@link ElementClassifier#closerLook}'s.
     */
    private ElementVerdict closerLook(ParameterArrays parameters, int b, ParameterBlock block, int k, double value,
                                      double h, double g, double atStep, double loss, double noise, Slopes slopes) {
        double small = h / CLOSER_LOOK;
        Side plus = side(parameters, b, block, k, value, small, "+ ε/1000");
        Side minus = side(parameters, b, block, k, value, -small, "− ε/1000");
        double close = (plus.loss - minus.loss) / (plus.step - minus.step);
        return classifier.closerLook(g, atStep, close, slopes, (plus.loss - loss) / plus.step,
                (minus.loss - loss) / minus.step, noise / h, noise / small);
    }

    private static Slopes slopes(double loss, Side plus, Side minus, Side plus2, Side minus2) {
        return new Slopes((plus.loss - loss) / plus.step, (minus.loss - loss) / minus.step,
                (plus2.loss - loss) / plus2.step, (minus2.loss - loss) / minus2.step);
    }

    /** The loss with element k of block b moved by {@code h}, and the step actually taken. */
    private Side side(ParameterArrays parameters, int b, ParameterBlock block, int k, double value, double h, String label) {
        double moved = value + h;
        try {
            parameters.set(b, k, moved);
            return new Side(calls.loss(block, k, label, Math.abs(h)), moved - value);
        } finally {
            parameters.set(b, k, value);
        }
    }

    private record Side(double loss, double step) {
    }

    private GradientCheckReport report(ParameterArrays parameters, double[] theta, double[] scale, double loss,
                                       double noise, double[] gradient, double[] numeric, double[] estimatedError,
                                       ElementVerdict[] verdicts, long start) {
        ParameterLayout layout = parameters.layout();
        int n = layout.size();
        double[] relativeError = new double[n];
        List<BlockSummary> blocks = new ArrayList<>();
        boolean passed = true;
        for (ParameterBlock block : layout.blocks()) {
            int from = block.offset();
            int to = from + block.size();
            double worst = 0;
            int[] counts = new int[ElementVerdict.values().length];
            for (int i = from; i < to; i++) {
                double error = Math.abs(gradient[i] - numeric[i]);
                relativeError[i] = error == 0 ? 0
                        : error / Math.max(Math.abs(gradient[i]) + Math.abs(numeric[i]), settings.relativeErrorFloor());
                worst = Math.max(worst, relativeError[i]);
                counts[verdicts[i].ordinal()]++;
            }
            int mismatches = counts[ElementVerdict.MISMATCH.ordinal()];
            passed &= mismatches == 0;
            Diagnosis diagnosis = mismatches == 0 ? Diagnosis.none()
                    : new BlockDiagnosis(block, Arrays.copyOfRange(gradient, from, to), Arrays.copyOfRange(numeric, from, to),
                            Arrays.copyOfRange(theta, from, to), Arrays.copyOfRange(verdicts, from, to), calls.batchSize())
                            .diagnose();
            blocks.add(new BlockSummary(block.name(), boxed(block.shape()), from, block.size(),
                    RelativeDifference.of(gradient, numeric, from, to), worst, mismatches,
                    counts[ElementVerdict.KINK.ordinal()], counts[ElementVerdict.UNRELIABLE.ordinal()], diagnosis,
                    taylor(parameters, theta, scale, loss, noise, gradient, block)));
        }
        for (BlockSummary block : blocks) {
            if (passed && block.taylor().contradicts()) {
                warnings.add("the Taylor test questions " + block.name() + ": along a random direction its remainder"
                        + " falls as h^" + block.taylor().describe() + ", not h², although every element matched");
            } else if (!block.passed() && !Double.isNaN(block.taylor().order()) && block.taylor().consistent()) {
                warnings.add("the Taylor test along a random direction finds " + block.name() + " consistent (order "
                        + block.taylor().describe() + "): its mismatches may be few or small");
            }
        }
        List<Offender> offenders = new ArrayList<>();
        for (int i : worst(relativeError, verdicts, settings.offenders())) {
            ParameterBlock block = layout.blockContaining(i);
            offenders.add(new Offender(i, block.name(), boxed(block.position(i - block.offset())),
                    block.label(i - block.offset()), gradient[i], numeric[i], Math.abs(gradient[i] - numeric[i]),
                    relativeError[i], estimatedError[i], verdicts[i]));
        }
        return new GradientCheckReport(calls.name(), settings, loss, noise, RelativeDifference.of(gradient, numeric, 0, n),
                blocks, offenders, warnings, gradient, numeric, calls.lossEvaluations(), calls.gradientEvaluations(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The remainder |J(θ + hd) − J(θ) − h⟨g, d⟩| along a random signed direction d within {@code block}. */
    private TaylorTest taylor(ParameterArrays parameters, double[] theta, double[] scale, double loss, double noise,
                              double[] gradient, ParameterBlock block) {
        int from = block.offset();
        int to = from + block.size();
        SplittableRandom random = new SplittableRandom(settings.seed() ^ (0x9E3779B97F4A7C15L * (from + 1)));
        double[] direction = new double[theta.length];
        double slope = 0;
        for (int i = from; i < to; i++) {
            direction[i] = (random.nextBoolean() ? 1 : -1) * scale[i];
            slope += gradient[i] * direction[i];
        }
        List<Double> steps = new ArrayList<>();
        List<Double> remainders = new ArrayList<>();
        try {
            for (double h : TAYLOR_STEPS) {
                moveAll(parameters, theta, direction, h, from, to);
                double moved = calls.loss("at θ + h·d, h = " + h + ", a random direction within " + block.name()
                        + " (Taylor test)");
                steps.add(h);
                remainders.add(Math.abs(moved - loss - h * slope));
            }
        } finally {
            parameters.restore(theta, from, to);
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int count = 0;
        for (int j = 0; j < steps.size(); j++) {
            if (remainders.get(j) > settings.margin() * 2 * noise) {
                double x = Math.log(steps.get(j));
                double y = Math.log(remainders.get(j));
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                count++;
            }
        }
        double order = count < 2 ? Double.NaN : (count * sxy - sx * sy) / (count * sxx - sx * sx);
        return new TaylorTest(steps, remainders, order);
    }

    /**
     * The indices of the {@code count} worst elements that have any error: mismatches first, then by
     * relative error, largest first, then by index.
     */
    static int[] worst(double[] relativeError, ElementVerdict[] verdicts, int count) {
        Comparator<Integer> worstFirst = Comparator.<Integer, Boolean>comparing(i -> verdicts[i] != ElementVerdict.MISMATCH)
                .thenComparing(i -> -relativeError[i])
                .thenComparing(i -> i);
        PriorityQueue<Integer> kept = new PriorityQueue<>(worstFirst.reversed());
        for (int i = 0; i < relativeError.length && count > 0; i++) {
            if (relativeError[i] == 0) {
                continue;
            }
            kept.add(i);
            if (kept.size() > count) {
                kept.poll();
            }
        }
        return kept.stream().sorted(worstFirst).mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
