package io.github.gradcheck.layermutation;

import static io.github.gradcheck.layermutation.LayerMutant.Scope.INPUTS_ONLY;
import static io.github.gradcheck.layermutation.LayerMutant.Scope.PARAMETERS_ONLY;

import io.github.gradcheck.ParameterLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of layer mutants: every planted bug, where it is wrong, and for a bug in one
 * element, which element. Every bug of a smooth layer is also run on that layer's hard inputs
 * ({@link LayerVariant#HARD_INPUTS}), and every bug of a kinked layer (ReLU, max-pool) on its
 * exact-kink inputs, where the correct layer's choices at the kinks must not hide it.
 */
final class LayerMutants {

    /** The seed every mutant's inputs and parameters are drawn from. */
    static final long SEED = 1;

    private static final List<LayerMutant> ALL = catalogue();

    private LayerMutants() {
    }

    static List<LayerMutant> all() {
        return ALL;
    }

    private static List<LayerMutant> catalogue() {
        List<LayerMutant> mutants = new ArrayList<>();
        String convX = label("x", Conv2dLayer.DX_ELEMENT, Conv2dLayer.IN, Conv2dLayer.H, Conv2dLayer.W);
        String convK = label("K", Conv2dLayer.DK_ELEMENT, Conv2dLayer.OUT, Conv2dLayer.IN, Conv2dLayer.SIZE, Conv2dLayer.SIZE);
        add(mutants, LayerType.CONV2D, Conv2dLayer.Bug.DX_KERNEL_NOT_FLIPPED, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.CONV2D, Conv2dLayer.Bug.DX_CHANNELS_SWAPPED, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.CONV2D, Conv2dLayer.Bug.DX_PADDING_FORGOTTEN, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.CONV2D, Conv2dLayer.Bug.DX_ONE_ELEMENT, INPUTS_ONLY, List.of("x"), convX);
        add(mutants, LayerType.CONV2D, Conv2dLayer.Bug.DK_SPATIALLY_FLIPPED, PARAMETERS_ONLY, List.of("K"), null);
        add(mutants, LayerType.CONV2D, Conv2dLayer.Bug.DB_AVERAGED_OVER_POSITIONS, PARAMETERS_ONLY, List.of("b"), null);
        add(mutants, LayerType.CONV2D, Conv2dLayer.Bug.DK_ONE_ELEMENT, PARAMETERS_ONLY, List.of("K"), convK);

        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DX_WITHOUT_MEAN_TERM, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DX_WITHOUT_VARIANCE_TERM, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DX_STATISTICS_AS_CONSTANTS, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DX_UNBIASED_VARIANCE_TERM, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DX_WITHOUT_GAMMA, INPUTS_ONLY, List.of("x"), null);
        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DX_ONE_ELEMENT, INPUTS_ONLY, List.of("x"),
                label("x", 2 * BatchNormLayer.FEATURES + 1, BatchNormLayer.BATCH, BatchNormLayer.FEATURES));
        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DGAMMA_WITHOUT_XHAT, PARAMETERS_ONLY, List.of("gamma"), null);
        add(mutants, LayerType.BATCH_NORM, BatchNormLayer.Bug.DBETA_AVERAGED, PARAMETERS_ONLY, List.of("beta"), null);

        List<String> logits = List.of("logits");
        add(mutants, LayerType.SOFTMAX_CROSS_ENTROPY, SoftmaxCrossEntropyLayer.Bug.DX_JACOBIAN_DIAGONAL_ONLY, INPUTS_ONLY, logits, null);
        add(mutants, LayerType.SOFTMAX_CROSS_ENTROPY, SoftmaxCrossEntropyLayer.Bug.DX_WITHOUT_ONE_HOT, INPUTS_ONLY, logits, null);
        add(mutants, LayerType.SOFTMAX_CROSS_ENTROPY, SoftmaxCrossEntropyLayer.Bug.DX_ONE_HOT_ADDED, INPUTS_ONLY, logits, null);
        add(mutants, LayerType.SOFTMAX_CROSS_ENTROPY, SoftmaxCrossEntropyLayer.Bug.DX_TARGET_OFF_BY_ONE, INPUTS_ONLY, logits, null);
        add(mutants, LayerType.SOFTMAX_CROSS_ENTROPY, SoftmaxCrossEntropyLayer.Bug.DX_MEAN_UPSTREAM, INPUTS_ONLY, logits, null);
        add(mutants, LayerType.SOFTMAX_CROSS_ENTROPY, SoftmaxCrossEntropyLayer.Bug.DX_ONE_ELEMENT, INPUTS_ONLY, logits,
                label("logits", SoftmaxCrossEntropyLayer.CLASSES + 2, SoftmaxCrossEntropyLayer.BATCH,
                        SoftmaxCrossEntropyLayer.CLASSES));

        add(mutants, LayerType.ATTENTION, AttentionLayer.Bug.DQ_FROM_DK_FORMULA, INPUTS_ONLY, List.of("Q"), null);
        add(mutants, LayerType.ATTENTION, AttentionLayer.Bug.DK_WITHOUT_TRANSPOSE, INPUTS_ONLY, List.of("K"), null);
        add(mutants, LayerType.ATTENTION, AttentionLayer.Bug.DV_WITHOUT_TRANSPOSE, INPUTS_ONLY, List.of("V"), null);
        add(mutants, LayerType.ATTENTION, AttentionLayer.Bug.DSCORES_WITHOUT_ROW_TERM, INPUTS_ONLY, List.of("Q", "K"), null);
        add(mutants, LayerType.ATTENTION, AttentionLayer.Bug.DQ_UNSCALED, INPUTS_ONLY, List.of("Q"), null);
        add(mutants, LayerType.ATTENTION, AttentionLayer.Bug.DV_ONE_ELEMENT, INPUTS_ONLY, List.of("V"),
                label("V", AttentionLayer.VALUES, AttentionLayer.TOKENS, AttentionLayer.VALUES));

        add(mutants, LayerType.DENSE_BATCH, DenseBatchLayer.Bug.DX_MISSING_TRANSPOSE, INPUTS_ONLY, List.of("X"), null);
        add(mutants, LayerType.DENSE_BATCH, DenseBatchLayer.Bug.DX_AVERAGED_OVER_BATCH, INPUTS_ONLY, List.of("X"), null);
        add(mutants, LayerType.DENSE_BATCH, DenseBatchLayer.Bug.DX_ONE_ENTRY, INPUTS_ONLY, List.of("X"),
                label("X", 2 * DenseBatchLayer.IN + 1, DenseBatchLayer.BATCH, DenseBatchLayer.IN));
        add(mutants, LayerType.DENSE_BATCH, DenseBatchLayer.Bug.DB_NOT_SUMMED_OVER_BATCH, PARAMETERS_ONLY, List.of("b"), null);
        add(mutants, LayerType.DENSE_BATCH, DenseBatchLayer.Bug.DB_AVERAGED_OVER_BATCH, PARAMETERS_ONLY, List.of("b"), null);
        add(mutants, LayerType.DENSE_BATCH, DenseBatchLayer.Bug.DW_TRANSPOSED, PARAMETERS_ONLY, List.of("W"), null);
        add(mutants, LayerType.DENSE_BATCH, DenseBatchLayer.Bug.DW_ONE_ELEMENT, PARAMETERS_ONLY, List.of("W"),
                label("W", DenseBatchLayer.IN + 2, DenseBatchLayer.OUT, DenseBatchLayer.IN));

        for (LayerMutant mutant : List.copyOf(mutants)) {
            mutants.add(new LayerMutant(mutant.type(), mutant.bug(), mutant.scope(), mutant.blocks(), mutant.singleElement(),
                    LayerVariant.HARD_INPUTS, SEED));
        }
        for (LayerVariant variant : LayerType.RELU.falseAlarmVariants()) {
            for (ReluLayer.Bug bug : List.of(ReluLayer.Bug.DX_MASK_INVERTED, ReluLayer.Bug.DX_WITHOUT_MASK,
                    ReluLayer.Bug.DX_LEAKY_SLOPE)) {
                mutants.add(new LayerMutant(LayerType.RELU, bug, INPUTS_ONLY, List.of("x"), null, variant, SEED));
            }
            for (MaxPoolLayer.Bug bug : List.of(MaxPoolLayer.Bug.DX_TO_EVERY_POSITION, MaxPoolLayer.Bug.DX_TO_FIRST_POSITION,
                    MaxPoolLayer.Bug.DX_TO_MINIMUM)) {
                mutants.add(new LayerMutant(LayerType.MAX_POOL, bug, INPUTS_ONLY, List.of("x"), null, variant, SEED));
            }
        }
        return List.copyOf(mutants);
    }

    private static void add(List<LayerMutant> mutants, LayerType type, Enum<?> bug, LayerMutant.Scope scope,
                            List<String> blocks, String singleElement) {
        mutants.add(new LayerMutant(type, bug, scope, blocks, singleElement, LayerVariant.STANDARD, SEED));
    }

    /** The label reports give element {@code k} of a block of this shape, e.g. {@code x[1,2,1]}. */
    private static String label(String name, int k, int... shape) {
        return ParameterLayout.builder().block(name, shape).build().label(k);
    }
}
