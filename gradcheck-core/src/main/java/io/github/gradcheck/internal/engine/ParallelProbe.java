package io.github.gradcheck.internal.engine;

import io.github.gradcheck.CopyableModel;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Probes a list of elements on one thread, or, for a model that can be copied, on several, each
 * on its own copy. Worker threads are made for one check and ended with it: nothing is shared
 * between checks, so checks running in parallel under JUnit do not interfere.
 */
final class ParallelProbe {

    /** Fewer elements per thread than this are not worth a thread. */
    private static final int ELEMENTS_PER_THREAD = 32;

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
     * work, split in contiguous chunks over {@code threads} workspaces, each on its own copy. Each
     * element's result depends only on θ, so it is the same whichever thread computes it.
     */
    void probeAll(Workspace workspace, ElementProbe probe, double[] gradient, int[] indices, ElementResults elements) {
        int threads = Math.min(this.threads, Math.max(1, indices.length / ELEMENTS_PER_THREAD));
        if (threads <= 1 || !(model instanceof CopyableModel copyable)) {
            probeChunk(workspace, probe, gradient, indices, 0, indices.length, elements);
            return;
        }
        List<Workspace> workspaces = new ArrayList<>();
        workspaces.add(workspace);
        for (int w = 1; w < threads; w++) {
            workspaces.add(copyOf(copyable, workspace));
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "gradcheck-" + name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 1; w < threads; w++) {
                Workspace own = workspaces.get(w);
                int from = chunkStart(indices.length, threads, w);
                int to = chunkStart(indices.length, threads, w + 1);
                futures.add(executor.submit(() -> probeChunk(own, probe, gradient, indices, from, to, elements)));
            }
            probeChunk(workspace, probe, gradient, indices, 0, chunkStart(indices.length, threads, 1), elements);
            for (Future<?> future : futures) {
                await(future);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static int chunkStart(int length, int chunks, int chunk) {
        return (int) ((long) length * chunk / chunks);
    }

    private static void probeChunk(Workspace workspace, ElementProbe probe, double[] gradient, int[] indices, int from,
                                   int to, ElementResults elements) {
        ParameterLayout layout = workspace.parameters().layout();
        List<ParameterBlock> blocks = layout.blocks();
        int b = 0;
        for (int n = from; n < to; n++) {
            int i = indices[n];
            while (!blocks.get(b).contains(i)) {
                b = i < blocks.get(b).offset() ? 0 : b + 1;
            }
            ParameterBlock block = blocks.get(b);
            elements.put(i, probe.probe(workspace, b, block, i - block.offset(), gradient[i]));
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GradientCheckException("interrupted while checking elements on several threads", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new GradientCheckException("a worker failed: " + e.getCause(), e.getCause());
        }
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
