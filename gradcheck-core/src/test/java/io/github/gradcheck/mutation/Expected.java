package io.github.gradcheck.mutation;

import java.util.Locale;

/**
 * The diagnosis a mutant should get, with its one number where the diagnosis has one.
 *
 * @param diagnosis the kind of pattern
 * @param factor for {@link Diagnosis#SCALED}: g = factor·n; NaN otherwise
 * @param regularization for {@link Diagnosis#REGULARIZATION}: the signed coefficient c in
 *     g − n = c·θ on the block (−λ/m for a missing λ/(2m)‖w‖² term); NaN otherwise
 * @param shift for {@link Diagnosis#SHIFTED}: g[(i + shift) mod size] = n[i] over the block's flat,
 *     row-major elements; 0 otherwise
 */
record Expected(Diagnosis diagnosis, double factor, double regularization, int shift) {

    static Expected scaled(double factor) {
        return new Expected(Diagnosis.SCALED, factor, Double.NaN, 0);
    }

    static Expected signFlipped() {
        return new Expected(Diagnosis.SIGN_FLIPPED, Double.NaN, Double.NaN, 0);
    }

    static Expected zero() {
        return new Expected(Diagnosis.ZERO, Double.NaN, Double.NaN, 0);
    }

    static Expected transposed() {
        return new Expected(Diagnosis.TRANSPOSED, Double.NaN, Double.NaN, 0);
    }

    static Expected shifted(int shift) {
        return new Expected(Diagnosis.SHIFTED, Double.NaN, Double.NaN, shift);
    }

    static Expected regularization(double coefficient) {
        return new Expected(Diagnosis.REGULARIZATION, Double.NaN, coefficient, 0);
    }

    static Expected fewElements() {
        return new Expected(Diagnosis.FEW_ELEMENTS, Double.NaN, Double.NaN, 0);
    }

    static Expected noneExpected() {
        return new Expected(Diagnosis.NONE_EXPECTED, Double.NaN, Double.NaN, 0);
    }

    @Override
    public String toString() {
        return switch (diagnosis) {
            case SCALED -> String.format(Locale.ROOT, "SCALED ×%.6g", factor);
            case REGULARIZATION -> String.format(Locale.ROOT, "REGULARIZATION %+.6g·θ", regularization);
            case SHIFTED -> String.format(Locale.ROOT, "SHIFTED %+d", shift);
            default -> diagnosis.name();
        };
    }
}
