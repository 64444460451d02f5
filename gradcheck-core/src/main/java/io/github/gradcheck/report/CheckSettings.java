package io.github.gradcheck.report;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.StepSize;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings a check ran with, kept in the report so that a failure can be read and replayed
 * with {@code GradientChecker.with(report.settings())}. Read-only: a {@code GradientChecker}
 * makes these (its {@code with…} methods change a setting), users do not construct them. Two
 * settings are equal when every setting is.
 */
public final class CheckSettings {

    private final StepSize step;
    private final Stencil stencil;
    private final Precision precision;
    private final double margin;
    private final double threshold;
    private final double relativeErrorFloor;
    private final double nondeterminismTolerance;
    private final int offenders;
    private final long seed;
    private final CheckMode mode;
    private final int samplesPerBlock;
    private final int threads;
    private final long evaluationBudget;
    private final Duration timeBudget;
    private final int probes;
    private final int jacobianOutputs;

    /**
     * Settings from the builder; rejects a null setting, a margin, threshold, floor or tolerance that is not
     * positive and finite, fewer than one sample per block or thread, and negative offenders or
     * budgets.
     */
    CheckSettings(ReportAssembly.Settings values) {
        String type = "CheckSettings";
        step = Objects.requireNonNull(values.step, "step");
        mode = Objects.requireNonNull(values.mode, "mode");
        timeBudget = Objects.requireNonNull(values.timeBudget, "timeBudget");
        samplesPerBlock = ReportAssembly.required(values.samplesPerBlock, type, "samplesPerBlock");
        threads = ReportAssembly.required(values.threads, type, "threads");
        evaluationBudget = ReportAssembly.required(values.evaluationBudget, type, "evaluationBudget");
        probes = values.probes == null ? GradientChecker.DEFAULT_PROBES : values.probes;
        jacobianOutputs = values.jacobianOutputs == null ? GradientChecker.DEFAULT_JACOBIAN_OUTPUTS : values.jacobianOutputs;
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be at least 1, was " + probes);
        }
        if (jacobianOutputs < 0) {
            throw new IllegalArgumentException("jacobianOutputs must be 0 (never the full Jacobian) or more, was "
                    + jacobianOutputs);
        }
        if (samplesPerBlock < 1) {
            throw new IllegalArgumentException("samplesPerBlock must be at least 1, was " + samplesPerBlock);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (evaluationBudget < 0) {
            throw new IllegalArgumentException("evaluationBudget must be 0 (no limit) or more, was " + evaluationBudget);
        }
        if (timeBudget.isNegative()) {
            throw new IllegalArgumentException("timeBudget must be zero (no limit) or more, was " + timeBudget);
        }
        stencil = Objects.requireNonNull(values.stencil, "stencil");
        precision = Objects.requireNonNull(values.precision, "precision");
        margin = requirePositive("margin", ReportAssembly.required(values.margin, type, "margin"));
        threshold = requirePositive("threshold", ReportAssembly.required(values.threshold, type, "threshold"));
        relativeErrorFloor = requirePositive("relativeErrorFloor",
                ReportAssembly.required(values.relativeErrorFloor, type, "relativeErrorFloor"));
        nondeterminismTolerance = requirePositive("nondeterminismTolerance",
                ReportAssembly.required(values.nondeterminismTolerance, type, "nondeterminismTolerance"));
        offenders = ReportAssembly.required(values.offenders, type, "offenders");
        if (offenders < 0) {
            throw new IllegalArgumentException("offenders must be 0 or more, was " + offenders);
        }
        seed = ReportAssembly.required(values.seed, type, "seed");
    }

    /**
     * How far each parameter is moved.
     *
     * @return the step
     */
    public StepSize step() {
        return step;
    }

    /**
     * The difference quotient.
     *
     * @return the stencil
     */
    public Stencil stencil() {
        return stencil;
    }

    /**
     * The arithmetic the loss is computed in.
     *
     * @return the precision
     */
    public Precision precision() {
        return precision;
    }

    /**
     * How many times its estimated numerical error an element's disagreement must exceed to count
     * as a mismatch.
     *
     * @return the margin
     */
    public double margin() {
        return margin;
    }

