package io.github.gradcheck;

/**
 * The seed's verdict, kept in one place so that it can be replaced: the check passes when the
 * overall difference ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂) is at most the threshold.
 *
 * <p>Blocks and elements are judged on the same scale, so that the block table and the
 * offender list explain the overall verdict rather than contradict it: a block passes when its
 * own difference is within the threshold; an element fails when its error alone would put its
 * block over the threshold, i.e. |gradᵢ − gradapproxᵢ| / (‖grad_B‖₂ + ‖gradapprox_B‖₂) above
 * it. Judging elements against their block's scale, not their own magnitude, keeps the
 * absolute round-off on a tiny derivative from counting as a failure.
 */
final class ThresholdVerdict {

    private final double threshold;

    ThresholdVerdict(double threshold) {
        this.threshold = threshold;
    }

    boolean passes(double difference) {
        return difference <= threshold;
    }

    boolean elementFails(double absoluteError, double blockScale) {
        return blockScale > 0 && absoluteError / blockScale > threshold;
    }
}
