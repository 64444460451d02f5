package io.github.gradcheck.heldout;

import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.Diagnosis.Kind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ground truth for a mutant, from this test's own arithmetic only: which blocks the bug changes
 * (mutated gradient against the correct one at the same point) and, for blocks whose diagnosis was
 * not designed, what pattern the change has.
 */
final class Oracle {

    private Oracle() {
    }

    /** Acceptable diagnosis kinds for one block and the expected parameter (NaN: not checked). */
    record Acceptable(Set<Kind> kinds, double parameter, String text) {
    }

    /** Blocks whose gradient the mutant changes, with their acceptable diagnoses. */
    static Map<String, Acceptable> expectations(Heldout.Mutant mutant, long seed, String variant) {
        Map<String, double[]> g = Heldout.create(mutant.model(), seed, variant).gradientMap();
        Map<String, double[]> a = mutant.build(seed, variant).gradientMap();
        Map<String, Acceptable> out = new LinkedHashMap<>();
        for (String block : g.keySet()) {
            double[] gb = g.get(block), ab = a.get(block);
            double dd = 0, gg = 0, ag = 0, aa = 0, gInf = 0;
            for (int i = 0; i < gb.length; i++) {
                double d = ab[i] - gb[i];
                dd += d * d;
                gg += gb[i] * gb[i];
                ag += ab[i] * gb[i];
                aa += ab[i] * ab[i];
                gInf = Math.max(gInf, Math.abs(gb[i]));
            }
            if (dd == 0) {
                continue;
            }
            Heldout.Expect designed = mutant.expect().get(block);
            double relChange = Math.sqrt(dd / gg);
            // least-squares a ≈ c·g and its residual ‖a − c·g‖ / ‖a‖
            double c = ag / gg;
            double res = 0;
            for (int i = 0; i < gb.length; i++) {
                double r = ab[i] - c * gb[i];
                res += r * r;
            }
            res = aa == 0 ? 0 : Math.sqrt(res / aa);
            Kind scaleKind = Math.abs(c + 1) < 0.01 ? Kind.SIGN_FLIPPED : Kind.SCALED;
            double scaleParam = scaleKind == Kind.SCALED ? c : Double.NaN;
            if (designed != null) {
                Set<Kind> kinds = EnumSet.of(designed.kind());
                double param = designed.parameter();
                if (designed.kind() == Kind.REGULARIZATION) {
                    // J = scale·(data + (ρ/2)‖θ‖²): the L2 coefficient in the gradient is scale·ρ
                    param *= Heldout.create(mutant.model(), seed, variant).scale;
                }
                String text = text(designed.kind(), param);
                if (designed.kind() == Kind.UNEXPLAINED && res < Diagnosis.GOOD_FIT) {
                    // a constant factor explains 99% of this change: claiming it is legitimate too
                    kinds.add(scaleKind);
                    param = scaleParam;
                    text += "|" + text(scaleKind, scaleParam);
                }
                out.put(block, new Acceptable(kinds, param, text));
                continue;
            }
            if (aa == 0) {
                out.put(block, new Acceptable(EnumSet.of(Kind.ZERO), Double.NaN, "ZERO"));
                continue;
            }
            if (gb.length == 1 || res < 1e-3) {
                out.put(block, new Acceptable(EnumSet.of(scaleKind), scaleParam, text(scaleKind, scaleParam)));
                continue;
            }
            int changed = 0;
            for (int i = 0; i < gb.length; i++) {
                if (Math.abs(ab[i] - gb[i]) > 1e-6 * gInf) {
                    changed++;
                }
            }
            Set<Kind> kinds = EnumSet.of(Kind.UNEXPLAINED);
            String text = "UNEXPLAINED";
            if (changed * 4 <= gb.length) {
                kinds.add(Kind.FEW_ELEMENTS);
                text = "UNEXPLAINED|FEW_ELEMENTS";
            }
            double param = Double.NaN;
            if (res < Diagnosis.GOOD_FIT) {
                kinds.add(scaleKind);
                param = scaleParam;
                text += "|" + text(scaleKind, scaleParam);
            }
            if (relChange < 1e-7) {
                kinds.add(Kind.NONE);
                text += "|NONE";
            }
            out.put(block, new Acceptable(kinds, param, text));
        }
        return out;
    }

    static String text(Kind kind, double parameter) {
        return Double.isNaN(parameter) ? kind.name() : kind.name() + "(" + fmt(parameter) + ")";
    }

    static String fmt(double v) {
        return Math.abs(v) >= 0.1 && Math.abs(v) < 1000 ? String.format("%.4g", v) : String.format("%.3g", v);
    }

    static boolean parameterOk(Kind kind, double expected, double got) {
        if (Double.isNaN(expected)) {
            return true;
        }
        return switch (kind) {
            case SCALED -> Math.abs(got - expected) <= Math.min(0.01 * Math.abs(expected), 0.1 * Math.abs(expected - 1));
            case REGULARIZATION -> Math.abs(Math.abs(got) - expected) <= 0.05 * expected;
            case SHIFTED -> Math.abs(Math.abs(got) - 1) <= 0.01;
            default -> true;
        };
    }
}
