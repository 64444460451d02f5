package io.github.gradcheck.internal.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;

/**
 * The worker threads of every check in this JVM: at most {@link #SIZE} of them, daemons, made when
 * a check first needs one and ended after a minute idle. Checks that run at once (JUnit's parallel
 * execution, a program checking several models) share them, so P concurrent checks run on their
 * own P threads plus at most {@link #SIZE} workers, never P × threads.
 *
 * <p>How many chunks a check splits its work into (and so how many model copies it makes) is the
 * check's own decision, fixed before it starts and independent of this pool; the pool only decides
 * how many of those chunks run at the same time. The calling thread takes chunks too, and any chunk
 * no worker has started yet is run by it: a check never waits for a worker that other checks keep
 * busy, and never deadlocks.
 */
final class WorkerPool {

    /**
     * Workers beside the calling threads: one fewer than the processors (the caller is one), at
     * least one, so that one check asked for as many threads as processors can use them all.
     */
    static final int SIZE = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    private WorkerPool() {
    }

    /** The executor, made on first use (a check that never runs in parallel starts no thread). */
    private static final class Executor {
        private static final AtomicInteger NUMBER = new AtomicInteger();
        static final ThreadPoolExecutor INSTANCE = executor();

        private static ThreadPoolExecutor executor() {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(SIZE, SIZE, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    runnable -> {
                        Thread thread = new Thread(runnable, "gradcheck-worker-" + NUMBER.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }

    /**
     * Runs {@code chunk.accept(c)} for every c in {@code [0, chunks)}, each exactly once, on this
     * thread and on up to {@code chunks − 1} workers, and returns when all are done. Chunk 0 runs
     * on this thread (it is the one that works on the caller's own model, which then never leaves
     * the thread that owns it); another chunk may run on any thread, but never at the same time as
     * another use of what it owns, because it runs once. Every chunk runs to its end or its first failure, and the failure of the lowest
     * chunk is thrown here: the one a single thread going through the chunks in order would meet.
     */
    static void run(int chunks, IntConsumer chunk) {
        if (chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                chunk.accept(c);
            }
            return;
        }
        Round round = new Round(chunks, chunk);
        for (int w = 1; w < chunks; w++) {
            Executor.INSTANCE.execute(round::work);
        }
        round.work(0);
        round.work();
        round.await();
    }

    /** One call of {@link #run}: chunks claimed in order by whoever comes first. */
    private static final class Round {
        private final int chunks;
        private final IntConsumer chunk;
        /** The next chunk a thread may claim; chunk 0 is the caller's. */
        private final AtomicInteger next = new AtomicInteger(1);
        private final CountDownLatch done;
        private final AtomicReferenceArray<Throwable> failures;

        Round(int chunks, IntConsumer chunk) {
            this.chunks = chunks;
            this.chunk = chunk;
            this.done = new CountDownLatch(chunks);
            this.failures = new AtomicReferenceArray<>(chunks);
        }

        /** Claims and runs chunks until none is left. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                work(c);
            }
        }

        void work(int c) {
            try {
                chunk.accept(c);
            } catch (RuntimeException | Error e) {
                failures.set(c, e);
            } finally {
                done.countDown();
            }
        }

        void await() {
            // Uninterruptibly: a worker may still be moving the caller's own model, which must not be
            // restored and handed back before every chunk has ended. The interrupt is kept, not lost.
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            for (int c = 0; c < chunks; c++) {
                Throwable failure = failures.get(c);
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
            }
        }
    }
}
