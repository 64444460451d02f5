package io.github.gradcheck.heldout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The held-out models' correct backward passes against this test's own central differences
 * (step 1e-6), independent of the library. Also checks the kink constructions and that every
 * mutant changes the gradient at seed 1.
 */
class IndependentFiniteDifferenceTest {

    static final double H = 1e-6;

    /** Course difference ‖g − n‖ / (‖g‖ + ‖n‖) and max |g − n| / ‖g‖∞ of the model's gradient against own differences. */
    static double[] compare(HeldoutModel model) {
        return compare(model, H);
    }

    static double[] compare(HeldoutModel model, double h) {
        Map<String, double[]> g = model.gradientMap();
        double num2 = 0, gn2 = 0, nn2 = 0, maxAbs = 0, gInf = 0;
        for (Map.Entry<String, double[]> e : model.params().entrySet()) {
            double[] p = e.getValue();
            double[] ga = g.get(e.getKey());
            for (int i = 0; i < p.length; i++) {
                double keep = p[i];
                p[i] = keep + h;
                double plus = model.loss();
                p[i] = keep - h;
                double minus = model.loss();
                p[i] = keep;
                double n = (plus - minus) / (2 * h);
                num2 += (ga[i] - n) * (ga[i] - n);
                gn2 += ga[i] * ga[i];
                nn2 += n * n;
                maxAbs = Math.max(maxAbs, Math.abs(ga[i] - n));
                gInf = Math.max(gInf, Math.abs(ga[i]));
            }
        }
        return new double[] {Math.sqrt(num2) / (Math.sqrt(gn2) + Math.sqrt(nn2)), maxAbs / gInf};
    }

    @Test
    void correctBackwardPassesMatchOwnCentralDifferences() {
        StringBuilder out = new StringBuilder("own central differences, h = 1e-6, seeds 1..20: worst difference / worst max|g-n|/|g|inf\n");
        for (Map.Entry<String, List<String>> e : Heldout.VARIANTS.entrySet()) {
            for (String variant : e.getValue()) {
                boolean smooth = !(variant.startsWith("kink") || variant.equals("huberedge") || variant.equals("elu0")
                        || (e.getKey().equals("ConvPoolHingeNet") && variant.equals("tiny")));
                if (!smooth) {
                    continue;
                }
                double worstD = 0, worstE = 0;
                int params = 0;
                for (long seed = 1; seed <= 20; seed++) {
                    HeldoutModel m = Heldout.create(e.getKey(), seed, variant);
                    params = m.parameters().layout().size();
                    // near a zero loss the cubic term of ½r² dominates a 1e-6 difference; a smaller step resolves it
                    double[] r = variant.equals("nearzero") ? compare(m, 1e-8) : compare(m);
                    worstD = Math.max(worstD, r[0]);
                    worstE = Math.max(worstE, r[1]);
                }
                out.append(String.format("%-24s %-12s%s N=%3d  %.2e  %.2e%n", e.getKey(), variant, variant.equals("nearzero") ? " (h=1e-8)" : "", params, worstD, worstE));
                if (variant.equals("ordinary")) {
                    assertTrue(worstD < 1e-6, e.getKey() + " " + variant + " difference " + worstD);
                }
            }
        }
        System.out.println(out);
    }

    @Test
    void kinkConstructionsSitOnTheirKinks() {
        for (long seed = 1; seed <= 20; seed++) {
            ConvPoolHingeNet m = new ConvPoolHingeNet(seed, "kinkexact");
            double[][][] conv = m.conv(0);
            assertTrue(conv[1][0][0] == conv[1][0][1], "tie at seed " + seed);
            PoissonEluNet p = new PoissonEluNet(seed, "elu0");
            for (int k = 0; k < 3; k++) {
                assertTrue(p.preActivation(k, k) == 0.0, "elu0 at seed " + seed);
            }
            ConvPoolHingeNet near = new ConvPoolHingeNet(seed, "kinknear");
            double[][][] cn = near.conv(0);
            double gap = Math.abs(cn[1][0][0] - cn[1][0][1]);
            assertTrue(gap > 0 && gap < 1e-9, "near tie at seed " + seed + ": " + gap);
        }
    }

    @Test
    void everyMutantChangesTheGradientAtSeedOne() {
        for (Heldout.Mutant mu : Heldout.mutants()) {
            HeldoutModel ok = Heldout.create(mu.model(), 1, "ordinary");
            HeldoutModel bad = mu.build(1, "ordinary");
            Map<String, double[]> a = bad.gradientMap(), g = ok.gradientMap();
            double diff = 0;
            for (String b : g.keySet()) {
                for (int i = 0; i < g.get(b).length; i++) {
                    diff = Math.max(diff, Math.abs(a.get(b)[i] - g.get(b)[i]));
                }
            }
            System.out.printf("%-4s changes the gradient by up to %.3e; own difference %.2e%n", mu.id(), diff, compare(bad)[0]);
            assertTrue(diff > 0, mu.id());
        }
    }
}
