package io.github.gradcheck;

/**
 * A loss made to take at least some time, for tests of threading: a check runs its elements on
 * several threads only where 2 loss evaluations per element, timed at θ, come to 1 ms or more, and
 * a loss that waits cannot be timed faster than its wait, so the copies such a check makes are the
 * same on every machine.
 */
final class SlowLoss {

    private SlowLoss() {
    }

    /** Busy-waits {@code nanos}: a sleep could not be shorter than a scheduler tick. */
    static void take(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** {@code function}, each loss evaluation taking at least {@code nanos}. */
    static DifferentiableFunction of(DifferentiableFunction function, long nanos) {
        return DifferentiableFunction.of(function.layout(), theta -> {
            take(nanos);
            return function.loss(theta);
        }, function::gradient);
    }
}
