package io.github.gradcheck.layermutation;

import java.util.List;

/**
 * One buggy backward pass of a layer, as data: which layer, which bug, where it is wrong.
 *
 * @param type the layer type
 * @param bug the constant of the type's {@code Bug} enum that switches the bug on
 * @param scope whether the bug is in the input gradients only or in the parameter gradients only
 * @param blocks the blocks whose gradient the bug changes; the worst offender must be in one
 * @param singleElement for a bug in one element of one gradient block, that element's label
 *     (e.g. {@code x[1,2,1]}); null otherwise
 * @param variant the inputs the mutant is checked at
 * @param seed the seed its inputs and parameters are drawn from
 */
record LayerMutant(LayerType type, Enum<?> bug, Scope scope, List<String> blocks, String singleElement,
                   LayerVariant variant, long seed) {

    /** Which gradients a bug touches. */
    enum Scope {
        /** Only gradients with respect to the layer's inputs (dx): invisible to a parameter-only check. */
        INPUTS_ONLY("dx only"),
        /** Only gradients with respect to the layer's parameters. */
        PARAMETERS_ONLY("parameters only");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    LayerMutant {
        blocks = List.copyOf(blocks);
    }

    /** The layer with the bug, with fresh inputs. */
    SuiteLayer layer() {
        return type.withBug(seed, variant, bug);
    }

    /** The same layer, same inputs and parameters, with the correct backward pass. */
    SuiteLayer correctLayer() {
        return type.correct(seed, variant);
    }

    /** Whether the bug is in one element of one gradient block. */
    boolean isSingleElement() {
        return singleElement != null;
    }

    @Override
    public String toString() {
        return type + "/" + bug.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (variant == LayerVariant.STANDARD ? "" : "@" + variant);
    }
}
