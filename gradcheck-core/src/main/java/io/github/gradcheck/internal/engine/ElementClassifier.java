package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;

/**
 * The verdict on one element, kept in one place so that it can be read and replaced: an element
 * fails only if the analytic value g and the numeric value n disagree by more than
 * {@code margin} times the numeric derivative's estimated error E, and by more than the
 * threshold relative error |g − n| / (|g| + |n|).
 *
 * <p>E is built from what the check measured, not from a fixed tolerance: the loss's noise σ
 * (see {@link NoiseEstimate}) gives a centered difference a round-off error of σ / (√2 ε); a
 * second step 2ε gives, by Richardson, a truncation estimate |D(2ε) − D(ε)| / 3. An element
 * that agrees only because margin × E is over half of |g| + |n| cannot confirm anything and is
 * {@code UNRELIABLE}. Where the one-sided slopes on either side of θᵢ jump by more than their
 * noise, and the jump does not grow with the step as curvature would, θᵢ sits at a kink (a ReLU,
 * max or abs switching); an analytic value between those slopes is then a {@code KINK}, not a
 * mismatch.
 */
final class ElementClassifier {

    /**
     * The standard deviation of a jump (J(θ+ε) − 2J(θ) + J(θ−ε))/ε, in units of σ/ε: √6. A kink
     * is claimed at half the margin in these units (about 5 standard deviations at margin 10), since
     * a jump moves the centered value by half its size.
     */
    private static final double JUMP_NOISE = Math.sqrt(6);
    /**
     * An agreement is {@code UNRELIABLE} where margin × E exceeds this share of |g| + |n|, i.e. the
     * mean of |g| and |n|: an estimated error as large as the values confirms nothing.
     */
    private static final double UNRELIABLE_SHARE = 0.5;
    /**
     * The centered value is the mean of the one-sided slopes, so a jump between them moves it by
     * the jump over this: a kink is claimed at, and excuses, half a jump.
     */
    private static final double JUMP_PER_CENTERED_SHIFT = 2;
    /**
     * √2, for the round-off of difference quotients in units of σ/ε: two losses over 2ε give a
     * centered one σ/(√2 ε); two losses over ε give a one-sided one √2 σ/ε.
     */
    private static final double SQRT_2 = Math.sqrt(2);
    /**
     * A jump of the one-sided slopes is a kink's, not curvature's, where from ε to 2ε it grows by
     * less than this factor: halfway between a kink's 1 (the jump stays) and curvature's 2.
     */
    private static final double KINK_JUMP_GROWTH = 1.5;
    /**
     * The look at ε/1000 decides only where margin × its round-off is under this share of the
     * disagreement at ε: half, so that a disagreement it reports gone has really gone.
     */
    private static final double CLOSE_RESOLUTION = 0.5;
    /**
     * How far a one-sided slope may move from ε/1000 to ε, in units of its move from ε to 2ε: on
     * a smooth loss about 1 (curvature × ε/2 both times); 2 leaves room for the third derivative.
     */
    private static final double CLOSE_SLOPE_CURVATURE = 2;

    /**
     * How many of a block's first mismatches (by index) get every look, as scouts for the rest: 8,
     * at most 32 extra evaluations per block.
     */
    static final int SCOUTS = 8;
    /**
     * How many scouts must be confirmed smooth mismatches before the rest of the block is decided on
     * a first look: half of them, so that a block whose mismatches are mostly kinks keeps every look.
     */
    static final int CONFIRMED_SCOUTS = SCOUTS / 2;
    /**
     * How far beyond all that the later looks could excuse a disagreement must be to be decided on a
     * first look: 100, far from the margin's 10 (a chance deviation of 5σ), so that neither a kink's
     * slopes nor truncation a hundred times the scouts' could turn the verdict.
     */
    static final double DECISIVE = 100;
    /**
     * Room in the truncation bound scaled from the scouts: 10 times their largest c·ε², since the
     * third derivative differs between elements of a block.
     */
    static final double TRUNCATION_SPREAD = 10;

    private final double margin;
    private final double threshold;
    private final double floor;

    ElementClassifier(CheckSettings settings) {
        this.margin = settings.margin();
        this.threshold = settings.threshold();
        this.floor = settings.relativeErrorFloor();
    }

    /** The verdict for analytic {@code g} against numeric {@code n} whose estimated error is {@code error}. */
    ElementVerdict compare(double g, double n, double error) {
        double difference = Math.abs(g - n);
        double tolerance = margin * error;
        if (Double.isNaN(difference) || Double.isNaN(tolerance)) {
            // No comparison with NaN is true: without this, a NaN quotient (0/0, ∞ − ∞) would fall through to MATCH.
            return ElementVerdict.UNRELIABLE;
        }
        double size = Math.abs(g) + Math.abs(n);
        if (difference <= tolerance) {
            return size > 0 && tolerance > UNRELIABLE_SHARE * size ? ElementVerdict.UNRELIABLE : ElementVerdict.MATCH;
        }
        return difference / Math.max(size, floor) > threshold ? ElementVerdict.MISMATCH : ElementVerdict.MATCH;
    }

