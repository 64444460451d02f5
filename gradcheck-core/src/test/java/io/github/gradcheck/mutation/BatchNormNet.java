package io.github.gradcheck.mutation;

import static io.github.gradcheck.mutation.Tensors.gaussian;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * (g) A linear layer z = W·x + b followed by batch normalisation over the batch,
 * x̂ = (z − μ)/√(σ² + ε), out = γ·x̂ + β (per feature), with the squared loss ½‖out − t‖² over a
 * batch of {@value #M}.
 *
 * <p>Because batch norm subtracts the batch mean, the loss does not depend on b: its true
 * gradient is exactly 0, and its numeric gradient is pure round-off.
 */
final class BatchNormNet implements DifferentiableModel {

    enum Bug {
        NONE,
        /** dz = (dx̂ − x̂·mean(dx̂·x̂))/σ: the −mean(dx̂) term (through μ) dropped. */
        MISSING_MEAN_TERM,
        /** dz = (dx̂ − mean(dx̂))/σ: the −x̂·mean(dx̂·x̂) term (through σ²) dropped. */
        MISSING_VARIANCE_TERM,
        /** dγ = Σ dout instead of Σ dout·x̂. */
        DGAMMA_WITHOUT_XHAT,
        /** dβ never accumulated. */
        DBETA_ZERO,
        /** dγ multiplied by 1.01. */
        DGAMMA_TIMES_1_01,
        /** dW negated. */
        DW_SIGN
    }

    static final int IN = 3, FEATURES = 4, M = 8;
    static final double EPS = 1e-5;

    final double[][] W;
    final double[] b, gamma, beta;
    private final double[][] x, t;
    private final double reduction;
    private final Bug bug;

    private BatchNormNet(Random random, Variant variant, Bug bug) {
        double s = variant.parameterScale();
        x = gaussian(random, M, IN, 1);
        t = gaussian(random, M, FEATURES, 1);
        W = gaussian(random, FEATURES, IN, s / Math.sqrt(IN));
        b = gaussian(random, FEATURES, 0.1 * s);
        gamma = gaussian(random, FEATURES, 0.1 * s);
        for (int f = 0; f < FEATURES; f++) {
            gamma[f] += s;
        }
        beta = gaussian(random, FEATURES, 0.1 * s);
        reduction = variant.reduction(M);
        this.bug = bug;
    }

    static BatchNormNet create(long seed, Variant variant, Bug bug) {
        if (variant.reluKink()) {
            throw new IllegalArgumentException("the batch-norm network has no ReLU");
        }
        BatchNormNet net = new BatchNormNet(new Random(seed), variant, bug);
        if (variant.largeLoss()) {
            Tensors.scaleUntilLoss(net.t, 2, net::loss);
        }
        return net;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", W).add("b", b).add("gamma", gamma).add("beta", beta).build();
    }

    @Override
    public String name() {
        return "batch-norm";
    }

    /** x̂[j][f] and 1/√(σ²_f + ε). */
    private record Normalised(double[][] xhat, double[] inverseStd) {
    }

    private Normalised normalise() {
        double[][] xhat = new double[M][];
        for (int j = 0; j < M; j++) {
            xhat[j] = Tensors.affine(W, x[j], b);
        }
        double[] inverseStd = new double[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            double mean = 0;
            for (int j = 0; j < M; j++) {
                mean += xhat[j][f] / M;
            }
            double variance = 0;
            for (int j = 0; j < M; j++) {
                double d = xhat[j][f] - mean;
                variance += d * d / M;
            }
            inverseStd[f] = 1 / Math.sqrt(variance + EPS);
            for (int j = 0; j < M; j++) {
                xhat[j][f] = (xhat[j][f] - mean) * inverseStd[f];
            }
        }
        return new Normalised(xhat, inverseStd);
    }

    @Override
    public double loss() {
        double[][] xhat = normalise().xhat;
        double sum = 0;
        for (int j = 0; j < M; j++) {
            for (int f = 0; f < FEATURES; f++) {
                double r = gamma[f] * xhat[j][f] + beta[f] - t[j][f];
                sum += 0.5 * r * r;
            }
        }
        return reduction * sum;
    }

    @Override
    public ParameterArrays gradient() {
        Normalised n = normalise();
        double[][] dW = new double[FEATURES][IN];
        double[] db = new double[FEATURES], dGamma = new double[FEATURES], dBeta = new double[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            double[] dxhat = new double[M];
            double meanDxhat = 0;
            double meanDxhatXhat = 0;
            for (int j = 0; j < M; j++) {
                double xhat = n.xhat[j][f];
                double dOut = reduction * (gamma[f] * xhat + beta[f] - t[j][f]);
                if (bug != Bug.DBETA_ZERO) {
                    dBeta[f] += dOut;
                }
                dGamma[f] += bug == Bug.DGAMMA_WITHOUT_XHAT ? dOut : dOut * xhat;
                dxhat[j] = gamma[f] * dOut;
                meanDxhat += dxhat[j] / M;
                meanDxhatXhat += dxhat[j] * xhat / M;
            }
            for (int j = 0; j < M; j++) {
                double meanTerm = bug == Bug.MISSING_MEAN_TERM ? 0 : meanDxhat;
                double varianceTerm = bug == Bug.MISSING_VARIANCE_TERM ? 0 : n.xhat[j][f] * meanDxhatXhat;
                double dz = n.inverseStd[f] * (dxhat[j] - meanTerm - varianceTerm);
                for (int k = 0; k < IN; k++) {
                    dW[f][k] += (bug == Bug.DW_SIGN ? -dz : dz) * x[j][k];
                }
                db[f] += dz;
            }
            if (bug == Bug.DGAMMA_TIMES_1_01) {
                dGamma[f] *= 1.01;
            }
        }
        return ParameterArrays.builder().add("W", dW).add("b", db).add("gamma", dGamma).add("beta", dBeta).build();
    }
}
