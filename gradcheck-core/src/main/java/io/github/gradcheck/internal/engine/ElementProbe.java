package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.engine.ElementClassifier.Slopes;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.internal.engine.Workspace.Side;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;

/**
 * Checks one element: its difference quotient (the first look), and, where analytic and numeric
 * disagree, the later looks at 2ε and ε/1000, or a decision on the first look alone where the
 * element's block already fails on elements that had every look and the disagreement is far
 * beyond all that the later looks could excuse ({@link ElementClassifier#decisive}). The verdict
 * is the {@link ElementClassifier}'s; this class only evaluates. Immutable, so workers on several
 * threads share one.
 */
final class ElementProbe {

    /**
     * How much smaller the step of the last look at a mismatch is: 1000, so that truncation (∝ ε²)
     * all but vanishes and kinks closer to θᵢ than ε fall outside the step, while its round-off,
     * 1000 times ε's, still resolves the disagreements of real bugs.
     */
    private static final double CLOSER_LOOK = 1000;
    /** The five-point quotient's denominator, in steps: (8(J₊₁ − J₋₁) − (J₊₂ − J₋₂)) / 12ε. */
    private static final double FIVE_POINT_DENOMINATOR = 12;
    /** The standard deviation of the five-point numerator, in σ: √(8² + 8² + 1² + 1²) for four independent losses. */
    private static final double FIVE_POINT_NOISE = Math.sqrt(130);
    /**
     * The five-point value's round-off allowance, in its standard deviations: 1.5, the factor the
     * centered stencil's extrapolated value carries (the five-point value is that extrapolation).
     */
    private static final double FIVE_POINT_ROUND_OFF = 1.5;
    /**
     * The five-point value's truncation, as a share of its distance from the centered value: that
     * distance is the centered value's truncation, which the five-point stencil cuts to O(ε⁴);
     * a tenth keeps a little of it where the loss is not smooth enough for O(ε⁴) to be small.
     */
    private static final double FIVE_POINT_TRUNCATION = 0.1;

    private final CheckSettings settings;
    private final ElementClassifier classifier;
    private final double loss;
    private final double noise;
    private final double[] theta;
    /** The θ whose max(|θᵢ|, 1) scales steps and directions (see {@link Directions#scale}). */
    private final double[] scaleOf;

    ElementProbe(CheckSettings settings, ElementClassifier classifier, double loss, double noise, double[] theta,
                 double[] scaleOf) {
        this.settings = settings;
        this.classifier = classifier;
        this.loss = loss;
        this.noise = noise;
        this.theta = theta;
        this.scaleOf = scaleOf;
    }

    /** The numeric derivative of one element, its estimated error, and the verdict. */
    record Result(double numeric, double estimatedError, ElementVerdict verdict) {
    }

    /**
     * The first look at an element: its result, final where {@code decided}; else a mismatch at ε,
     * with the losses at θ ± ε kept for the later looks, which need them again.
     */
    record FirstLook(Result result, Side plus, Side minus, double h, boolean decided) {
    }

    /**
     * The result after the looks at 2ε and ε/1000, whether it is a mismatch on a loss that is smooth
     * around θᵢ (no kink at ε, 2ε or ε/1000), and Richardson's truncation estimate over ε².
     */
    record LaterLooks(Result result, boolean smoothMismatch, double truncationOverSquaredStep) {
    }

    /** The step of flat index {@code i}. */
    double step(int i) {
        return settings.step().relative() ? settings.step().value() * Directions.scale(scaleOf, i) : settings.step().value();
    }

    /** The element's result: the five-point stencil's, or the centered stencil's with all its later looks. */
    Result probe(Workspace workspace, int b, ParameterBlock block, int k, double g) {
        FirstLook first = firstLook(workspace, b, block, k, g, null);
        return first.decided() ? first.result() : laterLooks(workspace, b, block, k, g, first).result();
    }

