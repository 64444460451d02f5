package io.github.gradcheck.internal.engine;

import io.github.gradcheck.CopyableModel;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Probes a list of elements on one thread, or, for a model that can be copied and enough work to
 * pay for it, in chunks on several, each chunk on its own copy. The threads are the JVM's shared
 * {@link WorkerPool}; how many chunks (and copies) a check makes depends only on its settings, the
 * elements and the loss's measured cost (see {@link #workers}), never on what other checks run.
 */
final class ParallelProbe {

    /** Fewer elements per thread than this are not worth a thread. */
    private static final int ELEMENTS_PER_THREAD = 32;
    /**
     * Less work on the elements than this, timed as 2 loss evaluations per element at the faster of
     * the two loss evaluations at θ, is done on one thread. Measured with the shared pool (README,
     * "Benchmarks"): at 0.6 ms of work two threads lost (0.95×), at 2 ms they gained 1.29× (as much
     * as two plain threads did in the same minute); 1 ms lies between.
     */
    static final long MIN_PARALLEL_NANOS = 1_000_000;

    private final DifferentiableModel model;
    private final String name;
    private final int threads;
    private final List<ModelCalls> workerCalls = new ArrayList<>();

    ParallelProbe(DifferentiableModel model, String name, int threads) {
        this.model = model;
        this.name = name;
        this.threads = threads;
    }

    /** The calls made on the copies, for the evaluation count. */
    List<ModelCalls> workerCalls() {
        return workerCalls;
    }

    /**
     * Probes {@code indices}: on this thread, or, where the model can be copied and there is enough
     * work, split in contiguous chunks over {@code threads} workspaces, each on its own copy. In
     * three rounds: every element's first look; then, per block, its first {@link ElementClassifier#SCOUTS}
     * mismatches (by index) get every later look; then the block's other mismatches are decided on
     * their first look where the scouts' evidence allows it, else given every later look too. Each
     * element's result depends only on θ and on which elements are scouts, which is fixed by the
     * indices, so it is the same whichever thread computes it.
     */
    void probeAll(Workspace workspace, ElementProbe probe, double[] gradient, int[] indices, ElementResults elements,
                  double lossNanos) {
        List<ParameterBlock> blocks = workspace.parameters().layout().blocks();
        int[] blockOf = blockOf(blocks, indices);
        List<Workspace> workspaces = new ArrayList<>();
        workspaces.add(workspace);
        int workers = workers(indices.length, lossNanos);
        if (workers > 1 && model instanceof CopyableModel copyable) {
            for (int w = 1; w < workers; w++) {
                workspaces.add(copyOf(copyable, workspace));
            }
        }
        ElementProbe.FirstLook[] first = new ElementProbe.FirstLook[indices.length];
        run(workspaces, indices.length, (own, n) -> {
            int i = indices[n];
            ParameterBlock block = blocks.get(blockOf[n]);
            first[n] = probe.firstLook(own, blockOf[n], block, i - block.offset(), gradient[i]);
            if (first[n].decided()) {
                elements.put(i, first[n].result());
            }
        });
        int[] scouts = undecided(first, blockOf, blocks.size(), true);
        ElementProbe.LaterLooks[] looked = new ElementProbe.LaterLooks[scouts.length];
        run(workspaces, scouts.length, (own, s) -> {
            int n = scouts[s];
            int i = indices[n];
            ParameterBlock block = blocks.get(blockOf[n]);
            looked[s] = probe.laterLooks(own, blockOf[n], block, i - block.offset(), gradient[i], first[n]);
            elements.put(i, looked[s].result());
        });
        ElementClassifier.BlockEvidence[] evidence = evidence(scouts, looked, blockOf, blocks.size());
        int[] rest = undecided(first, blockOf, blocks.size(), false);
        run(workspaces, rest.length, (own, r) -> {
            int n = rest[r];
            int i = indices[n];
            ParameterBlock block = blocks.get(blockOf[n]);
            ElementProbe.Result decided = probe.decideOnFirstLook(first[n], gradient[i], evidence[blockOf[n]]);
            elements.put(i, decided != null ? decided
                    : probe.laterLooks(own, blockOf[n], block, i - block.offset(), gradient[i], first[n]).result());
        });
    }

    /**
     * The threads (chunks, each on its own workspace) for {@code count} elements: the setting, but
     * no more than one per {@link #ELEMENTS_PER_THREAD} elements, and one where the work, 2 loss
     * evaluations per element at {@code lossNanos} each, is under {@link #MIN_PARALLEL_NANOS}.
     */
    int workers(int count, double lossNanos) {
        if (2.0 * count * lossNanos < MIN_PARALLEL_NANOS) {
            return 1;
        }
        return Math.min(threads, Math.max(1, count / ELEMENTS_PER_THREAD));
    }

