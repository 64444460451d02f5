package io.github.gradcheck.mutation;

import static io.github.gradcheck.mutation.Tensors.gaussian;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * (h) An embedding lookup with a linear readout: each example is {@value #CONTEXT} token indices,
 * h = Σ E[token], y = W·h + c, with the squared loss ½‖y − t‖² over a batch of {@value #M}.
 * {@value #M}×{@value #CONTEXT} lookups in a table of {@value #VOCAB} rows always repeat some
 * indices, so rows of dE must accumulate.
 */
final class EmbeddingReadout implements DifferentiableModel {

    enum Bug {
        NONE,
        /** dE[token] = dh instead of +=: a repeated index keeps only its last contribution. */
        ASSIGN_INSTEAD_OF_ACCUMULATE,
        /** Only the first token of each example gets a gradient. */
        ONLY_FIRST_CONTEXT_TOKEN,
        /** dE[token] accumulated into row token + 1 (cyclically). */
        ROW_OFF_BY_ONE,
        /** dW negated. */
        DW_SIGN,
        /** dc without the 1/m. */
        DC_FORGOT_MEAN,
        /** dE multiplied by 1.01. */
        DE_TIMES_1_01
    }

    static final int VOCAB = 8, DIM = 3, CONTEXT = 2, OUT = 2, M = 6;

    final double[][] E, W;
    final double[] c;
    private final int[][] tokens;
    private final double[][] t;
    private final double reduction;
    private final Bug bug;

    private EmbeddingReadout(Random random, Variant variant, Bug bug) {
        double s = variant.parameterScale();
        tokens = new int[M][CONTEXT];
        for (int[] example : tokens) {
            for (int q = 0; q < CONTEXT; q++) {
                example[q] = random.nextInt(VOCAB);
            }
        }
        t = gaussian(random, M, OUT, 1);
        E = gaussian(random, VOCAB, DIM, s);
        W = gaussian(random, OUT, DIM, s / Math.sqrt(DIM));
        c = gaussian(random, OUT, 0.1 * s);
        reduction = variant.reduction(M);
        this.bug = bug;
    }

    static EmbeddingReadout create(long seed, Variant variant, Bug bug) {
        if (variant.reluKink()) {
            throw new IllegalArgumentException("the embedding readout has no ReLU");
        }
        EmbeddingReadout model = new EmbeddingReadout(new Random(seed), variant, bug);
        if (variant.largeLoss()) {
            Tensors.scaleUntilLoss(model.t, 2, model::loss);
        }
        return model;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("E", E).add("W", W).add("c", c).build();
    }

    @Override
    public String name() {
        return "embedding";
    }

    private double[] embed(int j) {
        double[] h = new double[DIM];
        for (int token : tokens[j]) {
            Tensors.add(h, E[token]);
        }
        return h;
    }

    private double[] residual(double[] h, int j) {
        double[] r = Tensors.affine(W, h, c);
        for (int o = 0; o < OUT; o++) {
            r[o] -= t[j][o];
        }
        return r;
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int j = 0; j < M; j++) {
            for (double r : residual(embed(j), j)) {
                sum += 0.5 * r * r;
            }
        }
        return reduction * sum;
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dE = new double[VOCAB][DIM], dW = new double[OUT][DIM];
        double[] dc = new double[OUT];
        for (int j = 0; j < M; j++) {
            double[] h = embed(j);
            double[] dy = residual(h, j);
            Tensors.addOuter(dW, dy, h);
            Tensors.add(dc, dy);
            double[] dh = Tensors.transposedTimes(W, dy);
            for (int q = 0; q < (bug == Bug.ONLY_FIRST_CONTEXT_TOKEN ? 1 : CONTEXT); q++) {
                int row = bug == Bug.ROW_OFF_BY_ONE ? (tokens[j][q] + 1) % VOCAB : tokens[j][q];
                if (bug == Bug.ASSIGN_INSTEAD_OF_ACCUMULATE) {
                    dE[row] = dh.clone();
                } else {
                    Tensors.add(dE[row], dh);
                }
            }
        }
        Tensors.scale(dE, bug == Bug.DE_TIMES_1_01 ? 1.01 * reduction : reduction);
        Tensors.scale(dW, bug == Bug.DW_SIGN ? -reduction : reduction);
        Tensors.scale(dc, bug == Bug.DC_FORGOT_MEAN ? 1 : reduction);
        return ParameterArrays.builder().add("E", dE).add("W", dW).add("c", dc).build();
    }
}
