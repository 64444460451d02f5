package io.github.gradcheck.internal.engine;

import java.util.SplittableRandom;

/**
 * Every seeded random draw of a check, in one place: the random directions of the noise estimate,
 * the Taylor test and the directional checks of the cheap modes, and the sample of sampled mode.
 * Each use draws from its own stream, derived from the check's seed, so that a run is the same every
 * time and one use does not shift another's draws. The streams are kept as they were when each use
 * had its own code.
 *
 * <p>The directions that judge a gradient (the Taylor test's, the cheap modes') are {@link #weighted}:
 * random signs times magnitudes uniform in [1/2, 3/2]. Signs alone over n elements are, with
 * probability 2<sup>1−n</sup>, all alike, and so lie in a null space that many models have (softmax
 * ignores a constant added to every logit; so does anything normalised), where every gradient error
 * of the block is invisible. Continuous magnitudes put a direction in no fixed subspace with positive
 * probability; bounded below by 1/2, they leave every element at least half the weight a sign gives it
 * (a Gaussian component is below 0.1 one time in twelve, and a single wrong element with it). The
 * noise estimate keeps its plain signs: it measures round-off, not a gradient.
 */
final class Directions {

    /** Odd multiplier (SplitMix64's golden-ratio increment) that gives each block its Taylor direction. */
    private static final long TAYLOR = 0x9E3779B97F4A7C15L;
    /** Odd multiplier (SplitMix64's first mixing constant) that gives each direction of the search its own stream. */
    private static final long SEARCH = 0xBF58476D1CE4E5B9L;
    /** Odd multiplier (SplitMix64's second mixing constant) that gives each block its own sample. */
    private static final long SAMPLE = 0x94D049BB133111EBL;
    /** Odd constant (Stafford's mix13 multiplier) that gives the jitter at coinciding kinks its own stream. */
    private static final long JITTER = 0xD6E8FEB86659FD93L;

    /** Odd constant (xxHash64's second prime) that gives each large block's bounded coordinates their own stream. */
    private static final long COORDINATES = 0xC2B2AE3D27D4EB4FL;

    private Directions() {
    }

    /** The stream of the noise estimate's direction over all of θ: the seed itself. */
    static SplittableRandom noise(long seed) {
        return new SplittableRandom(seed);
    }

    /** The stream of the Taylor test's direction within the block that starts at flat index {@code offset}. */
    static SplittableRandom taylor(long seed, int offset) {
        return new SplittableRandom(taylorSeed(seed, offset));
    }

    /** The seed of {@link #taylor}'s stream, for a {@link Direction#weighted} drawn again on each walk. */
    static long taylorSeed(long seed, int offset) {
        return seed ^ (TAYLOR * (offset + 1));
    }

    /** The stream of the {@code count}-th direction (from 1) of random-direction mode. */
    static SplittableRandom search(long seed, long count) {
        return new SplittableRandom(searchSeed(seed, count));
    }

    /** The seed of {@link #search}'s stream, for a {@link Direction#searched} drawn again on each walk. */
    static long searchSeed(long seed, long count) {
        return seed ^ (SEARCH * count);
    }

    /** The stream of sampled mode's random picks within the block that starts at flat index {@code offset}. */
    static SplittableRandom sample(long seed, int offset) {
        return new SplittableRandom(seed ^ (SAMPLE * (offset + 1)));
    }

    /** The stream of the random coordinates of the bounded directions within the block that starts at flat index {@code offset}. */
    static SplittableRandom coordinates(long seed, int offset) {
        return new SplittableRandom(seed ^ (COORDINATES * (offset + 1)));
    }

    /** The seed of the jitter η that moves θ off coinciding kinks, for a {@link Direction#weighted} drawn again on each walk. */
    static long jitterSeed(long seed) {
        return seed ^ JITTER;
    }

    /**
     * The scale of parameter i for relative steps and random directions: max(|θᵢ|, 1). Below 1
     * the step stays absolute, as the course's: a parameter of 1e-6 moved by 5e-12 would drown its
     * difference quotient in round-off, while the losses of learning models are smooth on scales
     * far larger than their small parameters. Where that is not so, the second look at 2ε and ε/1000
     * tells truncation from a bug. Computed where it is used, from the original θ, rather than kept
     * in an array of its own (8 bytes per parameter).
     */
    static double scale(double[] theta, int i) {
        return Math.max(Math.abs(theta[i]), 1);
    }

    /**
     * Fills {@code direction} over flat indices {@code [from, to)} with random signs ±1 from
     * {@code random}, each times the {@link #scale} of {@code scaleOf} (1 where {@code scaleOf} is
     * null) times {@code factor}; one draw per index, in order.
     */
    static void signs(SplittableRandom random, double[] scaleOf, double factor, double[] direction, int from, int to) {
        for (int i = from; i < to; i++) {
            direction[i] = (random.nextBoolean() ? 1 : -1) * (scaleOf == null ? 1 : scale(scaleOf, i)) * factor;
        }
    }

    /**
     * Fills {@code direction} over flat indices {@code [from, to)} with random signs ±1 from
     * {@code random}, each times a magnitude uniform in [1/2, 3/2) and the {@link #scale} of
     * {@code scaleOf} (1 where {@code scaleOf} is null); two draws per index, in order.
     */
    static void weighted(SplittableRandom random, double[] scaleOf, double[] direction, int from, int to) {
        for (int i = from; i < to; i++) {
            double sign = random.nextBoolean() ? 1 : -1;
            direction[i] = sign * (0.5 + random.nextDouble()) * (scaleOf == null ? 1 : scale(scaleOf, i));
        }
    }

    /** ⟨g, d⟩ over flat indices {@code [from, to)}, summed in index order. */
    static double along(double[] gradient, double[] direction, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += gradient[i] * direction[i];
        }
        return sum;
    }
}