    /** One task over positions {@code [0, count)}, split in contiguous chunks over the workspaces that have enough work. */
    private static void run(List<Workspace> workspaces, int count, Task task) {
        int chunks = Math.min(workspaces.size(), Math.max(1, count / ELEMENTS_PER_THREAD));
        WorkerPool.run(chunks, c -> {
            Workspace own = workspaces.get(c);
            int to = chunkStart(count, chunks, c + 1);
            for (int n = chunkStart(count, chunks, c); n < to; n++) {
                task.run(own, n);
            }
        });
    }

    /** Work on position {@code n} of a round, in workspace {@code own}. */
    @FunctionalInterface
    private interface Task {
        void run(Workspace own, int n);
    }

    /**
     * The positions of first looks not yet decided: the scouts (each block's first
     * {@link ElementClassifier#SCOUTS}, by position), or the rest.
     */
    private static int[] undecided(ElementProbe.FirstLook[] first, int[] blockOf, int blockCount, boolean scouts) {
        int[] seen = new int[blockCount];
        int[] positions = new int[first.length];
        int count = 0;
        for (int n = 0; n < first.length; n++) {
            if (!first[n].decided() && (seen[blockOf[n]]++ < ElementClassifier.SCOUTS) == scouts) {
                positions[count++] = n;
            }
        }
        return Arrays.copyOf(positions, count);
    }

    /** Per block, how many scouts were confirmed smooth mismatches, and their largest truncation over ε². */
    private static ElementClassifier.BlockEvidence[] evidence(int[] scouts, ElementProbe.LaterLooks[] looked, int[] blockOf,
                                                              int blockCount) {
        int[] confirmed = new int[blockCount];
        double[] truncation = new double[blockCount];
        for (int s = 0; s < scouts.length; s++) {
            if (looked[s].smoothMismatch()) {
                int b = blockOf[scouts[s]];
                confirmed[b]++;
                truncation[b] = Math.max(truncation[b], looked[s].truncationOverSquaredStep());
            }
        }
        ElementClassifier.BlockEvidence[] evidence = new ElementClassifier.BlockEvidence[blockCount];
        for (int b = 0; b < blockCount; b++) {
            evidence[b] = new ElementClassifier.BlockEvidence(confirmed[b], truncation[b]);
        }
        return evidence;
    }

    private static int chunkStart(int length, int chunks, int chunk) {
        return (int) ((long) length * chunk / chunks);
    }

    /** The block of each index, found by walking the blocks alongside the indices (mostly in order). */
    private static int[] blockOf(List<ParameterBlock> blocks, int[] indices) {
        int[] blockOf = new int[indices.length];
        int b = 0;
        for (int n = 0; n < indices.length; n++) {
            int i = indices[n];
            while (!blocks.get(b).contains(i)) {
                b = i < blocks.get(b).offset() ? 0 : b + 1;
            }
            blockOf[n] = b;
        }
        return blockOf;
    }

    /** A workspace on a copy of the model, which must be at the same parameters, bit for bit. */
    private Workspace copyOf(CopyableModel copyable, Workspace original) {
        DifferentiableModel copy;
        try {
            copy = copyable.copy();
        } catch (RuntimeException e) {
            throw new GradientCheckException(name + ".copy() threw " + e, e);
        }
        if (copy == null || copy == copyable) {
            throw new GradientCheckException(name + ".copy() returned " + (copy == null ? "null" : "the model itself")
                    + "; it must return an independent copy, or use withThreads(1)");
        }
        ModelCalls copyCalls = new ModelCalls(copy);
        ParameterArrays arrays = copyCalls.parameters();
        if (!arrays.layout().equals(original.parameters().layout())) {
            throw new GradientCheckException(name + ".copy() has blocks " + arrays.layout()
                    + " but the model has " + original.parameters().layout());
        }
        int differs = ParameterAccess.get().firstDifference(arrays, original.parameters().toVector());
        if (differs >= 0) {
            throw new GradientCheckException(name + ".copy() differs from the model at "
                    + arrays.layout().label(differs) + "; a copy must be at the same parameters, bit for bit");
        }
        if (ParameterAccess.get().shareArrays(arrays, original.parameters())) {
            throw new GradientCheckException(name + ".copy() shares its parameter arrays with the model;"
                    + " a copy needs arrays of its own (clone them)");
        }
        workerCalls.add(copyCalls);
        return new Workspace(arrays, copyCalls);
    }
}
