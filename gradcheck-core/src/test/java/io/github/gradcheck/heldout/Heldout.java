package io.github.gradcheck.heldout;

import io.github.gradcheck.report.Diagnosis.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The held-out models, their variants and the planted bugs, with what each bug should look like. */
final class Heldout {

    private Heldout() {
    }

    static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("LstmRegressor", List.of("ordinary", "bigsum", "tiny", "nearzero"));
        VARIANTS.put("SelfAttentionRegressor", List.of("ordinary", "bigsum", "tiny", "nearzero", "saturated"));
        VARIANTS.put("LayerNormHuberNet", List.of("ordinary", "bigsum", "tiny", "huberedge"));
        VARIANTS.put("PoissonEluNet", List.of("ordinary", "bigsum", "tiny", "largecounts", "elu0"));
        VARIANTS.put("ConvPoolHingeNet", List.of("ordinary", "bigsum", "tiny", "kinkexact", "kinknear"));
    }

    static HeldoutModel create(String model, long seed, String variant) {
        return switch (model) {
            case "LstmRegressor" -> new LstmRegressor(seed, variant);
            case "SelfAttentionRegressor" -> new SelfAttentionRegressor(seed, variant);
            case "LayerNormHuberNet" -> new LayerNormHuberNet(seed, variant);
            case "PoissonEluNet" -> new PoissonEluNet(seed, variant);
            case "ConvPoolHingeNet" -> new ConvPoolHingeNet(seed, variant);
            default -> throw new IllegalArgumentException(model);
        };
    }

    /** What a mutated block's diagnosis should be; parameter NaN when not checked. */
    record Expect(Kind kind, double parameter) {
        static Expect of(Kind kind) {
            return new Expect(kind, Double.NaN);
        }

        static Expect of(Kind kind, double parameter) {
            return new Expect(kind, parameter);
        }
    }

    /**
     * A planted bug. {@code expect} names the blocks whose diagnosis was designed; every other block
     * the bug changes is judged by {@link Oracle}.
     */
    record Mutant(String id, String model, String description, String bug, String postOp, String postBlock,
                  double postValue, Map<String, Expect> expect) {

        HeldoutModel build(long seed, String variant) {
            HeldoutModel m = create(model, seed, variant);
            if (bug != null) {
                m.bug = bug;
            }
            m.postOp = postOp;
            m.postBlock = postBlock;
            m.postValue = postValue;
            return m;
        }
    }

    private static Mutant internal(String id, String model, String description, String bug, Object... expect) {
        return new Mutant(id, model, description, bug, null, null, 0, map(expect));
    }

    private static Mutant post(String id, String model, String description, String op, String block, double value,
                               Object... expect) {
        return new Mutant(id, model, description, null, op, block, value, map(expect));
    }

    private static Map<String, Expect> map(Object... pairs) {
        Map<String, Expect> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Expect) pairs[i + 1]);
        }
        return m;
    }

    static List<Mutant> mutants() {
        String l = "LstmRegressor", a = "SelfAttentionRegressor", n = "LayerNormHuberNet", p = "PoissonEluNet", c = "ConvPoolHingeNet";
        Expect unexplained = Expect.of(Kind.UNEXPLAINED);
        List<Mutant> list = new ArrayList<>();
        // LSTM
        list.add(internal("L1", l, "dUf accumulated transposed (h·dzᵀ)", "lstm.Uf.transposed", "Uf", Expect.of(Kind.TRANSPOSED)));
        list.add(internal("L2", l, "wrong gate: dg = dc·f instead of dc·i", "lstm.wrongGate",
                "Wg", unexplained, "Ug", unexplained, "bg", unexplained));
        list.add(internal("L3", l, "forgotten 1/m in dV", "lstm.V.forgotMean", "V", Expect.of(Kind.SCALED, LstmRegressor.M)));
        list.add(post("L4", l, "sign of dc flipped", "sign", "c", 0, "c", Expect.of(Kind.SIGN_FLIPPED)));
        list.add(internal("L5", l, "cell tanh' as 1−tanh instead of 1−tanh²", "lstm.tanhPrime"));
        list.add(internal("L6", l, "BPTT loop off by one (stops at t=1)", "lstm.bptt.offByOne"));
        list.add(internal("L7", l, "forget-gate bias gradient never accumulated", "lstm.bf.zero", "bf", Expect.of(Kind.ZERO)));
        list.add(post("L8", l, "one wrong element Wi[1,2] (+0.3·rms)", "element", "Wi", 5, "Wi", Expect.of(Kind.FEW_ELEMENTS)));
        // attention
        list.add(internal("A1", a, "softmax backward without normalisation term", "attn.softmaxNoNorm",
                "Wq", unexplained, "Wk", unexplained));
        list.add(internal("A2", a, "forgotten 1/√d in dQ, dK", "attn.noInvSqrtD",
                "Wq", Expect.of(Kind.SCALED, 2), "Wk", Expect.of(Kind.SCALED, 2)));
        list.add(internal("A3", a, "dWq transposed (dQᵀX)", "attn.Wq.transposed", "Wq", Expect.of(Kind.TRANSPOSED)));
        list.add(internal("A4", a, "GELU' missing the x·sech² term", "attn.geluPrime"));
        list.add(post("A5", a, "1% error in dWv", "factor", "Wv", 1.01, "Wv", Expect.of(Kind.SCALED, 1.01)));
        list.add(internal("A6", a, "dV = A·dH instead of Aᵀ·dH", "attn.dV.noTranspose", "Wv", unexplained));
        list.add(post("A7", a, "sign of dWo flipped", "sign", "Wo", 0, "Wo", Expect.of(Kind.SIGN_FLIPPED)));
        // layer norm + Huber
        list.add(internal("N1", n, "layer-norm backward missing the variance term", "ln.noVarianceTerm",
                "W1", unexplained, "b1", unexplained));
        list.add(internal("N2", n, "layer-norm backward missing the mean term", "ln.noMeanTerm",
                "W1", unexplained, "b1", unexplained));
        list.add(internal("N3", n, "Huber derivative not clipped (MSE's)", "ln.huberNoClip"));
        list.add(internal("N4", n, "dγ uses z−μ instead of ẑ", "ln.gammaUnnormalised", "gamma", unexplained));
        list.add(internal("N5", n, "forgotten 1/m in dW1", "ln.W1.forgotMean", "W1", Expect.of(Kind.SCALED, LayerNormHuberNet.M)));
        list.add(internal("N6", n, "dβ off by one (dβ[k−1] += du[k])", "ln.beta.offByOne", "beta", Expect.of(Kind.SHIFTED, 1)));
        list.add(internal("N7", n, "softplus' as σ(−u) instead of σ(u)", "ln.softplusPrime"));
        // Poisson + ELU + L2
        list.add(internal("P1", p, "L2 term missing from dW1", "pois.W1.noL2", "W1", Expect.of(Kind.REGULARIZATION, PoissonEluNet.RHO)));
        list.add(internal("P2", p, "L2 term missing from dw2", "pois.w2.noL2", "w2", Expect.of(Kind.REGULARIZATION, PoissonEluNet.RHO)));
        list.add(internal("P3", p, "L2 gradient doubled (2ρθ)", "pois.L2.doubled",
                "W1", Expect.of(Kind.REGULARIZATION, PoissonEluNet.RHO), "w2", Expect.of(Kind.REGULARIZATION, PoissonEluNet.RHO)));
        list.add(internal("P4", p, "ELU' = 1 on the negative side", "pois.eluPrime"));
        list.add(internal("P5", p, "residual sign: y−λ instead of λ−y", "pois.residualSign",
                "b1", Expect.of(Kind.SIGN_FLIPPED), "b2", Expect.of(Kind.SIGN_FLIPPED), "W1", unexplained, "w2", unexplained));
        list.add(post("P6", p, "db1 zeroed", "zero", "b1", 0, "b1", Expect.of(Kind.ZERO)));
        list.add(post("P7", p, "one wrong element w2[3] (+0.3·rms)", "element", "w2", 3, "w2", Expect.of(Kind.FEW_ELEMENTS)));
        list.add(internal("P8", p, "dw2 uses the pre-activation z, not ELU(z)", "pois.w2.preActivation"));
        // conv + max-pool + hinge
        list.add(internal("C1", c, "max-pool routes to the window's first entry", "conv.pool.firstElement"));
        list.add(internal("C2", c, "hinge: true class gets −1/m, not −(violations)/m", "conv.hinge.trueClass"));
        list.add(internal("C3", c, "forgotten 1/m in dbW", "conv.bW.forgotMean", "bW", Expect.of(Kind.SCALED, ConvPoolHingeNet.M)));
        list.add(internal("C4", c, "dK0 transposed (swapped loop indices)", "conv.K0.transposed", "K0", Expect.of(Kind.TRANSPOSED)));
        list.add(internal("C5", c, "dK1 rotated 180° (convolution vs correlation)", "conv.K1.rotated", "K1", unexplained));
        list.add(internal("C6", c, "L2 term missing from dW", "conv.W.noL2", "W", Expect.of(Kind.REGULARIZATION, ConvPoolHingeNet.LAMBDA)));
        list.add(post("C7", c, "sign of dbW flipped", "sign", "bW", 0, "bW", Expect.of(Kind.SIGN_FLIPPED)));
        list.add(internal("C8", c, "dW off by one in the feature index (f[k+1])", "conv.W.offByOne", "W", Expect.of(Kind.SHIFTED, 1)));
        list.add(post("C9", c, "dbK zeroed", "zero", "bK", 0, "bK", Expect.of(Kind.ZERO)));
        list.add(post("C10", c, "1% error in dK1", "factor", "K1", 1.01, "K1", Expect.of(Kind.SCALED, 1.01)));
        return list;
    }
}