    /**
     * The first look: the five-point stencil's whole verdict, or the centered quotient at ε against
     * its round-off σ/(√2 ε). A centered mismatch is not decided yet: it awaits
     * {@link #laterLooks} or {@link #decideOnFirstLook}.
     *
     * <p>A decided look is written into {@code into} at the element's flat index and null is
     * returned, so that a full check's pass over a million elements keeps and allocates nothing per
     * element (the losses are passed as primitives); where {@code into} is null, it is returned.
     */
    FirstLook firstLook(Workspace workspace, int b, ParameterBlock block, int k, double g, ElementResults into) {
        int i = block.offset() + k;
        double value = theta[i];
        double h = step(i);
        double plusMoved = workspace.moved(b, value, h);
        double plusLoss = workspace.lossAt(b, block, k, value, plusMoved, "+ ε", h);
        double minusMoved = workspace.moved(b, value, -h);
        double minusLoss = workspace.lossAt(b, block, k, value, minusMoved, "− ε", h);
        double plusStep = plusMoved - value;
        double minusStep = minusMoved - value;
        boolean floats = workspace.holdsFloats(b);
        if (floats) {
            // The later looks step by multiples of the step a float actually took.
            h = (plusStep - minusStep) / 2;
        }
        if (settings.stencil() == Stencil.FIVE_POINT) {
            // The five-point stencil, its value against its round-off and remaining truncation, and a kink test.
            double wide = Richardson.STEP_RATIO * h;
            double plus2Moved = workspace.moved(b, value, wide);
            double plus2Loss = workspace.lossAt(b, block, k, value, plus2Moved, "+ 2ε", wide);
            double minus2Moved = workspace.moved(b, value, -wide);
            double minus2Loss = workspace.lossAt(b, block, k, value, minus2Moved, "− 2ε", wide);
            double centered = (plusLoss - minusLoss) / (plusStep - minusStep);
            double average = (plusStep - minusStep) / 2;
            double numeric = (8 * (plusLoss - minusLoss) - (plus2Loss - minus2Loss)) / (FIVE_POINT_DENOMINATOR * average);
            double error = FIVE_POINT_ROUND_OFF * noise * FIVE_POINT_NOISE / (FIVE_POINT_DENOMINATOR * h)
                    + FIVE_POINT_TRUNCATION * Math.abs(centered - numeric);
            ElementVerdict verdict = classifier.compare(g, numeric, error);
            double slopeNoise = noise / h;
            if (verdict == ElementVerdict.MISMATCH) {
                Slopes slopes = new Slopes((plusLoss - loss) / plusStep, (minusLoss - loss) / minusStep,
                        (plus2Loss - loss) / (plus2Moved - value), (minus2Loss - loss) / (minus2Moved - value));
                if (classifier.atKink(slopes, slopeNoise)) {
                    verdict = classifier.kink(g, slopes, slopeNoise);
                }
            }
            if (into == null) {
                return new FirstLook(new Result(numeric, error, verdict), new Side(plusLoss, plusStep),
                        new Side(minusLoss, minusStep), h, true);
            }
            into.put(i, numeric, error, verdict);
            return null;
        }
        // The course's quotient, 2ε, for a fixed step on doubles, so its numbers are reproduced; the
        // steps actually taken (θ ± ε is rounded) for a relative one, and for floats, where θ ± ε
        // rounds by up to ulp/2 of θ, and a fixed ε below one ulp is taken as one ulp.
        double numeric = settings.step().relative() || floats ? (plusLoss - minusLoss) / (plusStep - minusStep)
                : (plusLoss - minusLoss) / (2 * h);
        double roundOff = noise / (Math.sqrt(2) * h);
        ElementVerdict verdict = classifier.compare(g, numeric, roundOff);
        boolean decided = verdict != ElementVerdict.MISMATCH;
        if (decided && into != null) {
            into.put(i, numeric, roundOff, verdict);
            return null;
        }
        return new FirstLook(new Result(numeric, roundOff, verdict), new Side(plusLoss, plusStep), new Side(minusLoss, minusStep),
                h, decided);
    }

    /**
     * A centered first look judged again with this probe's noise, from its numeric value and step:
     * nothing is evaluated again, and the round-off allowance is the one {@link #firstLook} would
     * have given with this noise.
     */
    FirstLook judgedAgain(FirstLook first, double g) {
        double numeric = first.result().numeric();
        double roundOff = noise / (Math.sqrt(2) * first.h());
        ElementVerdict verdict = classifier.compare(g, numeric, roundOff);
        return new FirstLook(new Result(numeric, roundOff, verdict), first.plus(), first.minus(), first.h(),
                verdict != ElementVerdict.MISMATCH);
    }

    /**
     * A decided centered first look of flat index {@code i} in block {@code b}, judged again with this
     * probe's noise from its numeric value: the round-off allowance σ/(√2 ε) computed from the
     * element's step as {@link #firstLook} computes it (for floats, the step a float actually takes,
     * from {@link Workspace#moved}, which evaluates nothing), so that it is, bit for bit, what a first
     * look with this noise gives. A verdict other than a mismatch stays one: more noise only widens
     * the tolerance.
     */
    Result judgedAgain(Workspace workspace, int b, int i, double numeric, double g) {
        double value = theta[i];
        double h = step(i);
        if (workspace.holdsFloats(b)) {
            h = ((workspace.moved(b, value, h) - value) - (workspace.moved(b, value, -h) - value)) / 2;
        }
        double roundOff = noise / (Math.sqrt(2) * h);
        return new Result(numeric, roundOff, classifier.compare(g, numeric, roundOff));
    }

