package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

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
    void confirm(int b, ParameterBlock block, Direction taylorDirection, String order) {
        int from = block.offset();
        int to = from + block.size();
        confirm(b, block, disagreesAlong(over(Direction.keptIfRoom(taylorDirection, from, to), from, to)), order);
    }

    /** {@link #confirm(int, ParameterBlock, Direction, String)} along a large block's bounded Taylor direction. */
    void confirm(int b, ParameterBlock block, SparseDirection taylorDirection, String order) {
        confirm(b, block, disagreesAlong(over(taylorDirection)), order);
    }

    private void confirm(int b, ParameterBlock block, boolean disagrees, String order) {
        if (disagrees) {
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
                found += unchecked == 1 ? probe(b, block, elements.firstUnchecked(range[0])) : 0;
                continue;
            }
            // Each half gets about half of the range's unchecked elements.
            int middle = elements.afterUnchecked(range[0], unchecked / 2);
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
        return to - from - elements.checkedIn(from, to);
    }

    /**
     * Whether a fresh direction over the unchecked elements among flat indices {@code [from, to)}
     * disagrees. Its components are drawn from the direction's seed where they are walked, 0 at the
     * checked elements (drawn all the same, so that each element's component does not depend on what
     * was checked), and kept in an array of the range only where the heap has room for it.
     */
    private boolean disagrees(int from, int to) {
        double[] scale = settings.step().relative() ? scaleOf : null;
        if (Direction.room(to - from)) {
            // Drawn once, in one loop: a walk through the Direction interfaces costs several times as much.
            double[] components = new double[to - from];
            SplittableRandom random = Directions.search(settings.seed(), ++directions);
            Direction.drawSearched(random, scale, components, from, to);
            for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
                components[i - from] = 0;
            }
            return disagreesAlong(over(new Direction.Kept(components, from), from, to));
        }
        Direction drawn = Direction.searched(Directions.searchSeed(settings.seed(), ++directions), scale);
        Direction unchecked = () -> {
            Direction.Walk walk = drawn.walk();
            return new Direction.Walk() {
                private int nextChecked = -1;

                @Override
                public double next(int i) {
                    double component = walk.next(i);
                    if (nextChecked < i) {
                        nextChecked = elements.nextChecked(i);
                    }
                    return nextChecked == i ? 0 : component;
                }
            };
        };
        return disagreesAlong(over(unchecked, from, to));
    }

    /** {@code direction} over flat indices {@code [from, to)}. */
    private PathAlong over(Direction direction, int from, int to) {
        return PathAlong.dense(workspace, theta, gradient, direction, from, to);
    }

    /** A sparse direction, over its own indices. */
    private PathAlong over(SparseDirection direction) {
        return PathAlong.sparse(workspace, theta, gradient, direction);
    }

    /**
     * Whether the directional derivative along {@code along} disagrees with ⟨g, d⟩ beyond its
     * estimated error, after a second look at twice the step.
     */
    private boolean disagreesAlong(PathAlong along) {
        double analytic = along.slope();
        double t = settings.step().value();
        double atStep = quotient(along, t);
        double roundOff = noise / (Math.sqrt(2) * t);
        if (classifier.compare(analytic, atStep, roundOff) != ElementVerdict.MISMATCH) {
            return false;
        }
        double wide = quotient(along, Richardson.STEP_RATIO * t);
        return classifier.compare(analytic, Richardson.extrapolated(atStep, wide), Richardson.error(roundOff, atStep, wide))
                == ElementVerdict.MISMATCH;
    }

    private double quotient(PathAlong along, double t) {
        try {
            double plus = along.loss(t, "at θ + t·d, a random direction over " + along.over() + " (random-direction check)");
            double minus = along.loss(-t, "at θ − t·d, a random direction over " + along.over() + " (random-direction check)");
            // Along the move actually made: float blocks round θ ± t·d, and the gradient is told what they rounded away.
            double rounded = along.rounding(t) - along.rounding(-t);
            return (plus - minus - rounded) / (2 * t);
        } finally {
            along.restore();
        }
    }
}
