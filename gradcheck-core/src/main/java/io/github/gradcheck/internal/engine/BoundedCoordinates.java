package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The coordinates of each block that the partial modes' noise estimate and Taylor tests move: all of
 * a block of at most {@link #BOUND} elements (as a full check does), else a seeded set of
 * {@link #BOUND}: the block's {@link #LARGEST} largest |gradient|, the elements sampled mode checks in
 * it, and elements drawn at random. A full check moves θ along all of N for both (13 moves of N, and
 * as many to read back and restore); a partial check of a million parameters that looks at a few
 * hundred of them would otherwise spend most of its own time there.
 *
 * <p>What the bound keeps: an error that runs through a block (a factor, a missing term, a wrong
 * derivative of an activation) shows along any 4,096 of its coordinates as it shows along all of them,
 * and the largest gradients, where a wrong backward pass moves the loss most, are always among them.
 * What it may miss: an error confined to elements outside the set, which the Taylor test then does not
 * see; those are covered by the search's own directions over every element of the block (see
 * {@link DirectionalSearch}), which stay over all of it. The noise estimate moves the same
 * coordinates, largest gradients first, so that the loss changes by as much as it does along a
 * direction over all of θ and its round-off is sampled where the loss is most sensitive.
 */
final class BoundedCoordinates {

    /**
     * The most coordinates a block's Taylor test and its share of the noise estimate move in the
     * partial modes: 4,096, so that 13 moves and their read-backs cost about 10⁵ writes, some 100 µs,
     * however large the block; and larger than every block of the models the cheap modes were
     * measured on before the bound, whose checks it leaves as they were.
     */
    static final int BOUND = 4096;
    /** How many of a bounded block's coordinates are its largest |gradient|: a quarter, as sampled mode's sample. */
    static final int LARGEST = BOUND / 4;

    /** Per block, its coordinates (flat indices, ascending), or null where it is moved whole. */
    private final int[][] perBlock;

    private BoundedCoordinates(int[][] perBlock) {
        this.perBlock = perBlock;
    }

    /**
     * The coordinates of every block of {@code layout}.
     *
     * @param gradient the analytic gradient, for the largest
     * @param sample the elements sampled mode checks (flat indices, ascending), or null
     * @param seed the check's seed
     */
    static BoundedCoordinates of(ParameterLayout layout, double[] gradient, int[] sample, long seed) {
        List<ParameterBlock> blocks = layout.blocks();
        int[][] perBlock = new int[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            if (block.size() > BOUND) {
                perBlock[b] = chosen(block, gradient, sample, seed);
            }
        }
        return new BoundedCoordinates(perBlock);
    }

    private static int[] chosen(ParameterBlock block, double[] gradient, int[] sample, long seed) {
        int from = block.offset();
        IndexSet taken = new IndexSet(BOUND);
        for (int i : LargestGradients.of(gradient, from, block.size(), LARGEST)) {
            taken.add(i);
        }
        if (sample != null) {
            int first = Arrays.binarySearch(sample, from);
            for (int s = first < 0 ? -first - 1 : first; s < sample.length && sample[s] < from + block.size()
                    && taken.size() < BOUND; s++) {
                taken.add(sample[s]);
            }
        }
        SplittableRandom random = Directions.coordinates(seed, from);
        while (taken.size() < BOUND) {
            taken.add(from + random.nextInt(block.size()));
        }
        return taken.sorted();
    }

    /** Whether block b is moved along its bounded coordinates rather than whole. */
    boolean bounded(int b) {
        return perBlock[b] != null;
    }

    /** Block b's coordinates, flat indices ascending; null where it is moved whole. */
    int[] of(int b) {
        return perBlock[b];
    }

    /** Whether any block is bounded; where none is, a partial check moves θ as a full check does. */
    boolean any() {
        for (int[] coordinates : perBlock) {
            if (coordinates != null) {
                return true;
            }
        }
        return false;
    }

    /** The noise estimate's coordinates: every block's, all of a block that is not bounded; ascending. */
    int[] all(ParameterLayout layout) {
        int count = 0;
        for (int b = 0; b < perBlock.length; b++) {
            count += perBlock[b] != null ? perBlock[b].length : layout.blocks().get(b).size();
        }
        int[] all = new int[count];
        int next = 0;
        for (int b = 0; b < perBlock.length; b++) {
            ParameterBlock block = layout.blocks().get(b);
            if (perBlock[b] != null) {
                System.arraycopy(perBlock[b], 0, all, next, perBlock[b].length);
                next += perBlock[b].length;
            } else {
                for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                    all[next++] = i;
                }
            }
        }
        return all;
    }
}
