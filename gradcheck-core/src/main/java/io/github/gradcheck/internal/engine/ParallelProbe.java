package io.github.gradcheck.internal.engine;

import io.github.gradcheck.CopyableModel;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.ArrayList;
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
     * Less work on the elements than this, timed as 2 loss evaluations per element at the loss's
     * time (the one evaluation at θ, or, where that says threads could pay, the faster of it and the
     * first elements' looks, see {@link #firstLooks}), is done on one thread. Measured with the shared pool (README,
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
     * Probes {@code indices} (every flat index, in order, where null): on this thread, or, where the
     * model can be copied and there is enough work, split in contiguous chunks over {@code threads}
     * workspaces, each on its own copy. In three rounds: every element's first look; then, per block,
     * its first {@link ElementClassifier#SCOUTS} mismatches (by index) get every later look; then the
     * block's other mismatches are decided on their first look where the scouts' evidence allows it,
     * else given every later look too. Each element's result depends only on θ and on which elements
     * are scouts, which is fixed by the indices, so it is the same whichever thread computes it. Only
     * the first looks left undecided are kept between the rounds (each chunk's in order, so that
     * their concatenation is in position order): a check holds no object per element. Where the
     * loss's time at θ says threads could pay, the first {@link #ELEMENTS_PER_THREAD} elements are
     * looked at on this thread before the split, and timed, so that one slow evaluation (a JIT not
     * warm yet) does not buy copies a check does not need.
     */
    void probeAll(Workspace workspace, ElementProbe probe, double[] gradient, int[] indices, ElementResults elements,
                  double lossNanos) {
        laterLooks(firstLooks(workspace, probe, gradient, indices, elements, lossNanos), probe, gradient, elements);
    }

    /**
     * The first round of {@link #probeAll}: every element's first look, decided ones put in
     * {@code elements}; the others, with the workspaces they ran on, are returned for
     * {@link #laterLooks}, after {@link #judgedAgain} where the loss's noise was not known yet.
     */
    FirstLooks firstLooks(Workspace workspace, ElementProbe probe, double[] gradient, int[] indices, ElementResults elements,
                          double lossNanos) {
        ParameterLayout layout = workspace.parameters().layout();
        List<ParameterBlock> blocks = layout.blocks();
        int count = indices == null ? layout.size() : indices.length;
        List<Pending> undecided = new ArrayList<>();
        // Where the one loss at θ says threads could pay, the first elements are looked at here first, and
        // timed: one evaluation can be slow for reasons of its own (a JIT not warm yet), and the threads
        // are decided on the faster of the two times, for the elements left after these.
        int head = 0;
        double nanos = lossNanos;
        if (threads > 1 && workers(count, count, lossNanos) > 1) {
            head = Math.min(count, ELEMENTS_PER_THREAD);
            long before = System.nanoTime();
            look(workspace, probe, gradient, indices, elements, 0, head, undecided);
            nanos = Math.min(lossNanos, (System.nanoTime() - before) / (2.0 * head));
        }
        int looked = head;
        List<Workspace> workspaces = new ArrayList<>();
        workspaces.add(workspace);
        int workers = workers(count, count - head, nanos);
        if (workers > 1 && model instanceof CopyableModel copyable) {
            for (int w = 1; w < workers; w++) {
                workspaces.add(copyOf(copyable, workspace));
            }
        }
        // Chunk 0, this thread's, is at least ELEMENTS_PER_THREAD long: the elements already looked at are its first.
        int chunks = chunks(workspaces, count);
        @SuppressWarnings("unchecked")
        List<Pending>[] pendingByChunk = new List[chunks];
        WorkerPool.run(chunks, c -> {
            List<Pending> pending = new ArrayList<>();
            look(workspaces.get(c), probe, gradient, indices, elements, Math.max(chunkStart(count, chunks, c), c == 0 ? looked : 0),
                    chunkStart(count, chunks, c + 1), pending);
            pendingByChunk[c] = pending;
        });
        for (List<Pending> pending : pendingByChunk) {
            undecided.addAll(pending);
        }
        return new FirstLooks(workspaces, undecided);
    }

    /**
     * The first looks at positions {@code [from, to)} of the elements (flat indices, or
     * {@code indices} where given) in workspace {@code own}: decided ones put in {@code elements},
     * the others added to {@code pending} in position order.
     */
    private static void look(Workspace own, ElementProbe probe, double[] gradient, int[] indices, ElementResults elements,
                             int from, int to, List<Pending> pending) {
        List<ParameterBlock> blocks = own.parameters().layout().blocks();
        int b = 0;
        // The block of the element before, kept so that the next element in it needs no look-up.
        ParameterBlock block = null;
        int blockEnd = 0;
        for (int n = from; n < to; n++) {
            int i = indices == null ? n : indices[n];
            if (block == null || i < block.offset() || i >= blockEnd) {
                b = blockOf(blocks, b, i);
                block = blocks.get(b);
                blockEnd = block.offset() + block.size();
            }
            // A decided look is written into the results; only an undecided one comes back.
            ElementProbe.FirstLook first = probe.firstLook(own, b, block, i - block.offset(), gradient[i], elements);
            if (first != null) {
                pending.add(new Pending(i, b, first));
            }
        }
    }

    /**
     * The first looks judged again by {@code probe}, whose noise σ is the measured one, where
     * they were judged with the least noise the loss can have: each look's round-off allowance is
     * computed again from its step with σ, the same bits as a first look with σ; nothing is
     * evaluated again. The looks still undecided are returned for
     * {@link #laterLooks}, in the same order.
     */
    FirstLooks judgedAgain(FirstLooks looks, ElementProbe probe, double[] gradient,
                           ElementResults elements) {
        Workspace workspace = looks.workspaces().get(0);
        List<ParameterBlock> blocks = workspace.parameters().layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            int from = blocks.get(b).offset();
            for (int i = from; i < from + blocks.get(b).size(); i++) {
                if (elements.checked(i)) {
                    elements.put(i, probe.judgedAgain(workspace, b, i, elements.numeric(i), gradient[i]));
                }
            }
        }
        List<Pending> undecided = new ArrayList<>();
        for (Pending pending : looks.undecided()) {
            ElementProbe.FirstLook first = probe.judgedAgain(pending.first(), gradient[pending.index()]);
            if (first.decided()) {
                elements.put(pending.index(), first.result());
            } else {
                undecided.add(new Pending(pending.index(), pending.block(), first));
            }
        }
        return new FirstLooks(looks.workspaces(), undecided);
    }

    /**
     * The later rounds of {@link #probeAll}: per block, its first {@link ElementClassifier#SCOUTS}
     * undecided first looks get every later look, then the rest are decided on their first look where
     * the scouts' evidence allows it, else given every later look too.
     */
    void laterLooks(FirstLooks looks, ElementProbe probe, double[] gradient, ElementResults elements) {
        List<Workspace> workspaces = looks.workspaces();
        List<ParameterBlock> blocks = workspaces.get(0).parameters().layout().blocks();
        List<Pending> undecided = looks.undecided();
        Pending[] scouts = undecided(undecided, blocks.size(), true);
        ElementProbe.LaterLooks[] looked = new ElementProbe.LaterLooks[scouts.length];
        run(workspaces, scouts.length, (own, s) -> {
            Pending scout = scouts[s];
            ParameterBlock block = blocks.get(scout.block());
            looked[s] = probe.laterLooks(own, scout.block(), block, scout.index() - block.offset(), gradient[scout.index()],
                    scout.first());
            elements.put(scout.index(), looked[s].result());
        });
        ElementClassifier.BlockEvidence[] evidence = evidence(scouts, looked, blocks.size());
        Pending[] rest = undecided(undecided, blocks.size(), false);
        run(workspaces, rest.length, (own, r) -> {
            Pending element = rest[r];
            int i = element.index();
            ParameterBlock block = blocks.get(element.block());
            ElementProbe.Result decided = probe.decideOnFirstLook(element.first(), gradient[i], evidence[element.block()]);
            elements.put(i, decided != null ? decided
                    : probe.laterLooks(own, element.block(), block, i - block.offset(), gradient[i], element.first()).result());
        });
    }

    /**
     * Between the rounds of a {@link #probeAll}: the workspaces the first looks ran on (the check's
     * own first, then one per copy), and the first looks not decided yet, in position order.
     */
    record FirstLooks(List<Workspace> workspaces, List<Pending> undecided) {
    }

    /** A first look not decided yet: the element's flat index, its block, and the look. */
    private record Pending(int index, int block, ElementProbe.FirstLook first) {
    }

    /**
     * The threads (chunks, each on its own workspace) for {@code count} elements: the setting, but
     * no more than one per {@link #ELEMENTS_PER_THREAD} elements, and one where the work left, 2 loss
     * evaluations for each of the {@code left} elements not looked at yet at {@code lossNanos} each,
     * is under {@link #MIN_PARALLEL_NANOS}.
     */
    private int workers(int count, int left, double lossNanos) {
        if (2.0 * left * lossNanos < MIN_PARALLEL_NANOS) {
            return 1;
        }
        return Math.min(threads, Math.max(1, count / ELEMENTS_PER_THREAD));
    }

    /** One task over positions {@code [0, count)}, split in contiguous chunks over the workspaces that have enough work. */
    private static void run(List<Workspace> workspaces, int count, Task task) {
        int chunks = chunks(workspaces, count);
        WorkerPool.run(chunks, c -> {
            Workspace own = workspaces.get(c);
            int to = chunkStart(count, chunks, c + 1);
            for (int n = chunkStart(count, chunks, c); n < to; n++) {
                task.run(own, n);
            }
        });
    }

    /** How many chunks {@code count} positions are split in: one per workspace that has enough work. */
    private static int chunks(List<Workspace> workspaces, int count) {
        return Math.min(workspaces.size(), Math.max(1, count / ELEMENTS_PER_THREAD));
    }

    /** Work on position {@code n} of a round, in workspace {@code own}. */
    @FunctionalInterface
    private interface Task {
        void run(Workspace own, int n);
    }

    /**
     * The first looks not yet decided: the scouts (each block's first {@link ElementClassifier#SCOUTS},
     * by position), or the rest.
     */
    private static Pending[] undecided(List<Pending> undecided, int blockCount, boolean scouts) {
        int[] seen = new int[blockCount];
        List<Pending> chosen = new ArrayList<>();
        for (Pending pending : undecided) {
            if ((seen[pending.block()]++ < ElementClassifier.SCOUTS) == scouts) {
                chosen.add(pending);
            }
        }
        return chosen.toArray(new Pending[0]);
    }

    /** Per block, how many scouts were confirmed smooth mismatches, and their largest truncation over ε². */
    private static ElementClassifier.BlockEvidence[] evidence(Pending[] scouts, ElementProbe.LaterLooks[] looked,
                                                              int blockCount) {
        int[] confirmed = new int[blockCount];
        double[] truncation = new double[blockCount];
        for (int s = 0; s < scouts.length; s++) {
            if (looked[s].smoothMismatch()) {
                int b = scouts[s].block();
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

    /** The block of flat index {@code i}, walking on from block {@code b} (indices come mostly in order). */
    private static int blockOf(List<ParameterBlock> blocks, int b, int i) {
        while (!blocks.get(b).contains(i)) {
            b = i < blocks.get(b).offset() ? 0 : b + 1;
        }
        return b;
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
