package io.github.gradcheck.report;

import java.util.List;
import java.util.Objects;

/**
 * How one parameter block fared: the course's "if it fails, look at the components".
 *
 * @param name the block's name as the model gave it, e.g. {@code W2}
 * @param shape its dimensions, empty for a scalar
 * @param offset the flat index of its first element in θ
 * @param size its number of elements
 * @param difference the seed's difference formula over this block alone; 0 when both gradients
 *     are zero throughout
 * @param worstRelativeError the largest per-element relative error in the block
 * @param mismatches how many elements are {@link ElementVerdict#MISMATCH}es
 * @param kinks how many elements sit at a kink of the loss
 * @param unreliable how many elements the numeric derivative could not resolve
 * @param diagnosis what kind of wrong the block is, if it has mismatches
 * @param taylor the ε-free second opinion along a random direction in the block
 */
public record BlockSummary(String name, List<Integer> shape, int offset, int size, double difference,
                           double worstRelativeError, int mismatches, int kinks, int unreliable,
                           Diagnosis diagnosis, TaylorTest taylor) {

    /**
     * A block's summary; rejects a null name, shape, diagnosis or Taylor test, and copies the shape.
     *
     * @param name the block's name
     * @param shape its dimensions
     * @param offset the flat index of its first element
     * @param size its number of elements
     * @param difference the seed's difference over the block
     * @param worstRelativeError the largest relative error in the block
     * @param mismatches how many elements mismatch
     * @param kinks how many elements sit at a kink
     * @param unreliable how many elements could not be resolved
     * @param diagnosis what kind of wrong the block is
     * @param taylor the Taylor test's result
     */
    public BlockSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(taylor, "taylor");
        shape = List.copyOf(shape);
    }

    /**
     * Whether no element of the block is a mismatch.
     *
     * @return whether the block passed
     */
    public boolean passed() {
        return mismatches == 0;
    }

    /**
     * The shape as a person reads it: {@code 5×4}, {@code 3}, or {@code scalar}.
     *
     * @return the shape in words
     */
    public String shapeText() {
        if (shape.isEmpty()) {
            return "scalar";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shape.size(); i++) {
            text.append(i == 0 ? "" : "×").append(shape.get(i));
        }
        return text.toString();
    }

    /**
     * The course's words for this block's difference.
     *
     * @return the band: great, look closer, or almost surely a bug
     */
    public DifferenceScale scale() {
        return DifferenceScale.of(difference);
    }
}