    /**
     * The verdict once both steps are known.
     *
     * @param slopes the one-sided slopes (J(θ+ε) − J(θ))/ε, (J(θ) − J(θ−ε))/ε, and the same at 2ε
     * @param slopeNoise σ/ε, the loss's noise over the step
     */
    ElementVerdict refine(double g, double atStep, double atDoubleStep, double roundOff, Slopes slopes,
                          double slopeNoise) {
        if (atKink(slopes, slopeNoise)) {
            return kink(g, slopes, slopeNoise);
        }
        return compare(g, Richardson.extrapolated(atStep, atDoubleStep),
                Richardson.error(roundOff, atStep, atDoubleStep));
    }

    /**
     * Whether the one-sided slopes jump across θᵢ by more than their noise, while the jump does not
     * double with the step, as it would if it were curvature.
     */
    boolean atKink(Slopes slopes, double slopeNoise) {
        double jump = slopes.forward() - slopes.backward();
        double wideJump = slopes.wideForward() - slopes.wideBackward();
        return Math.abs(jump) > margin * JUMP_NOISE / JUMP_PER_CENTERED_SHIFT * slopeNoise
                && Math.abs(wideJump) < KINK_JUMP_GROWTH * Math.abs(jump);
    }

    /**
     * Whether the one-sided slopes show the loss is not smooth within 2ε: they jump by more than
     * their noise, or their jumps at ε and 2ε do not grow in proportion as curvature's would.
     */
    boolean nonSmooth(Slopes slopes, double slopeNoise) {
        double jump = slopes.forward() - slopes.backward();
        double wideJump = slopes.wideForward() - slopes.wideBackward();
        double noise = margin * JUMP_NOISE * slopeNoise;
        return Math.abs(wideJump - Richardson.STEP_RATIO * jump) > noise || atKink(slopes, slopeNoise);
    }

    /** At a kink: {@code KINK} if the analytic value lies between the one-sided slopes, else a mismatch. */
    ElementVerdict kink(double g, Slopes slopes, double slopeNoise) {
        double low = Math.min(Math.min(slopes.forward(), slopes.backward()), Math.min(slopes.wideForward(), slopes.wideBackward()));
        double high = Math.max(Math.max(slopes.forward(), slopes.backward()), Math.max(slopes.wideForward(), slopes.wideBackward()));
        // One-sided slopes differ from the derivative on their side by curvature, about the change
        // from ε to 2ε on that side.
        double curvature = Math.abs(slopes.wideForward() - slopes.forward()) + Math.abs(slopes.wideBackward() - slopes.backward());
        double slack = margin * (JUMP_NOISE * slopeNoise + curvature);
        return g >= low - slack && g <= high + slack ? ElementVerdict.KINK : ElementVerdict.MISMATCH;
    }

    /**
     * The verdict on a mismatch after a last look at ε/1000. A wrong gradient stays wrong there;
     * what vanishes is truncation beyond Richardson's estimate, and kinks closer to θᵢ than ε, such
     * as several ReLUs switching within ε of each other, which defeat the one-kink test. The
     * element is excused as a kink where the loss is shown not to be smooth near θᵢ: its one-sided
     * slopes at ε/1000 differ from those at ε by more than curvature and noise allow; or the slopes
     * at ε show a kink and the analytic value is within half their jump of the centered value, or
     * is one of the slopes seen at ε, 2ε or ε/1000. A single clean kink with an analytic value
     * outside its one-sided slopes stays a mismatch. The centered value at ε/1000 is trusted only
     * where its round-off can resolve the disagreement.
     *
     * @param atStep the centered value at ε
     * @param close the centered value at ε/1000
     * @param forwardClose the forward slope at ε/1000
     * @param backwardClose the backward slope at ε/1000
     * @param slopeNoise σ/ε
     * @param closeSlopeNoise σ/(ε/1000)
     */
    ElementVerdict closerLook(double g, double atStep, double close, Slopes slopes, double forwardClose,
                              double backwardClose, double slopeNoise, double closeSlopeNoise) {
        double disagreement = Math.abs(g - atStep);
        double closeRoundOff = closeSlopeNoise / SQRT_2;
        boolean smooth = !nonSmooth(slopes, slopeNoise);
        if (margin * closeRoundOff < CLOSE_RESOLUTION * disagreement
                && compare(g, close, closeRoundOff) != ElementVerdict.MISMATCH) {
            return smooth ? ElementVerdict.MATCH : ElementVerdict.KINK;
        }
        // Smooth, a one-sided slope moves from ε/1000 to ε by about as much as from ε to 2ε (curvature
        // times ε/2); by far more, and another kink lies closer to θᵢ than ε on that side.
        double forwardCurvature = Math.abs(slopes.wideForward() - slopes.forward());
        double backwardCurvature = Math.abs(slopes.wideBackward() - slopes.backward());
        double slopeRoundOff = margin * SQRT_2 * closeSlopeNoise;
        boolean kinksCloserThanStep =
                Math.abs(forwardClose - slopes.forward()) > CLOSE_SLOPE_CURVATURE * forwardCurvature + slopeRoundOff
                || Math.abs(backwardClose - slopes.backward()) > CLOSE_SLOPE_CURVATURE * backwardCurvature + slopeRoundOff;
        if (kinksCloserThanStep) {
            return ElementVerdict.KINK;
        }
        // A kink moves the centered value by at most half the jump of the one-sided slopes; and at a
        // kink the analytic value is one of the slopes seen on either side.
        double jump = Math.abs(slopes.forward() - slopes.backward());
        boolean withinJump = disagreement <= jump / JUMP_PER_CENTERED_SHIFT + margin * slopeNoise;
        double slack = slopeRoundOff + forwardCurvature + backwardCurvature;
        double low = Math.min(Math.min(forwardClose, backwardClose), Math.min(slopes.forward(), slopes.backward()));
        double high = Math.max(Math.max(forwardClose, backwardClose), Math.max(slopes.forward(), slopes.backward()));
        boolean oneOfTheSlopes = g >= low - slack && g <= high + slack;
        return !smooth && (withinJump || oneOfTheSlopes) ? ElementVerdict.KINK : ElementVerdict.MISMATCH;
    }