    /**
     * The first look's mismatch decided without a second look, where the block's evidence allows
     * it (see {@link ElementClassifier#decisive}); else null. The estimated error given is the
     * one the decision used: round-off plus the truncation bound scaled from the block's evidence.
     */
    Result decideOnFirstLook(FirstLook first, double g, ElementClassifier.BlockEvidence evidence) {
        Result result = first.result();
        double forward = (first.plus().loss() - loss) / first.plus().step();
        double backward = (first.minus().loss() - loss) / first.minus().step();
        double h = first.h();
        double truncation = evidence.truncation(h);
        return classifier.decisive(g, result.numeric(), result.estimatedError(), truncation, forward, backward, noise / h,
                evidence) ? new Result(result.numeric(), result.estimatedError() + truncation, ElementVerdict.MISMATCH) : null;
    }

    /**
     * The look at 2ε after a first look's mismatch: Richardson's truncation estimate and the
     * one-sided slopes, for the classifier's refined verdict; a mismatch or a kink is looked at
     * closer still, at ε/1000. The estimated error reported is Richardson's, whatever the closer
     * look finds. Also says whether the element is a confirmed smooth mismatch, evidence for the
     * rest of its block.
     */
    LaterLooks laterLooks(Workspace workspace, int b, ParameterBlock block, int k, double g, FirstLook first) {
        Element element = new Element(workspace, b, block, k, theta[block.offset() + k], first.h());
        double h = element.h();
        double numeric = first.result().numeric();
        double roundOff = first.result().estimatedError();
        Side plus2 = element.side(Richardson.STEP_RATIO * h, "+ 2ε");
        Side minus2 = element.side(-Richardson.STEP_RATIO * h, "− 2ε");
        double wide = (plus2.loss() - minus2.loss()) / (plus2.step() - minus2.step());
        Slopes slopes = slopes(first.plus(), first.minus(), plus2, minus2);
        ElementVerdict verdict = classifier.refine(g, numeric, wide, roundOff, slopes, noise / h);
        if (verdict == ElementVerdict.MISMATCH || verdict == ElementVerdict.KINK) {
            verdict = closerLook(element, g, numeric, slopes, verdict);
        }
        boolean smoothMismatch = verdict == ElementVerdict.MISMATCH && !classifier.nonSmooth(slopes, noise / h);
        return new LaterLooks(new Result(numeric, Richardson.error(roundOff, numeric, wide), verdict), smoothMismatch,
                Richardson.truncation(numeric, wide) / (h * h));
    }

    /** The look at ε/1000 at a mismatch or a kink the second look found: the classifier's final word. */
    private ElementVerdict closerLook(Element element, double g, double numeric, Slopes slopes, ElementVerdict verdict) {
        double h = element.h();
        double small = h / CLOSER_LOOK;
        Side plusClose = element.side(small, "+ ε/1000");
        Side minusClose = element.side(-small, "− ε/1000");
        if (element.workspace().holdsFloats(element.b())) {
            // ε/1000 may be below a float's ulp, and is then one ulp: its round-off is the step's.
            small = (plusClose.step() - minusClose.step()) / 2;
        }
        double close = (plusClose.loss() - minusClose.loss()) / (plusClose.step() - minusClose.step());
        double forwardClose = (plusClose.loss() - loss) / plusClose.step();
        double backwardClose = (minusClose.loss() - loss) / minusClose.step();
        return verdict == ElementVerdict.KINK
                ? classifier.kinkCloserLook(g, close, forwardClose, backwardClose, noise / small)
                : classifier.closerLook(g, numeric, close, slopes, forwardClose, backwardClose, noise / h, noise / small);
    }

    private Slopes slopes(Side plus, Side minus, Side plus2, Side minus2) {
        return new Slopes((plus.loss() - loss) / plus.step(), (minus.loss() - loss) / minus.step(),
                (plus2.loss() - loss) / plus2.step(), (minus2.loss() - loss) / minus2.step());
    }

    /** Element {@code k} of block {@code b}, at {@code value}, with step {@code h}, in one workspace. */
    private record Element(Workspace workspace, int b, ParameterBlock block, int k, double value, double h) {

        /** The loss with the element moved by {@code by}, labelled for messages, e.g. "+ 2ε". */
        Side side(double by, String label) {
            return workspace.side(b, block, k, value, by, label);
        }
    }
}
