package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Random-direction mode: each block is checked along one random signed direction (2 loss
 * evaluations); a block that disagrees is split in halves, each checked along fresh random signs,
 * and the halves that still disagree are split again, down to single elements, which are then
 * checked one by one. A wrong element among N is found in about 6 log₂ N evaluations.
 */
final class DirectionalSearch {

    private final CheckSettings settings;
    private final ElementClassifier classifier;
    private final ElementProbe probe;
    private final Workspace workspace;
    private final double noise;
    private final double[] theta;
    private final double[] scale;
    private final double[] gradient;
    private final List<String> warnings;
    private final Map<Integer, ElementProbe.Result> results = new TreeMap<>();
    /** One direction at a time, over the flat indices being tested; allocated once. */
    private final double[] direction;
    private long directions;

    DirectionalSearch(CheckSettings settings, ElementClassifier classifier, ElementProbe probe, Workspace workspace,
                      double noise, double[] theta, double[] scale, double[] gradient, List<String> warnings) {
        this.settings = settings;
        this.classifier = classifier;
        this.probe = probe;
        this.workspace = workspace;
        this.noise = noise;
        this.theta = theta;
        this.scale = scale;
        this.gradient = gradient;
        this.warnings = warnings;
        this.direction = new double[theta.length];
    }

    /** The elements looked at one by one, by flat index: those the search isolated. */
    Map<Integer, ElementProbe.Result> search() {
        List<ParameterBlock> blocks = workspace.parameters().layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            if (disagrees(block.offset(), block.offset() + block.size())) {
                localise(b, block);
            }
        }
        return results;
    }

    private void localise(int b, ParameterBlock block) {
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {block.offset(), block.offset() + block.size()});
        int found = 0;
        int wanted = Math.max(1, settings.offenders());
        boolean lost = false;
        while (!ranges.isEmpty() && found < wanted) {
            int[] range = ranges.pop();
            if (range[1] - range[0] == 1) {
                int i = range[0];
                ElementProbe.Result result = probe.probe(workspace, b, block, i - block.offset(), gradient[i]);
                results.put(i, result);
                found += result.verdict() == ElementVerdict.MISMATCH ? 1 : 0;
                continue;
            }
            int middle = (range[0] + range[1]) >>> 1;
            boolean left = disagrees(range[0], middle);
            boolean right = disagrees(middle, range[1]);
            if (right) {
                ranges.push(new int[] {middle, range[1]});
            }
            if (left) {
                ranges.push(new int[] {range[0], middle});
            }
            lost |= !left && !right;
        }
        if (lost) {
            warnings.add(block.name() + " disagrees along a random direction, but part of the disagreement could not"
                    + " be traced to single elements (errors that cancel, or at the level of the noise); a full check"
                    + " of " + block.name() + " would show them");
        }
    }

    /**
     * Whether the directional derivative along fresh random signs over flat indices {@code [from, to)}
     * disagrees with ⟨g, d⟩ beyond its estimated error, after a second look at twice the step.
     */
    private boolean disagrees(int from, int to) {
        Directions.signs(Directions.search(settings.seed(), ++directions), settings.step().relative() ? scale : null, 1,
                direction, from, to);
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
                    + from + " to " + (to - 1) + " (random-direction mode)");
            double minus = workspace.loss(theta, direction, -t, from, to, "at θ − t·d, a random direction over flat indices "
                    + from + " to " + (to - 1) + " (random-direction mode)");
            return (plus - minus) / (2 * t);
        } finally {
            ParameterAccess.get().restore(workspace.parameters(), theta, from, to);
        }
    }
}
