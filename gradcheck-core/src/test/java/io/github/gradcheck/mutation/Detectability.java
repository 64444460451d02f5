package io.github.gradcheck.mutation;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;

/**
 * How far a bug stands out from the numeric gradient's own error, on the blocks it mutates: a
 * measure of whether a verdict built on a centered difference could catch it at all.
 *
 * <p>The numeric gradient is pinned to the course's centered difference with ε = 1e-7, whatever
 * the checker's defaults, so that the catalogue (which copies of the mutants exist) does not
 * change when the verdict under study does.
 */
final class Detectability {

    /** The course's step, fixed for every element. */
    static final double EPSILON = 1e-7;
    private static final GradientChecker REFERENCE = GradientChecker.defaults().withEpsilon(EPSILON);

    private Detectability() {
    }

    /**
     * ‖g_mutant − g_correct‖ / ‖g_correct − n‖ over the mutated blocks, n being the centered
     * difference (ε = 1e-7) of the correct model; infinite when n matches g exactly there.
     */
    static double ratio(Mutant mutant) {
        double[] bad = mutant.model().gradient().toVector();
        GradientCheckReport correct = REFERENCE.check(mutant.correctModel());
        double[] good = correct.gradient();
        double[] numeric = correct.numericGradient();
        double effect = 0;
        double noise = 0;
        for (BlockSummary block : correct.blocks()) {
            if (mutant.blocks().contains(block.name())) {
                for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                    effect += (bad[i] - good[i]) * (bad[i] - good[i]);
                    noise += (good[i] - numeric[i]) * (good[i] - numeric[i]);
                }
            }
        }
        return Math.sqrt(effect) / Math.sqrt(noise);
    }
}
