package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The directional checks of the cheap modes, and the search that follows a disagreeing direction
 * down to single elements. A direction d over some of a block's elements (weighted random signs, see
 * {@link Directions}) costs 2 loss evaluations: the centred difference along d against ⟨g, d⟩,
 * judged against its round-off as an element is, with a second look at twice the step before it
 * is called a disagreement. A disagreeing range of elements is split in halves, each looked at
 * along a fresh direction, following the halves that still disagree down to single elements, which
 * are then checked one by one: a wrong element among N is found in about 6 log₂ N evaluations.
 *
 * <ul>
 *   <li>Random-direction mode ({@link #search}): a block of at most {@link #ELEMENTWISE} elements is
 *       checked element by element; a larger one along one direction.</li>
 *   <li>Sampled mode ({@link #cover}): after the sample, one direction over each block's elements
 *       the sample left out.</li>
 *   <li>Both ({@link #confirm}): a block whose Taylor test contradicts its gradient while none of
 *       its checked elements mismatches is looked at along the Taylor test's own direction, at the
 *       check's step, and localised where that disagrees too.</li>
 * </ul>
 *
 * Results go into the check's {@link ElementResults}; an element already checked is left out of
 * every later direction (its component is 0), so that a direction looks only at what is unknown.
 */
final class DirectionalSearch {

    /**
     * Blocks of at most this many elements are checked element by element in random-direction mode:
     * 8 evaluations at most, about what the block's direction and Taylor test cost (2 + 5), and blind
     * to nothing, where a direction over a handful of elements is the likeliest to meet a null space.
     */
    static final int ELEMENTWISE = 4;
    /**
     * A range that disagreed while neither half does along fresh directions, and that has at most
     * this many unchecked elements, is checked element by element (64 evaluations at most); a larger
     * one is split along fresh directions once more.
     */
    private static final int UNTRACED_ELEMENTWISE = 32;

    private final CheckSettings settings;
    private final ElementClassifier classifier;
    private final ElementProbe probe;
    private final Workspace workspace;
    private final double noise;
    private final double[] theta;
    /** The θ whose max(|θᵢ|, 1) scales steps and directions (see {@link Directions#scale}). */
    private final double[] scaleOf;
    private final double[] gradient;
    private final ElementResults elements;
    private final List<String> warnings;
    /** One direction at a time, over the flat indices being tested; allocated once. */
    private final double[] direction;
    private long directions;

    DirectionalSearch(CheckSettings settings, ElementClassifier classifier, ElementProbe probe, Workspace workspace,
                      double noise, double[] theta, double[] scaleOf, double[] gradient, ElementResults elements,
                      List<String> warnings) {
        this.settings = settings;
        this.classifier = classifier;
        this.probe = probe;
        this.workspace = workspace;
        this.noise = noise;
        this.theta = theta;
        this.scaleOf = scaleOf;
        this.gradient = gradient;
        this.elements = elements;
        this.warnings = warnings;
        this.direction = new double[theta.length];
    }

    /** Random-direction mode: small blocks element by element, the others along one direction each. */
    void search() {
        List<ParameterBlock> blocks = workspace.parameters().layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int from = block.offset();
            int to = from + block.size();
            if (block.size() <= ELEMENTWISE) {
                for (int i = from; i < to; i++) {
                    probe(b, block, i);
                }
            } else if (disagrees(from, to)) {
                localise(b, block);
            }
        }
    }

    /** Sampled mode: one direction over the elements the sample left out of each block that has not failed. */
    void cover() {
        List<ParameterBlock> blocks = workspace.parameters().layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int from = block.offset();
            int to = from + block.size();
            if (unchecked(from, to) > 0 && !elements.anyMismatch(from, to) && disagrees(from, to)) {
                localise(b, block);
            }
        }
    }

    /**
     * A block whose Taylor test contradicts its gradient, looked at along the test's own direction
     * at the check's step: where that disagrees too, the block is localised and its elements judged;
     * where it agrees, the Taylor test saw something the step does not resolve (a kink within its
     * steps, or an error too small for ε, which a full check would not see either), and a warning
     * says so.
     *
     * @param b the block's index in the layout
     * @param block the block
     * @param taylorDirection the Taylor test's direction, over the block
     * @param order the Taylor test's order as the block table shows it, for the warning
     */
    void confirm(int b, ParameterBlock block, double[] taylorDirection, String order) {
        int from = block.offset();
        int to = from + block.size();
        System.arraycopy(taylorDirection, from, direction, from, block.size());
        if (disagreesAlongDirection(from, to)) {
            localise(b, block);
        } else {
            warnings.add("the Taylor test questions " + block.name() + ": along a random direction its remainder falls as h^"
                    + order + ", not h², but a centred difference along the same direction at the check's step agrees"
                    + " with the gradient within " + Numbers.fixed(settings.margin(), 0) + " × its noise: a kink within the"
                    + " test's steps (up to 1e-2 · max(|θᵢ|, 1)), or an error too small for the step, which a full check"
                    + " would not see either");
        }
    }

    private void localise(int b, ParameterBlock block) {
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {block.offset(), block.offset() + block.size(), 0});
        int found = 0;
        int wanted = Math.max(1, settings.offenders());
        boolean lost = false;
        while (!ranges.isEmpty() && found < wanted) {
            int[] range = ranges.pop();
            int unchecked = unchecked(range[0], range[1]);
            if (unchecked <= 1) {
                found += unchecked == 1 ? probe(b, block, firstUnchecked(range[0], range[1])) : 0;
                continue;
            }
            int middle = middle(range[0], range[1], unchecked);
            boolean left = disagrees(range[0], middle);
            boolean right = disagrees(middle, range[1]);
            if (right) {
                ranges.push(new int[] {middle, range[1], 0});
            }
            if (left) {
                ranges.push(new int[] {range[0], middle, 0});
            }
            if (!left && !right) {
                // The range disagreed, its halves do not: errors that cancel along these directions, or
                // a disagreement at the noise's edge. Look closer rather than let it pass.
                if (unchecked <= UNTRACED_ELEMENTWISE) {
                    for (int i = range[0]; i < range[1] && found < wanted; i++) {
                        found += elements.checked(i) ? 0 : probe(b, block, i);
                    }
                } else if (range[2] == 0) {
                    ranges.push(new int[] {range[0], range[1], 1});
                } else {
                    lost = true;
                }
            }
        }
        if (lost) {
            warnings.add(block.name() + " disagrees along a random direction, but part of the disagreement could not"
                    + " be traced to single elements (errors that cancel, or at the level of the noise); a full check"
                    + " of " + block.name() + " would show them");
        }
    }

    /** Checks element i one by one; 1 if it mismatches. */
    private int probe(int b, ParameterBlock block, int i) {
        ElementProbe.Result result = probe.probe(workspace, b, block, i - block.offset(), gradient[i]);
        elements.put(i, result);
        return result.verdict() == ElementVerdict.MISMATCH ? 1 : 0;
    }

    private int unchecked(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            count += elements.checked(i) ? 0 : 1;
        }
        return count;
    }

    private int firstUnchecked(int from, int to) {
        int i = from;
        while (elements.checked(i)) {
            i++;
        }
        return i;
    }

    /** Where the range splits so that each half has about half of its unchecked elements. */
    private int middle(int from, int to, int unchecked) {
        int half = unchecked / 2;
        int i = from;
        for (int seen = 0; seen < half; i++) {
            seen += elements.checked(i) ? 0 : 1;
        }
        return i;
    }

    /** Whether a fresh direction over the unchecked elements among flat indices {@code [from, to)} disagrees. */
    private boolean disagrees(int from, int to) {
        Directions.weighted(Directions.search(settings.seed(), ++directions), settings.step().relative() ? scaleOf : null,
                direction, from, to);
        for (int i = from; i < to; i++) {
            direction[i] = elements.checked(i) ? 0 : direction[i];
        }
        return disagreesAlongDirection(from, to);
    }

    /**
     * Whether the directional derivative along {@link #direction} over flat indices {@code [from, to)}
     * disagrees with ⟨g, d⟩ beyond its estimated error, after a second look at twice the step.
     */
    private boolean disagreesAlongDirection(int from, int to) {
        double analytic = Directions.along(gradient, direction, from, to);
        double t = settings.step().value();
        double atStep = quotient(t, from, to);
        double roundOff = noise / (Math.sqrt(2) * t);
        if (classifier.compare(analytic, atStep, roundOff) != ElementVerdict.MISMATCH) {
            return false;
        }
        double wide = quotient(Richardson.STEP_RATIO * t, from, to);
        return classifier.compare(analytic, Richardson.extrapolated(atStep, wide), Richardson.error(roundOff, atStep, wide))
                == ElementVerdict.MISMATCH;
    }

    private double quotient(double t, int from, int to) {
        try {
            double plus = workspace.loss(theta, direction, t, from, to, "at θ + t·d, a random direction over flat indices "
                    + from + " to " + (to - 1) + " (random-direction check)");
            double minus = workspace.loss(theta, direction, -t, from, to, "at θ − t·d, a random direction over flat indices "
                    + from + " to " + (to - 1) + " (random-direction check)");
            // Along the move actually made: float blocks round θ ± t·d, and the gradient is told what they rounded away.
            double rounded = workspace.rounding(gradient, theta, direction, t, from, to)
                    - workspace.rounding(gradient, theta, direction, -t, from, to);
            return (plus - minus - rounded) / (2 * t);
        } finally {
            ParameterAccess.get().restore(workspace.parameters(), theta, from, to);
        }
    }
}
