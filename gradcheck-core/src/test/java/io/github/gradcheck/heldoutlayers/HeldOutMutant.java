package io.github.gradcheck.heldoutlayers;

import java.util.List;
import java.util.Locale;

/**
 * One buggy backward pass of a held-out layer, as data, written before anything was run.
 *
 * @param kind the layer type
 * @param bug the constant of the layer's {@code Bug} enum that switches the bug on
 * @param scope which gradients the bug touches
 * @param blocks the blocks whose gradient the bug changes; the worst offender should be in one
 * @param singleElement for a bug in one element of one gradient block, that element's label; null otherwise
 * @param variant the inputs the mutant is checked at
 */
record HeldOutMutant(LayerKind kind, Enum<?> bug, Scope scope, List<String> blocks, String singleElement, Variant variant) {

    /** The seed every mutant's inputs and parameters are drawn from. */
    static final long SEED = 1;

    /** Which gradients a bug touches. */
    enum Scope {
        /** Only gradients with respect to the layer's inputs (dx, dh, dw, dpred). */
        INPUTS_ONLY,
        /** Only gradients with respect to its parameters. */
        PARAMETERS_ONLY,
        /** Both. */
        BOTH
    }

    HeldOutMutant {
        blocks = List.copyOf(blocks);
    }

    /** The layer with the bug, with fresh inputs. */
    HeldOutLayer layer() {
        return kind.withBug(SEED, variant, bug);
    }

    /** The same layer, inputs and parameters, with the correct backward pass. */
    HeldOutLayer correctLayer() {
        return kind.correct(SEED, variant);
    }

    boolean isSingleElement() {
        return singleElement != null;
    }

    @Override
    public String toString() {
        return kind + "/" + bug.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (variant == Variant.STANDARD ? "" : "@" + variant);
    }
}
