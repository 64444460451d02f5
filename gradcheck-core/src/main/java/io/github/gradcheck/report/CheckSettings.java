package io.github.gradcheck.report;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.StepSize;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings a check ran with, kept in the report so that a failure can be read and replayed.
 *
 * @param step how far each parameter is moved
 * @param stencil the difference quotient
 * @param precision the arithmetic the loss is computed in
 * @param margin how many times its estimated numerical error an element's disagreement must
 *     exceed to count as a mismatch
 * @param threshold the least relative error |g − n| / (|g| + |n|) that can count as a mismatch,
 *     however small the estimated error; also the line for the per-block difference verdict
 * @param relativeErrorFloor below this value of |analytic| + |numeric|, an element's relative
 *     error is measured against the floor instead, so that round-off on a zero gradient does not
 *     read as a 100% error
 * @param offenders how many of the worst elements the report keeps
 * @param seed the seed of everything random: directions (noise estimate, Taylor test, random
 *     directions) and samples
 * @param mode how much of θ to check element by element
 * @param samplesPerBlock in {@link CheckMode#SAMPLED} mode, the elements checked per block
 * @param threads how many threads check elements at once, for models that can be copied
 * @param evaluationBudget the most loss evaluations a full check may take before it falls back to
 *     random directions; 0 for no limit
 * @param timeBudget the longest a full check may take (estimated from the time of one loss
 *     evaluation) before it falls back to random directions; {@link Duration#ZERO} for no limit
 */
public record CheckSettings(StepSize step, Stencil stencil, Precision precision, double margin, double threshold,
                            double relativeErrorFloor, int offenders, long seed, CheckMode mode, int samplesPerBlock,
                            int threads, long evaluationBudget, Duration timeBudget) {

    /**
     * Settings; rejects a null setting, a margin, threshold or floor that is not positive and
     * finite, fewer than one sample per block or thread, and negative offenders or budgets.
     *
     * @param step how far each parameter is moved
     * @param stencil the difference quotient
     * @param precision the arithmetic the loss is computed in
     * @param margin how many times its estimated error a disagreement must exceed
     * @param threshold the least relative error that can count as a mismatch
     * @param relativeErrorFloor the least denominator of a relative error
     * @param offenders how many of the worst elements the report keeps
     * @param seed the seed of everything random
     * @param mode how much of θ to check element by element
     * @param samplesPerBlock the elements checked per block in sampled mode
     * @param threads how many threads check elements at once
     * @param evaluationBudget the most loss evaluations of a full check, or 0 for no limit
     * @param timeBudget the longest a full check may take, or {@link Duration#ZERO} for no limit
     * @throws NullPointerException if step, stencil, precision, mode or timeBudget is null
     * @throws IllegalArgumentException if a number is out of its range
     */
    public CheckSettings {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeBudget, "timeBudget");
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
        Objects.requireNonNull(stencil, "stencil");
        Objects.requireNonNull(precision, "precision");
        requirePositive("margin", margin);
        requirePositive("threshold", threshold);
        requirePositive("relativeErrorFloor", relativeErrorFloor);
        if (offenders < 0) {
            throw new IllegalArgumentException("offenders must be 0 or more, was " + offenders);
        }
    }

    /**
     * These settings with another step.
     *
     * @param step how far each parameter is moved
     * @return the new settings
     */
    public CheckSettings withStep(StepSize step) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another stencil.
     *
     * @param stencil the difference quotient
     * @return the new settings
     */
    public CheckSettings withStencil(Stencil stencil) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another precision.
     *
     * @param precision the arithmetic the loss is computed in
     * @return the new settings
     */
    public CheckSettings withPrecision(Precision precision) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another margin.
     *
     * @param margin how many times its estimated error a disagreement must exceed
     * @return the new settings
     */
    public CheckSettings withMargin(double margin) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another threshold.
     *
     * @param threshold the least relative error that can count as a mismatch
     * @return the new settings
     */
    public CheckSettings withThreshold(double threshold) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another relativeErrorFloor.
     *
     * @param relativeErrorFloor the least denominator of a relative error
     * @return the new settings
     */
    public CheckSettings withRelativeErrorFloor(double relativeErrorFloor) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another offenders.
     *
     * @param offenders how many of the worst elements the report keeps
     * @return the new settings
     */
    public CheckSettings withOffenders(int offenders) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another seed.
     *
     * @param seed the seed of everything random
     * @return the new settings
     */
    public CheckSettings withSeed(long seed) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another mode.
     *
     * @param mode how much of θ to check element by element
     * @return the new settings
     */
    public CheckSettings withMode(CheckMode mode) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another samplesPerBlock.
     *
     * @param samplesPerBlock the elements checked per block in sampled mode
     * @return the new settings
     */
    public CheckSettings withSamplesPerBlock(int samplesPerBlock) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another threads.
     *
     * @param threads how many threads check elements at once
     * @return the new settings
     */
    public CheckSettings withThreads(int threads) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another evaluationBudget.
     *
     * @param evaluationBudget the most loss evaluations of a full check, or 0 for no limit
     * @return the new settings
     */
    public CheckSettings withEvaluationBudget(long evaluationBudget) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    /**
     * These settings with another timeBudget.
     *
     * @param timeBudget the longest a full check may take, or {@link Duration#ZERO} for no limit
     * @return the new settings
     */
    public CheckSettings withTimeBudget(Duration timeBudget) {
        return new CheckSettings(step, stencil, precision, margin, threshold, relativeErrorFloor, offenders, seed, mode, samplesPerBlock, threads, evaluationBudget, timeBudget);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + value);
        }
    }
}