    /**
     * A kink seen at ε, looked at again at ε/1000. Where the loss is smooth at that scale (the
     * one-sided slopes agree there), the kink lies between ε/1000 and ε from θᵢ and the derivative
     * at θᵢ is measured there: a disagreement beyond its round-off is a mismatch after all (with
     * parameters of 1e-6, steps of ε flip a max-pool; a wrong kernel gradient must not hide behind
     * it). Where the slopes still jump, the kink sits at θᵢ and the element stays a kink.
     */
    ElementVerdict kinkCloserLook(double g, double close, double forwardClose, double backwardClose,
                                  double closeSlopeNoise) {
        boolean jumpsAtTheCloseStep =
                Math.abs(forwardClose - backwardClose) > margin * JUMP_NOISE / JUMP_PER_CENTERED_SHIFT * closeSlopeNoise;
        if (jumpsAtTheCloseStep) {
            return ElementVerdict.KINK;
        }
        return compare(g, close, closeSlopeNoise / SQRT_2) == ElementVerdict.MISMATCH
                ? ElementVerdict.MISMATCH : ElementVerdict.KINK;
    }

    /**
     * Whether a first look's mismatch is decided without the looks at 2ε and ε/1000, which exist
     * only to excuse truncation and kinks. It is, when the block already fails on elements that had
     * every look ({@link BlockEvidence#suffices}), and the disagreement |g − n| is more than
     * {@link #DECISIVE} times all that the later looks could excuse, measured or bounded from the
     * first look: margin × (round-off + a truncation bound c·ε² scaled from the block's confirmed
     * elements), plus margin × the one-sided slopes' noise, plus the jump |f − b| of the one-sided
     * slopes (J(θ+ε) − J(θ))/ε and (J(θ) − J(θ−ε))/ε, which come free with J(θ). A correct
     * analytic value at a single kink within ε is one of the slopes on either side, so it lies
     * within half that jump of the centered value; a mismatch beyond many times it is no kink's.
     * The decision only ever says mismatch, so it cannot excuse a bug; and it is taken only in a
     * block that fails anyway, so it cannot fail a block that would pass. What it cannot rule out
     * (two kinks within ε whose jumps cancel, a third derivative far beyond the scouts') can at
     * worst count one more mismatch in that failing block, unless the scouts themselves are later
     * judged kinks at coinciding kinks ({@code CoincidingKinks}): then an element decided here keeps
     * its verdict in a block that no longer fails on them (see the README's item 4; not re-probed).
     *
     * @param roundOff the centered value's round-off σ/(√2 ε)
     * @param truncation the truncation bound at this element's step
     * @param forward the forward slope at ε
     * @param backward the backward slope at ε
     * @param slopeNoise σ/ε
     */
    boolean decisive(double g, double n, double roundOff, double truncation, double forward, double backward,
                     double slopeNoise, BlockEvidence evidence) {
        if (!evidence.suffices()) {
            return false;
        }
        double excusable = margin * (roundOff + truncation) + margin * JUMP_NOISE * slopeNoise + Math.abs(forward - backward);
        return Math.abs(g - n) > DECISIVE * excusable;
    }

    /**
     * What a block's first looked-at mismatches (its scouts, by index, each given every look) show:
     * how many are confirmed mismatches on a smooth loss, and the largest truncation estimate among
     * them over ε² (c in c·ε², the leading truncation term of a centered difference), which bounds
     * the truncation of the block's other elements at their own steps.
     */
    record BlockEvidence(int confirmed, double truncationOverSquaredStep) {

        /** Whether enough scouts were confirmed for the rest of the block to be decided on a first look. */
        boolean suffices() {
            return confirmed >= CONFIRMED_SCOUTS;
        }

        /** The truncation bound at step {@code h}, with a factor {@link #TRUNCATION_SPREAD} of room. */
        double truncation(double h) {
            return TRUNCATION_SPREAD * truncationOverSquaredStep * h * h;
        }
    }

    /** One-sided slopes around θᵢ at ε and at 2ε. */
    record Slopes(double forward, double backward, double wideForward, double wideBackward) {
    }
}
