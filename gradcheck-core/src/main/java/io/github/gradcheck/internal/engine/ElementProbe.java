package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.engine.ElementClassifier.Slopes;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.internal.engine.Workspace.Side;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;

/**
 * Checks one element: its difference quotient, and, where analytic and numeric disagree, the
 * second looks at 2ε and ε/1000. The verdict is the {@link ElementClassifier}'s; this class only
 * evaluates. Immutable, so workers on several threads share one.
 */
final class ElementProbe {

    /** How much smaller the step of the last look at a mismatch is. */
    private static final double CLOSER_LOOK = 1000;

    private final CheckSettings settings;
    private final ElementClassifier classifier;
    private final double loss;
    private final double noise;
    private final double[] theta;
    private final double[] scale;

    ElementProbe(CheckSettings settings, ElementClassifier classifier, double loss, double noise, double[] theta,
                 double[] scale) {
        this.settings = settings;
        this.classifier = classifier;
        this.loss = loss;
        this.noise = noise;
        this.theta = theta;
        this.scale = scale;
    }

    /** The numeric derivative of one element, its estimated error, and the verdict. */
    record Result(double numeric, double estimatedError, ElementVerdict verdict) {
    }

    /** The step of flat index {@code i}. */
    double step(int i) {
        return settings.step().relative() ? settings.step().value() * scale[i] : settings.step().value();
    }

    Result probe(Workspace workspace, int b, ParameterBlock block, int k, double g) {
        int i = block.offset() + k;
        double value = theta[i];
        double h = step(i);
        Side plus = workspace.side(b, block, k, value, h, "+ ε");
        Side minus = workspace.side(b, block, k, value, -h, "− ε");
        double slopeNoise = noise / h;
        if (settings.stencil() == Stencil.FIVE_POINT) {
            Side plus2 = workspace.side(b, block, k, value, 2 * h, "+ 2ε");
            Side minus2 = workspace.side(b, block, k, value, -2 * h, "− 2ε");
            double centered = (plus.loss() - minus.loss()) / (plus.step() - minus.step());
            double average = (plus.step() - minus.step()) / 2;
            double numeric = (8 * (plus.loss() - minus.loss()) - (plus2.loss() - minus2.loss())) / (12 * average);
            double error = 1.5 * noise * Math.sqrt(130) / (12 * h) + 0.1 * Math.abs(centered - numeric);
            ElementVerdict verdict = classifier.compare(g, numeric, error);
            Slopes slopes = slopes(plus, minus, plus2, minus2);
            if (verdict == ElementVerdict.MISMATCH && classifier.atKink(slopes, slopeNoise)) {
                verdict = classifier.kink(g, slopes, slopeNoise);
            }
            return new Result(numeric, error, verdict);
        }
        // The course's quotient, 2ε, for a fixed step, so its numbers are reproduced; the steps
        // actually taken (θ ± ε is rounded) for a relative one.
        double numeric = settings.step().relative() ? (plus.loss() - minus.loss()) / (plus.step() - minus.step())
                : (plus.loss() - minus.loss()) / (2 * h);
        double roundOff = noise / (Math.sqrt(2) * h);
        ElementVerdict verdict = classifier.compare(g, numeric, roundOff);
        if (verdict != ElementVerdict.MISMATCH) {
            return new Result(numeric, roundOff, verdict);
        }
        Side plus2 = workspace.side(b, block, k, value, 2 * h, "+ 2ε");
        Side minus2 = workspace.side(b, block, k, value, -2 * h, "− 2ε");
        double wide = (plus2.loss() - minus2.loss()) / (plus2.step() - minus2.step());
        double error = 1.5 * roundOff + Math.abs(wide - numeric) / 3;
        Slopes slopes = slopes(plus, minus, plus2, minus2);
        verdict = classifier.refine(g, numeric, wide, roundOff, slopes, slopeNoise);
        if (verdict == ElementVerdict.MISMATCH || verdict == ElementVerdict.KINK) {
            double small = h / CLOSER_LOOK;
            Side plusClose = workspace.side(b, block, k, value, small, "+ ε/1000");
            Side minusClose = workspace.side(b, block, k, value, -small, "− ε/1000");
            double close = (plusClose.loss() - minusClose.loss()) / (plusClose.step() - minusClose.step());
            double forwardClose = (plusClose.loss() - loss) / plusClose.step();
            double backwardClose = (minusClose.loss() - loss) / minusClose.step();
            verdict = verdict == ElementVerdict.KINK
                    ? classifier.kinkCloserLook(g, close, forwardClose, backwardClose, noise / small)
                    : classifier.closerLook(g, numeric, close, slopes, forwardClose, backwardClose, slopeNoise, noise / small);
        }
        return new Result(numeric, error, verdict);
    }

    private Slopes slopes(Side plus, Side minus, Side plus2, Side minus2) {
        return new Slopes((plus.loss() - loss) / plus.step(), (minus.loss() - loss) / minus.step(),
                (plus2.loss() - loss) / plus2.step(), (minus2.loss() - loss) / minus2.step());
    }
}
