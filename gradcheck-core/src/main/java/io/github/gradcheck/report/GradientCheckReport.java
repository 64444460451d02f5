package io.github.gradcheck.report;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.internal.text.ReportText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one gradient check found, as an immutable value: the overall difference and
 * verdict, one summary per block, the worst offending elements ranked, and what the check cost.
 *
 * <p>Front ends read only this: the AssertJ assertions, the JUnit extension and the text writer
 * ({@link ReportText}). {@link #toString()} is the readable summary.
 *
 * <p>The checker makes reports; users read them and cannot construct one, so that the report can
 * gain fields without breaking their code.
 */
public final class GradientCheckReport {

    static {
        ReportFactory.install(new ReportAssembly());
    }

    private final String modelName;
    private final CheckSettings settings;
    private final CheckMode mode;
    private final int checkedElements;
    private final long fullCheckEvaluations;
    private final double loss;
    private final double noise;
    private final boolean noiseEstimated;
    private final double difference;
    private final double differenceOfMatches;
    private final double differenceOfMismatches;
    private final List<BlockSummary> blocks;
    private final List<Offender> worstOffenders;
    private final List<String> warnings;
    private final List<CrossBlockDiagnosis> crossBlockDiagnoses;
    private final double[] gradient;
    /** The numeric gradient: over all of θ, or at {@link #numericIndices} only (NaN elsewhere). */
    private final double[] numericGradient;
    /** The flat indices of {@link #numericGradient}'s values after a partial check; null where it holds all of θ. */
    private final int[] numericIndices;
    private final int jitteredElements;
    private final long lossEvaluations;
    private final long gradientEvaluations;
    private final Duration duration;
    private final LayerResult layer;
    private final SecondOrderResult secondOrder;

    /**
     * A report from the builder; rejects a field not set or null, copies the lists and arrays, and
     * rejects gradients of different lengths.
     */
    GradientCheckReport(ReportAssembly.Report values) {
        String type = "GradientCheckReport";
        this.modelName = Objects.requireNonNull(values.modelName, "modelName");
        this.settings = Objects.requireNonNull(values.settings, "settings");
        this.mode = Objects.requireNonNull(values.mode, "mode");
        this.checkedElements = ReportAssembly.required(values.checkedElements, type, "checkedElements");
        this.fullCheckEvaluations = ReportAssembly.required(values.fullCheckEvaluations, type, "fullCheckEvaluations");
        this.loss = ReportAssembly.required(values.loss, type, "loss");
        this.noise = ReportAssembly.required(values.noise, type, "noise");
        this.noiseEstimated = values.noiseEstimated;
        this.difference = ReportAssembly.required(values.difference, type, "difference");
        this.differenceOfMatches = ReportAssembly.required(values.differenceOfMatches, type, "differenceOfMatches");
        this.differenceOfMismatches = ReportAssembly.required(values.differenceOfMismatches, type, "differenceOfMismatches");
        this.blocks = List.copyOf(Objects.requireNonNull(values.blocks, "blocks"));
        this.worstOffenders = List.copyOf(Objects.requireNonNull(values.worstOffenders, "worstOffenders"));
        this.warnings = List.copyOf(values.warnings);
        this.crossBlockDiagnoses = List.copyOf(values.crossBlockDiagnoses);
        double[] gradient = Objects.requireNonNull(values.gradient, "gradient");
        double[] numericGradient = Objects.requireNonNull(values.numericGradient, "numericGradient");
        this.gradient = values.handedOver ? gradient : gradient.clone();
        this.numericGradient = values.handedOver ? numericGradient : numericGradient.clone();
        this.numericIndices = values.numericIndices;
        if (numericIndices == null && this.gradient.length != this.numericGradient.length) {
            throw new IllegalArgumentException("gradient has " + this.gradient.length
                    + " elements but numericGradient has " + this.numericGradient.length);
        }
        if (numericIndices != null && numericIndices.length != this.numericGradient.length) {
            throw new IllegalArgumentException(numericIndices.length + " checked elements but " + this.numericGradient.length
                    + " numeric values for them");
        }
        this.jitteredElements = values.jitteredElements;
        this.lossEvaluations = ReportAssembly.required(values.lossEvaluations, type, "lossEvaluations");
        this.gradientEvaluations = ReportAssembly.required(values.gradientEvaluations, type, "gradientEvaluations");
        this.duration = Objects.requireNonNull(values.duration, "duration");
        this.layer = values.layer;
        this.secondOrder = values.secondOrder;
    }

    /**
     * The model's name, e.g. {@code ThreeLayerNet}.
     *
     * @return the name
     */
    public String modelName() {
        return modelName;
    }

    /**
     * The settings the check ran with.
     *
     * @return the settings, enough to replay the check
     */
    public CheckSettings settings() {
        return settings;
    }

    /**
     * The mode that ran: the one asked for, or random directions where a full check would have
     * exceeded a budget.
     *
     * @return the mode
     */
    public CheckMode mode() {
        return mode;
    }

    /**
     * How many elements were checked one by one: all in a full check.
     *
     * @return the count
     */
    public int checkedElements() {
        return checkedElements;
    }

    /**
     * How many loss evaluations a full check of this model costs at the least: 2 + 2N with the
     * centered stencil, where every element matches at the tightest tolerance; a check that goes on
     * to measure the noise and run its Taylor tests takes 8 + 5B more, and second looks more again.
     *
     * @return the count, a lower bound
     */
    public long fullCheckEvaluations() {
        return fullCheckEvaluations;
    }

    /**
     * J(θ) at the checked point.
     *
     * @return the loss
     */
    public double loss() {
        return loss;
    }

    /**
     * The estimated standard deviation σ of the loss's own round-off: how much J(θ) moves when θ
     * moves by far less than the step, measured along a random direction. It sets each element's
     * estimated error, σ/ε for a centered difference. Where it was not measured
     * ({@link #noiseEstimated()} false), the least noise the loss can have, one rounding of J(θ),
     * u·|J(θ)|, with which every element matched.
     *
     * @return σ
     */
    public double noise() {
        return noise;
    }

    /**
     * Whether the loss's noise was measured. A full check with the centered stencil first looks at
     * every element with the least noise the loss can have, u·|J(θ)|; more noise only widens an
     * element's tolerance, so where every element matches with the least, it matches with any, and
     * the check ends there: no noise estimate, no second loss at θ, no Taylor tests
     * ({@link TaylorTest#ran()} false), none of which could change a verdict.
     *
     * @return false for a check that ended after every element matched with the least noise
     */
    public boolean noiseEstimated() {
        return noiseEstimated;
    }

    /**
     * The seed's ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂) over all of θ.
     *
     * @return the difference
     */
    public double difference() {
        return difference;
    }

    /**
     * The same difference over the elements that {@link ElementVerdict#MATCH match} only, the others
     * counting as zero on both sides: what {@link #difference()} would read without the kinks, the
     * unreliable elements and the mismatches. Where it is small and the overall difference is not,
     * the elements left out account for the overall difference.
     *
     * @return the difference over the matches; 0 if none matches
     */
    public double differenceOfMatches() {
        return differenceOfMatches;
    }

    /**
     * The same difference over the {@link ElementVerdict#MISMATCH mismatching} elements only: how
     * wrong they are on their own, however many other elements dilute them in {@link #difference()}.
     *
     * @return the difference over the mismatches; 0 if none mismatches
     */
    public double differenceOfMismatches() {
        return differenceOfMismatches;
    }

    /**
     * The course's words for {@link #difference()}.
     *
     * @return the band: great, look closer, or almost surely a bug
     */
    public DifferenceScale scale() {
        return DifferenceScale.of(difference);
    }

    /**
     * The verdict: no element is a {@link ElementVerdict#MISMATCH}, i.e. every disagreement is
     * within the margin times its estimated numerical error, at a kink, or below the threshold.
     *
     * @return whether the gradient passed
     */
    public boolean passed() {
        return mismatches() == 0 && (layer == null || layer.brokenContracts().isEmpty());
    }

    /**
     * For a layer check, how its backward pass was probed and which contracts it broke.
     *
     * @return the layer's findings; empty for the check of a model or function
     */
    public Optional<LayerResult> layer() {
        return Optional.ofNullable(layer);
    }

    /**
     * For a second-order check, the gradient check it rests on and whether the second-order code
     * was compared; when it was, {@link #layer()} tells how (the gradient as the "forward" pass,
     * the Hessian-vector product as the "backward" pass).
     *
     * @return the second-order findings; empty for a first-order check
     */
    public Optional<SecondOrderResult> secondOrder() {
        return Optional.ofNullable(secondOrder);
    }

    /**
     * How many elements mismatch.
     *
     * @return the count
     */
    public int mismatches() {
        int mismatches = 0;
        for (BlockSummary block : blocks) {
            mismatches += block.mismatches();
        }
        return mismatches;
    }

    /**
     * How many elements sit at a kink of the loss.
     *
     * @return the count
     */
    public int kinks() {
        int kinks = 0;
        for (BlockSummary block : blocks) {
            kinks += block.kinks();
        }
        return kinks;
    }

    /**
     * How many elements the numeric derivative could not resolve.
     *
     * @return the count
     */
    public int unreliable() {
        int unreliable = 0;
        for (BlockSummary block : blocks) {
            unreliable += block.unreliable();
        }
        return unreliable;
    }

    /**
     * Blocks in θ's order.
     *
     * @return one summary per block
     */
    public List<BlockSummary> blocks() {
        return blocks;
    }

    /**
     * The block of that name.
     *
     * @param name a block's name, e.g. {@code W2}
     * @return its summary
     * @throws IllegalArgumentException naming the blocks there are, if none has that name
     */
    public BlockSummary block(String name) {
        List<String> names = new ArrayList<>();
        for (BlockSummary block : blocks) {
            if (block.name().equals(name)) {
                return block;
            }
            names.add(block.name());
        }
        throw new IllegalArgumentException(modelName + " has no parameter block named '" + name + "'; its blocks are " + names);
    }

    /**
     * The worst elements, at most {@link CheckSettings#offenders()}: mismatches first, then by
     * relative error (largest first), then by flat index, so the order is deterministic.
     *
     * @return the worst elements, worst first
     */
    public List<Offender> worstOffenders() {
        return worstOffenders;
    }

    /**
     * Findings that do not decide the verdict but deserve a look (a Taylor test that disagrees,
     * harmless non-determinism).
     *
     * @return the findings, empty if none
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Findings about several blocks at once (the whole gradient off by one factor, two blocks swapped,
     * where in the backward pass an error enters), beside each block's own {@link BlockSummary#diagnosis()}.
     *
     * @return the findings, empty if none (always, for a check that passed or did not check every element)
     */
    public List<CrossBlockDiagnosis> crossBlockDiagnoses() {
        return crossBlockDiagnoses;
    }

    /**
     * The blocks that a cross-block finding explains on its own, so that their diagnoses need not be
     * read one by one: every block of a whole-gradient factor, the two swapped blocks. An entering
     * error says only where, so its blocks keep their own diagnoses.
     *
     * @param block a block's name
     * @return whether a finding about the whole gradient or a swap covers it
     */
    public boolean explainedAcrossBlocks(String block) {
        return crossBlockDiagnoses.stream().anyMatch(d -> d.kind() != CrossBlockDiagnosis.Kind.ERROR_ENTERS
                && d.blocks().contains(block));
    }

    /**
     * The length of θ.
     *
     * @return the number of parameters
     */
    public int parameterCount() {
        return gradient.length;
    }

    /**
     * The analytic gradient in θ's order; a fresh copy on every call.
     *
     * @return the analytic gradient
     */
    public double[] gradient() {
        return gradient.clone();
    }

    /**
     * The numeric gradient in θ's order, NaN where an element was not checked; a fresh copy on every
     * call.
     *
     * @return the numeric gradient
     */
    public double[] numericGradient() {
        if (numericIndices == null) {
            return numericGradient.clone();
        }
        double[] all = new double[gradient.length];
        Arrays.fill(all, Double.NaN);
        for (int k = 0; k < numericIndices.length; k++) {
            all[numericIndices[k]] = numericGradient[k];
        }
        return all;
    }

    /**
     * How many elements were judged at a jittered point θ ± η instead of at θ: mismatches where the
     * analytic gradient jumps, at several kinks meeting at θ, where a correct backward pass's choice
     * of subgradient can lie outside both one-sided slopes. Those that agree at θ ± η count as kinks;
     * a warning says how many.
     *
     * @return the count, 0 where none was
     */
    public int jitteredElements() {
        return jitteredElements;
    }

    /**
     * How many times the check evaluated the loss.
     *
     * @return the count
     */
    public long lossEvaluations() {
        return lossEvaluations;
    }

    /**
     * How many times the check evaluated the analytic gradient.
     *
     * @return the count
     */
    public long gradientEvaluations() {
        return gradientEvaluations;
    }

    /**
     * Wall-clock time of the check.
     *
     * @return the duration
     */
    public Duration duration() {
        return duration;
    }

    /** The readable summary, as {@link ReportText#summary} writes it. */
    @Override
    public String toString() {
        return ReportText.summary(this);
    }
}
