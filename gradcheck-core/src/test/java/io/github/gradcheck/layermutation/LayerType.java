package io.github.gradcheck.layermutation;

import java.util.List;

/** The hand-written layer types the mutants are planted in, each with its correct backward pass. */
enum LayerType {
    CONV2D("conv2d", Conv2dLayer.Bug.NONE, false, (seed, variant, bug) -> new Conv2dLayer(seed, variant, (Conv2dLayer.Bug) bug)),
    BATCH_NORM("batch-norm", BatchNormLayer.Bug.NONE, false,
            (seed, variant, bug) -> new BatchNormLayer(seed, variant, (BatchNormLayer.Bug) bug)),
    SOFTMAX_CROSS_ENTROPY("softmax-xent", SoftmaxCrossEntropyLayer.Bug.NONE, false,
            (seed, variant, bug) -> new SoftmaxCrossEntropyLayer(seed, variant, (SoftmaxCrossEntropyLayer.Bug) bug)),
    ATTENTION("attention", AttentionLayer.Bug.NONE, false,
            (seed, variant, bug) -> new AttentionLayer(seed, variant, (AttentionLayer.Bug) bug)),
    DENSE_BATCH("dense-batch", DenseBatchLayer.Bug.NONE, false,
            (seed, variant, bug) -> new DenseBatchLayer(seed, variant, (DenseBatchLayer.Bug) bug)),
    RELU("relu", ReluLayer.Bug.NONE, true, (seed, variant, bug) -> new ReluLayer(seed, variant, (ReluLayer.Bug) bug)),
    MAX_POOL("max-pool", MaxPoolLayer.Bug.NONE, true,
            (seed, variant, bug) -> new MaxPoolLayer(seed, variant, (MaxPoolLayer.Bug) bug));

    /** Makes a layer of one type with its inputs, with the one bug its {@code Bug} enum names (NONE for the correct one). */
    @FunctionalInterface
    interface Factory {
        SuiteLayer create(long seed, LayerVariant variant, Enum<?> bug);
    }

    private final String label;
    private final Enum<?> none;
    private final boolean kinked;
    private final Factory factory;

    LayerType(String label, Enum<?> none, boolean kinked, Factory factory) {
        this.label = label;
        this.none = none;
        this.kinked = kinked;
        this.factory = factory;
    }

    /** The layer with its correct backward pass. */
    SuiteLayer correct(long seed, LayerVariant variant) {
        return factory.create(seed, variant, none);
    }

    /** The layer with {@code bug}, a constant of this type's {@code Bug} enum, switched on. */
    SuiteLayer withBug(long seed, LayerVariant variant, Enum<?> bug) {
        if (bug.getDeclaringClass() != none.getDeclaringClass()) {
            throw new IllegalArgumentException(bug + " is not a bug of " + this);
        }
        return factory.create(seed, variant, bug);
    }

    /** The variants false alarms are counted on: the standard one, exact kinks for kinked layers, hard inputs for smooth ones. */
    List<LayerVariant> falseAlarmVariants() {
        return List.of(LayerVariant.STANDARD, kinked ? LayerVariant.EXACT_KINKS : LayerVariant.HARD_INPUTS);
    }

    @Override
    public String toString() {
        return label;
    }
}