    /**
     * The relative error |g − n| / (|g| + |n|) an element must exceed (strictly) to count as a
     * mismatch, however small the estimated error; also the line for the per-block difference
     * verdict.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Below this value of |analytic| + |numeric|, an element's relative error is measured against
     * the floor instead, so that round-off on a zero gradient does not read as a 100% error.
     *
     * @return the floor
     */
    public double relativeErrorFloor() {
        return relativeErrorFloor;
    }

    /**
     * How far apart, relatively, two evaluations of the loss (or of the gradient) at the same
     * parameters may be and still count as the same: |J₁ − J₂| ≤ tolerance · max(|J₁|, |J₂|), and
     * for the gradient its largest difference against its largest element. Further apart, the model
     * is not deterministic and cannot be checked.
     *
     * @return the tolerance
     */
    public double nondeterminismTolerance() {
        return nondeterminismTolerance;
    }

    /**
     * How many of the worst elements the report keeps.
     *
     * @return the count
     */
    public int offenders() {
        return offenders;
    }

    /**
     * The seed of everything random: directions (noise estimate, Taylor test, random directions)
     * and samples.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * How much of θ to check element by element.
     *
     * @return the mode
     */
    public CheckMode mode() {
        return mode;
    }

    /**
     * In {@link CheckMode#SAMPLED} mode, the elements checked per block.
     *
     * @return the count
     */
    public int samplesPerBlock() {
        return samplesPerBlock;
    }

    /**
     * How many threads check elements at once, for models that can be copied.
     *
     * @return the count
     */
    public int threads() {
        return threads;
    }

    /**
     * For a layer check, how many seeded random upstream gradients dy probe its backward pass when
     * its Jacobian is not checked whole.
     *
     * @return the count, at least 1
     */
    public int probes() {
        return probes;
    }

    /**
     * For a layer check, the most outputs a layer may have for its Jacobian to be checked whole
     * (one probe per output, dy a basis vector) instead of by {@link #probes()} random probes.
     *
     * @return the count; 0 never checks the whole Jacobian
     */
    public int jacobianOutputs() {
        return jacobianOutputs;
    }

    /**
     * The most loss evaluations a full check may take before it falls back to random directions.
     *
     * @return the budget, 0 for no limit
     */
    public long evaluationBudget() {
        return evaluationBudget;
    }

    /**
     * The longest a full check may take (estimated from the time of one loss evaluation) before it
     * falls back to random directions.
     *
     * @return the budget, {@link Duration#ZERO} for no limit
     */
    public Duration timeBudget() {
        return timeBudget;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CheckSettings that
                && step.equals(that.step)
                && stencil == that.stencil
                && precision == that.precision
                && Double.compare(margin, that.margin) == 0
                && Double.compare(threshold, that.threshold) == 0
                && Double.compare(relativeErrorFloor, that.relativeErrorFloor) == 0
                && Double.compare(nondeterminismTolerance, that.nondeterminismTolerance) == 0
                && offenders == that.offenders
                && seed == that.seed
                && mode == that.mode
                && samplesPerBlock == that.samplesPerBlock
                && probes == that.probes
                && jacobianOutputs == that.jacobianOutputs
                && threads == that.threads
                && evaluationBudget == that.evaluationBudget
                && timeBudget.equals(that.timeBudget);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, stencil, precision, margin, threshold, relativeErrorFloor, nondeterminismTolerance,
                offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget, probes, jacobianOutputs);
    }

    /** Every setting by name, e.g. {@code CheckSettings[step=…, stencil=CENTERED, …]}. */
    @Override
    public String toString() {
        return "CheckSettings[step=" + step + ", stencil=" + stencil + ", precision=" + precision + ", margin=" + margin
                + ", threshold=" + threshold + ", relativeErrorFloor=" + relativeErrorFloor
                + ", nondeterminismTolerance=" + nondeterminismTolerance + ", offenders=" + offenders
                + ", seed=" + seed + ", mode=" + mode + ", samplesPerBlock=" + samplesPerBlock + ", probes=" + probes + ", jacobianOutputs=" + jacobianOutputs
                + ", threads=" + threads
                + ", evaluationBudget=" + evaluationBudget + ", timeBudget=" + timeBudget + "]";
    }

    private static double requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + value);
        }
        return value;
    }
}
