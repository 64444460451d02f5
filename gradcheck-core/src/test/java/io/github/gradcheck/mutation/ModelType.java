package io.github.gradcheck.mutation;

import io.github.gradcheck.DifferentiableModel;
import java.util.ArrayList;
import java.util.List;

/** The hand-written model types the mutants are planted in, each with its correct backward pass. */
enum ModelType {
    MLP_RELU("mlp-relu", MlpRelu.Bug.NONE, true,
            (seed, variant, bug) -> MlpRelu.create(seed, variant, (MlpRelu.Bug) bug)),
    MLP_TANH("mlp-tanh", MlpTanh.Bug.NONE, false,
            (seed, variant, bug) -> MlpTanh.create(seed, variant, (MlpTanh.Bug) bug)),
    LOGISTIC_L2("logistic-l2", LogisticRegressionL2.Bug.NONE, false,
            (seed, variant, bug) -> LogisticRegressionL2.create(seed, variant, (LogisticRegressionL2.Bug) bug)),
    SOFTMAX("softmax", SoftmaxRegression.Bug.NONE, false,
            (seed, variant, bug) -> SoftmaxRegression.create(seed, variant, (SoftmaxRegression.Bug) bug)),
    CONV1D("conv1d", Conv1d.Bug.NONE, false,
            (seed, variant, bug) -> Conv1d.create(seed, variant, (Conv1d.Bug) bug)),
    ELMAN_RNN("elman-rnn", ElmanRnn.Bug.NONE, false,
            (seed, variant, bug) -> ElmanRnn.create(seed, variant, (ElmanRnn.Bug) bug)),
    BATCH_NORM("batch-norm", BatchNormNet.Bug.NONE, false,
            (seed, variant, bug) -> BatchNormNet.create(seed, variant, (BatchNormNet.Bug) bug)),
    EMBEDDING("embedding", EmbeddingReadout.Bug.NONE, false,
            (seed, variant, bug) -> EmbeddingReadout.create(seed, variant, (EmbeddingReadout.Bug) bug));

    /** Makes a model of one type, with the one bug its {@code Bug} enum names (NONE for the correct one). */
    @FunctionalInterface
    interface Factory {
        DifferentiableModel create(long seed, Variant variant, Enum<?> bug);
    }

    private final String label;
    private final Enum<?> none;
    private final boolean hasRelu;
    private final Factory factory;

    ModelType(String label, Enum<?> none, boolean hasRelu, Factory factory) {
        this.label = label;
        this.none = none;
        this.hasRelu = hasRelu;
        this.factory = factory;
    }

    /** The model with its correct backward pass. */
    DifferentiableModel correct(long seed, Variant variant) {
        return factory.create(seed, variant, none);
    }

    /** The model with {@code bug}, a constant of this type's {@code Bug} enum, switched on. */
    DifferentiableModel withBug(long seed, Variant variant, Enum<?> bug) {
        if (bug.getDeclaringClass() != none.getDeclaringClass()) {
            throw new IllegalArgumentException(bug + " is not a bug of " + this);
        }
        return factory.create(seed, variant, bug);
    }

    /** The variants false alarms are counted on: the standard one and the numerically hard ones. */
    List<Variant> falseAlarmVariants() {
        List<Variant> variants = new ArrayList<>(List.of(Variant.STANDARD, Variant.LARGE_SUMMED_LOSS, Variant.TINY_PARAMETERS));
        if (hasRelu) {
            variants.add(Variant.RELU_KINK);
        }
        return variants;
    }

    @Override
    public String toString() {
        return label;
    }
}
