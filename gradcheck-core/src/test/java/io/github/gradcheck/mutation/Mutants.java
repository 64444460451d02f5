package io.github.gradcheck.mutation;

import static io.github.gradcheck.mutation.BugClass.BATCH_NORM_MISSING_MEAN;
import static io.github.gradcheck.mutation.BugClass.EXTRA_REGULARIZATION;
import static io.github.gradcheck.mutation.BugClass.FORGOT_MEAN;
import static io.github.gradcheck.mutation.BugClass.MISSING_REGULARIZATION;
import static io.github.gradcheck.mutation.BugClass.OFF_BY_ONE;
import static io.github.gradcheck.mutation.BugClass.RELU_DERIVATIVE_AT_ZERO;
import static io.github.gradcheck.mutation.BugClass.SCALE;
import static io.github.gradcheck.mutation.BugClass.SIGN;
import static io.github.gradcheck.mutation.BugClass.SINGLE_ELEMENT;
import static io.github.gradcheck.mutation.BugClass.SUBTLE_ONE_PERCENT;
import static io.github.gradcheck.mutation.BugClass.TRANSPOSE;
import static io.github.gradcheck.mutation.BugClass.WRONG_ACTIVATION_DERIVATIVE;
import static io.github.gradcheck.mutation.BugClass.WRONG_FORMULA;
import static io.github.gradcheck.mutation.BugClass.ZERO_BLOCK;
import static io.github.gradcheck.mutation.Expected.fewElements;
import static io.github.gradcheck.mutation.Expected.noneExpected;
import static io.github.gradcheck.mutation.Expected.regularization;
import static io.github.gradcheck.mutation.Expected.scaled;
import static io.github.gradcheck.mutation.Expected.shifted;
import static io.github.gradcheck.mutation.Expected.signFlipped;
import static io.github.gradcheck.mutation.Expected.transposed;
import static io.github.gradcheck.mutation.Expected.zero;
import static io.github.gradcheck.mutation.ModelType.BATCH_NORM;
import static io.github.gradcheck.mutation.ModelType.CONV1D;
import static io.github.gradcheck.mutation.ModelType.ELMAN_RNN;
import static io.github.gradcheck.mutation.ModelType.EMBEDDING;
import static io.github.gradcheck.mutation.ModelType.LOGISTIC_L2;
import static io.github.gradcheck.mutation.ModelType.MLP_RELU;
import static io.github.gradcheck.mutation.ModelType.MLP_TANH;
import static io.github.gradcheck.mutation.ModelType.SOFTMAX;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of mutants: every planted bug, with what a check should find.
 *
 * <p>Each bug is declared once, on the standard variant (the ReLU'-at-zero bug on the kink
 * variant, the only place it shows). The same bug is then also run on each numerically hard
 * variant of its model wherever it is detectable in principle there: its change to the mutated
 * blocks is at least {@value #DETECTABLE} times the numeric gradient's own error on those blocks
 * (the correct model's |g − n| for a centered difference with ε = 1e-7, see {@link Detectability}). A bug that is a no-op on a variant (the 1/m of a
 * summed loss) or drowned in round-off (most bugs of the tiny ReLU network, whose pre-activations
 * sit within ε of the kink) is left out; no other choice is made.
 */
final class Mutants {

    /** The seed every mutant's data and parameters are drawn from. */
    static final long SEED = 1;
    /** How far above the numeric gradient's own error a bug must be to count as detectable in principle. */
    static final double DETECTABLE = 100;

    private static final List<Mutant> ALL = catalogue();

    private Mutants() {
    }

    /** The declared mutants followed by their detectable copies on the hard variants. */
    static List<Mutant> all() {
        return ALL;
    }

    private static List<Mutant> catalogue() {
        List<Mutant> declared = declared();
        List<Mutant> all = new ArrayList<>(declared);
        for (Mutant mutant : declared) {
            if (mutant.variant() != Variant.STANDARD) {
                continue;
            }
            for (Variant variant : mutant.type().falseAlarmVariants()) {
                if (variant == Variant.STANDARD) {
                    continue;
                }
                Mutant copy = mutant.on(variant, expectedOn(mutant, variant));
                if (Detectability.ratio(copy) >= DETECTABLE) {
                    all.add(copy);
                }
            }
        }
        return List.copyOf(all);
    }

    /**
     * A declared mutant's expected diagnosis on another variant: the same, except that the
     * logistic regression's L2 coefficients carry the batch reduction (λ/m averaged, λ summed),
     * and that with parameters of 1e-6 every σ(z) is ½ to 1e-6, so the extra σ' = p(1 − p) is a
     * plain factor of ¼.
     */
    private static Expected expectedOn(Mutant mutant, Variant variant) {
        if (mutant.bug() == LogisticRegressionL2.Bug.DZ_TIMES_SIGMOID_DERIVATIVE && variant == Variant.TINY_PARAMETERS) {
            return scaled(0.25);
        }
        if (mutant.type() == LOGISTIC_L2 && mutant.expected().diagnosis() == Diagnosis.REGULARIZATION) {
            int m = LogisticRegressionL2.M;
            double lambda = LogisticRegressionL2.LAMBDA;
            double reduction = variant.reduction(m);
            return switch ((LogisticRegressionL2.Bug) mutant.bug()) {
                case MISSING_L2 -> regularization(-lambda * reduction);
                case L2_WITHOUT_MEAN -> regularization(lambda - lambda * reduction);
                case L2_ON_BIAS -> regularization(lambda * reduction);
                default -> throw new IllegalStateException("no L2 coefficient for " + mutant);
            };
        }
        return mutant.expected();
    }

    /** The bugs as declared, each on the data where it is first meant to be caught. */
    static List<Mutant> declared() {
        List<Mutant> m = new ArrayList<>();
        double lambda = LogisticRegressionL2.LAMBDA;
        int logisticM = LogisticRegressionL2.M;

        add(m, MLP_RELU, MlpRelu.Bug.DZ3_SIGN, "dZ3-sign", SIGN, signFlipped(), "W1", "b1", "W2", "b2", "W3", "b3");
        add(m, MLP_RELU, MlpRelu.Bug.DW3_FORGOT_MEAN, "dW3-forgot-mean", FORGOT_MEAN, scaled(MlpRelu.M), "W3");
        add(m, MLP_RELU, MlpRelu.Bug.DW2_TIMES_TWO, "dW2-times-2", SCALE, scaled(2), "W2");
        add(m, MLP_RELU, MlpRelu.Bug.DW2_TRANSPOSED, "dW2-transposed", TRANSPOSE, transposed(), "W2");
        add(m, MLP_RELU, MlpRelu.Bug.DB1_OFF_BY_ONE, "db1-off-by-one", OFF_BY_ONE, shifted(1), "b1");
        add(m, MLP_RELU, MlpRelu.Bug.DW1_ELEMENT_SKIPPED, "dW1[0,0]-skipped", SINGLE_ELEMENT, fewElements(), "W1");
        add(m, MLP_RELU, MlpRelu.Bug.DB2_ZERO, "db2-zero", ZERO_BLOCK, zero(), "b2");
        // Only differs where a pre-activation is exactly 0, so it is checked on the kink variant, where the
        // correct model is as far from the numeric gradient as this one (the numeric slope there is ½).
        m.add(new Mutant(MLP_RELU, MlpRelu.Bug.RELU_DERIVATIVE_AT_ZERO, "relu-derivative->=", RELU_DERIVATIVE_AT_ZERO,
                List.of("W1", "b1"), noneExpected(), Variant.RELU_KINK, SEED));
        add(m, MLP_RELU, MlpRelu.Bug.LAYER2_MASK_FROM_LAYER1, "layer2-mask-from-layer1", WRONG_ACTIVATION_DERIVATIVE,
                noneExpected(), "W1", "b1", "W2", "b2");

        add(m, MLP_TANH, MlpTanh.Bug.TANH_DERIVATIVE_ONE_MINUS_TANH, "tanh'=1-tanh", WRONG_ACTIVATION_DERIVATIVE,
                noneExpected(), "W1", "b1", "W2", "b2");
        add(m, MLP_TANH, MlpTanh.Bug.TANH_DERIVATIVE_OF_PREACTIVATION, "tanh'=1-z^2", WRONG_ACTIVATION_DERIVATIVE,
                noneExpected(), "W1", "b1", "W2", "b2");
        add(m, MLP_TANH, MlpTanh.Bug.FORGOT_MEAN, "forgot-mean", FORGOT_MEAN, scaled(MlpTanh.M), "W1", "b1", "W2", "b2", "W3", "b3");
        add(m, MLP_TANH, MlpTanh.Bug.DB3_TIMES_1_01, "db3-times-1.01", SUBTLE_ONE_PERCENT, scaled(1.01), "b3");
        add(m, MLP_TANH, MlpTanh.Bug.EXTRA_L2_ON_W2, "extra-l2-on-W2", EXTRA_REGULARIZATION,
                regularization(MlpTanh.EXTRA_LAMBDA), "W2");
        add(m, MLP_TANH, MlpTanh.Bug.DW1_SIGN, "dW1-sign", SIGN, signFlipped(), "W1");

        add(m, LOGISTIC_L2, LogisticRegressionL2.Bug.MISSING_L2, "missing-l2", MISSING_REGULARIZATION,
                regularization(-lambda / logisticM), "w");
        add(m, LOGISTIC_L2, LogisticRegressionL2.Bug.L2_WITHOUT_MEAN, "l2-not-divided-by-m", EXTRA_REGULARIZATION,
                regularization(lambda - lambda / logisticM), "w");
        add(m, LOGISTIC_L2, LogisticRegressionL2.Bug.L2_ON_BIAS, "l2-on-bias", EXTRA_REGULARIZATION,
                regularization(lambda / logisticM), "b");
        add(m, LOGISTIC_L2, LogisticRegressionL2.Bug.DB_SIGN, "db-sign", SIGN, signFlipped(), "b");
        add(m, LOGISTIC_L2, LogisticRegressionL2.Bug.DB_FORGOT_MEAN, "db-forgot-mean", FORGOT_MEAN, scaled(logisticM), "b");
        add(m, LOGISTIC_L2, LogisticRegressionL2.Bug.DW_TIMES_1_01, "dw-times-1.01", SUBTLE_ONE_PERCENT, scaled(1.01), "w");
        add(m, LOGISTIC_L2, LogisticRegressionL2.Bug.DZ_TIMES_SIGMOID_DERIVATIVE, "dz-times-sigmoid'",
                WRONG_ACTIVATION_DERIVATIVE, noneExpected(), "w", "b");

        add(m, SOFTMAX, SoftmaxRegression.Bug.DW_TRANSPOSED, "dW-transposed", TRANSPOSE, transposed(), "W");
        add(m, SOFTMAX, SoftmaxRegression.Bug.DW_FORGOT_MEAN, "dW-forgot-mean", FORGOT_MEAN, scaled(SoftmaxRegression.M), "W");
        add(m, SOFTMAX, SoftmaxRegression.Bug.DB_SIGN, "db-sign", SIGN, signFlipped(), "b");
        add(m, SOFTMAX, SoftmaxRegression.Bug.DW_TIMES_1_01, "dW-times-1.01", SUBTLE_ONE_PERCENT, scaled(1.01), "W");
        add(m, SOFTMAX, SoftmaxRegression.Bug.DZ_FORGOT_ONE_HOT, "dz-forgot-one-hot", WRONG_FORMULA, noneExpected(), "W", "b");
        add(m, SOFTMAX, SoftmaxRegression.Bug.DB_ZERO, "db-zero", ZERO_BLOCK, zero(), "b");

        add(m, CONV1D, Conv1d.Bug.KERNEL_FLIPPED, "kernel-flipped", WRONG_FORMULA, noneExpected(), "K");
        add(m, CONV1D, Conv1d.Bug.DK_FORGOT_MEAN, "dK-forgot-mean", FORGOT_MEAN, scaled(Conv1d.M), "K");
        add(m, CONV1D, Conv1d.Bug.FORGOT_HALF, "forgot-half", SCALE, scaled(2), "K", "bias");
        add(m, CONV1D, Conv1d.Bug.DK_SIGN, "dK-sign", SIGN, signFlipped(), "K");
        add(m, CONV1D, Conv1d.Bug.DK_TYPO, "dK[1,0,2]-into-[1,0,1]", SINGLE_ELEMENT, fewElements(), "K");
        add(m, CONV1D, Conv1d.Bug.DBIAS_OFF_BY_ONE, "dbias-off-by-one", OFF_BY_ONE, shifted(1), "bias");
        add(m, CONV1D, Conv1d.Bug.DBIAS_FIRST_POSITION_ONLY, "dbias-first-position-only", WRONG_FORMULA, noneExpected(), "bias");

        add(m, ELMAN_RNN, ElmanRnn.Bug.DWH_TRANSPOSED, "dWh-transposed", TRANSPOSE, transposed(), "Wh");
        add(m, ELMAN_RNN, ElmanRnn.Bug.TRUNCATED_BPTT, "truncated-bptt", WRONG_FORMULA, noneExpected(), "Wx", "Wh", "b");
        add(m, ELMAN_RNN, ElmanRnn.Bug.TANH_DERIVATIVE_ONE_MINUS_TANH, "tanh'=1-tanh", WRONG_ACTIVATION_DERIVATIVE,
                noneExpected(), "Wx", "Wh", "b");
        add(m, ELMAN_RNN, ElmanRnn.Bug.DWH_USES_CURRENT_STATE, "dWh-uses-h_t", WRONG_FORMULA, noneExpected(), "Wh");
        add(m, ELMAN_RNN, ElmanRnn.Bug.DV_ZERO, "dV-zero", ZERO_BLOCK, zero(), "V");
        add(m, ELMAN_RNN, ElmanRnn.Bug.DC_SIGN, "dc-sign", SIGN, signFlipped(), "c");
        add(m, ELMAN_RNN, ElmanRnn.Bug.DWX_TIMES_1_01, "dWx-times-1.01", SUBTLE_ONE_PERCENT, scaled(1.01), "Wx");

        add(m, BATCH_NORM, BatchNormNet.Bug.MISSING_MEAN_TERM, "missing-mean-term", BATCH_NORM_MISSING_MEAN,
                noneExpected(), "W", "b");
        add(m, BATCH_NORM, BatchNormNet.Bug.MISSING_VARIANCE_TERM, "missing-variance-term", WRONG_FORMULA,
                noneExpected(), "W", "b");
        add(m, BATCH_NORM, BatchNormNet.Bug.DGAMMA_WITHOUT_XHAT, "dgamma-without-xhat", WRONG_FORMULA, noneExpected(), "gamma");
        add(m, BATCH_NORM, BatchNormNet.Bug.DBETA_ZERO, "dbeta-zero", ZERO_BLOCK, zero(), "beta");
        add(m, BATCH_NORM, BatchNormNet.Bug.DGAMMA_TIMES_1_01, "dgamma-times-1.01", SUBTLE_ONE_PERCENT, scaled(1.01), "gamma");
        add(m, BATCH_NORM, BatchNormNet.Bug.DW_SIGN, "dW-sign", SIGN, signFlipped(), "W");

        add(m, EMBEDDING, EmbeddingReadout.Bug.ASSIGN_INSTEAD_OF_ACCUMULATE, "dE-assigned-not-accumulated", WRONG_FORMULA,
                noneExpected(), "E");
        add(m, EMBEDDING, EmbeddingReadout.Bug.ONLY_FIRST_CONTEXT_TOKEN, "only-first-token", WRONG_FORMULA, noneExpected(), "E");
        add(m, EMBEDDING, EmbeddingReadout.Bug.ROW_OFF_BY_ONE, "dE-row-off-by-one", OFF_BY_ONE,
                shifted(EmbeddingReadout.DIM), "E");
        add(m, EMBEDDING, EmbeddingReadout.Bug.DW_SIGN, "dW-sign", SIGN, signFlipped(), "W");
        add(m, EMBEDDING, EmbeddingReadout.Bug.DC_FORGOT_MEAN, "dc-forgot-mean", FORGOT_MEAN, scaled(EmbeddingReadout.M), "c");
        add(m, EMBEDDING, EmbeddingReadout.Bug.DE_TIMES_1_01, "dE-times-1.01", SUBTLE_ONE_PERCENT, scaled(1.01), "E");
        return List.copyOf(m);
    }

    private static void add(List<Mutant> mutants, ModelType type, Enum<?> bug, String name, BugClass bugClass,
                            Expected expected, String... blocks) {
        mutants.add(new Mutant(type, bug, name, bugClass, List.of(blocks), expected, Variant.STANDARD, SEED));
    }
}
