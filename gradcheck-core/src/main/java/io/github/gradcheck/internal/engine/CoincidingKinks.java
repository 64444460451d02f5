package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Mismatches at coinciding kinks, judged again where the kinks no longer coincide. Where several
 * kinks pass through θ at once (two ReLUs whose pre-activations are exactly 0 and share a
 * parameter, a clamp exactly on both its bounds for different examples), a correct backward pass
 * that takes the usual subgradient (relu′(0) = 0) can lie outside both one-sided slopes; the
 * loss along the element may even be smooth there, the kinks' jumps cancelling, so no look along
 * the element can tell that choice from a bug.
 *
 * <p>What can: the analytic gradient itself. All parameters are moved by a seeded random jitter
 * ±η (η = {@link #JITTER} of each element's step, with random signs and magnitudes from ½ to 3/2
 * of it: steps of one size would cancel on inputs such as (1, 1), leaving the pre-activation
 * η₀ + η₁ at exactly 0 for half the seeds), to θ + η and θ − η, where
 * every kink through θ lies on opposite sides, and the analytic gradient is evaluated at both. A
 * mismatching element whose analytic value there differs from g by more than
 * {@link #GRADIENT_JUMP} of its disagreement is at a point where the backward pass is
 * discontinuous: its disagreement may be a choice of subgradient. It is checked again, with every
 * look, at both jittered points against the analytic gradient there. A bug stays wrong at θ ± η (a
 * wrong factor, a wrong derivative on either side of a kink: each side is reached at one of the two
 * points); a subgradient convention does not exist there. The element stays a mismatch if either
 * point finds one, and is a kink otherwise; its numeric value and estimated error stay those at θ.
 * A mismatch whose analytic gradient does not jump (a bug on a smooth loss) costs nothing more
 * than the two gradient evaluations. The parameters are restored bit for bit, whatever happens.
 */
final class CoincidingKinks {

    /**
     * The jitter, in units of each element's step ε: 1/16, so that the kinks it separates lie about
     * ε/16 from the jittered point, 60 times the closer look's ε/1000 (which then sees the smooth
     * piece between them), while moving the analytic gradient by curvature × ε/16, some 1e-7 of
     * its size, far below any bug's.
     */
    static final double JITTER = 1.0 / 16;
    /**
     * An analytic value that moves under the jitter by more than this share of its disagreement is
     * discontinuous at θ: a tenth, while a smooth gradient moves by curvature × η, orders of magnitude
     * less than any disagreement worth reporting.
     */
    static final double GRADIENT_JUMP = 0.1;

    private final CheckSettings settings;
    private final ElementClassifier classifier;
    private final double noise;
    /** The θ whose max(|θᵢ|, 1) scales steps and directions (see {@link Directions#scale}). */
    private final double[] scaleOf;
    /** The elements judged in an earlier round, which a later round leaves as they are (as long as the last one judged). */
    private final BitSet judgedBefore = new BitSet();

    CoincidingKinks(CheckSettings settings, ElementClassifier classifier, double noise, double[] scaleOf) {
        this.settings = settings;
        this.classifier = classifier;
        this.noise = noise;
        this.scaleOf = scaleOf;
    }

    /**
     * Judges the mismatches of {@code elements} at coinciding kinks again at θ ± η and updates their
     * verdicts; returns how many were judged there and how many of those still mismatch. A mismatch
     * judged by an earlier call is not judged again. Leaves the parameters at {@code theta}.
     */
    Judged judge(Workspace workspace, double[] theta, double[] gradient, ElementResults elements) {
        List<Integer> mismatches = new ArrayList<>();
        for (int i = elements.nextChecked(0); i < theta.length; i = elements.nextChecked(i + 1)) {
            if (elements.verdict(i) == ElementVerdict.MISMATCH && !judgedBefore.get(i)) {
                mismatches.add(i);
            }
        }
        if (mismatches.isEmpty()) {
            return new Judged(0, 0);
        }
        // η drawn again from its seed on each walk, and the gradients at θ ± η kept at the mismatches
        // only: a failing check of a million parameters holds no array of N here but one point.
        Direction jitter = Direction.weighted(Directions.jitterSeed(settings.seed()), settings.step().relative() ? scaleOf : null)
                .times(settings.step().value() * JITTER);
        ParameterLayout layout = workspace.parameters().layout();
        double[][] jitteredGradient = new double[2][];
        double[] jitteredLoss = new double[2];
        try {
            for (int side = 0; side < 2; side++) {
                double t = side == 0 ? 1 : -1;
                workspace.move(theta, jitter, t, 0, theta.length);
                jitteredGradient[side] = workspace.calls().gradientAt(layout, mismatches);
            }
            List<Integer> candidates = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int m = 0; m < mismatches.size(); m++) {
                int i = mismatches.get(m);
                double disagreement = Math.abs(gradient[i] - elements.numeric(i));
                double jump = Math.abs(jitteredGradient[0][m] - gradient[i]) + Math.abs(jitteredGradient[1][m] - gradient[i]);
                if (jump > GRADIENT_JUMP * disagreement) {
                    candidates.add(i);
                    positions.add(m);
                }
            }
            if (candidates.isEmpty()) {
                return new Judged(0, 0);
            }
            boolean[] mismatchSomewhere = new boolean[candidates.size()];
            for (int side = 0; side < 2; side++) {
                jitteredLoss[side] = workspace.loss(theta, jitter, side == 0 ? 1 : -1, 0, theta.length, "at θ "
                        + (side == 0 ? "+" : "−") + " η, a jitter of ε/16 off coinciding kinks");
                ElementProbe probe = new ElementProbe(settings, classifier, jitteredLoss[side], noise,
                        workspace.point(theta, jitter, side == 0 ? 1 : -1), scaleOf);
                for (int c = 0; c < candidates.size(); c++) {
                    int i = candidates.get(c);
                    ParameterBlock block = layout.blockContaining(i);
                    int b = layout.blocks().indexOf(block);
                    ElementVerdict verdict = probe.probe(workspace, b, block, i - block.offset(),
                            jitteredGradient[side][positions.get(c)]).verdict();
                    mismatchSomewhere[c] |= verdict == ElementVerdict.MISMATCH;
                }
            }
            int stillMismatch = 0;
            for (int c = 0; c < candidates.size(); c++) {
                int i = candidates.get(c);
                judgedBefore.set(i);
                elements.judge(i, mismatchSomewhere[c] ? ElementVerdict.MISMATCH : ElementVerdict.KINK);
                stillMismatch += mismatchSomewhere[c] ? 1 : 0;
            }
            return new Judged(candidates.size(), stillMismatch);
        } finally {
            ParameterAccess.get().restore(workspace.parameters(), theta, 0, theta.length);
        }
    }

    /** How many mismatches were judged at θ ± η, and how many of them still mismatch there. */
    record Judged(int elements, int stillMismatch) {

        /** The judgements of two rounds together. */
        Judged plus(Judged other) {
            return new Judged(elements + other.elements, stillMismatch + other.stillMismatch);
        }
    }
}
