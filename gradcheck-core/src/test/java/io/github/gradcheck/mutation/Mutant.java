package io.github.gradcheck.mutation;

import io.github.gradcheck.DifferentiableModel;
import java.util.List;

/**
 * One buggy backward pass, as data: which model, which bug, and what a check should find.
 *
 * @param type the model type
 * @param bug the constant of the type's {@code Bug} enum that switches the bug on
 * @param name a short name, unique within the type
 * @param bugClass the kind of mistake (a row of the detection table)
 * @param blocks the blocks whose analytic gradient the bug changes; the worst offender must be in one
 * @param expected the diagnosis a diagnosing verdict should give on those blocks
 * @param variant the data the mutant is checked on ({@link Variant#STANDARD} unless the bug needs more)
 * @param seed the seed its data and parameters are drawn from
 */
record Mutant(ModelType type, Enum<?> bug, String name, BugClass bugClass, List<String> blocks, Expected expected,
              Variant variant, long seed) {

    Mutant {
        blocks = List.copyOf(blocks);
    }

    /** The model with the bug. */
    DifferentiableModel model() {
        return type.withBug(seed, variant, bug);
    }

    /** The same model, same data and parameters, with the correct backward pass. */
    DifferentiableModel correctModel() {
        return type.correct(seed, variant);
    }

    /** The same bug on another variant of the same model, where it should get {@code expected}. */
    Mutant on(Variant other, Expected expected) {
        return new Mutant(type, bug, name, bugClass, blocks, expected, other, seed);
    }

    @Override
    public String toString() {
        return type + "/" + name + (variant == Variant.STANDARD ? "" : "@" + variant);
    }
}
