package io.github.gradcheck.internal.engine;

import static io.github.gradcheck.report.ElementVerdict.KINK;
import static io.github.gradcheck.report.ElementVerdict.MATCH;
import static io.github.gradcheck.report.ElementVerdict.MISMATCH;
import static io.github.gradcheck.report.ElementVerdict.UNRELIABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.internal.engine.ElementClassifier.Slopes;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-element verdict, one row per case, at the documented defaults (margin 10, threshold
 * 1e-8, relative error floor 1e-8). Each expected verdict follows from the rule as the README's
 * "How the verdict is reached" and {@link GradientChecker}'s Javadoc state it, refined where
 * they are silent by {@link ElementClassifier}'s own Javadoc; the row's name says which part.
 * Values that sit exactly on a boundary are powers of two, or quotients checked to be exact.
 */
class ElementClassifierTest {

    private static final CheckSettings DEFAULTS = GradientChecker.defaults().settings();
    private static final ElementClassifier CLASSIFIER = new ElementClassifier(DEFAULTS);

    /** σ/ε of the second-look rows: the one-sided slopes' noise. */
    private static final double SLOPE_NOISE = 1e-10;
    /** σ/(ε/1000): the slopes' noise at the closer look. */
    private static final double CLOSE_SLOPE_NOISE = 1e-7;
    /** A smooth loss with f' = 1 and f''·ε/2 = 0.01: one-sided slopes at ε and 2ε, jumps that double with the step. */
    private static final Slopes SMOOTH = new Slopes(1.01, 0.99, 1.02, 0.98);
    /** A ReLU switching at θᵢ: slope 1 on the right, 0 on the left, at ε and 2ε alike. */
    private static final Slopes RELU = new Slopes(1, 0, 1, 0);

    @Test
    void theRowsUseTheDocumentedDefaults() {
        assertThat(DEFAULTS.margin()).isEqualTo(10);
        assertThat(DEFAULTS.threshold()).isEqualTo(1e-8);
        assertThat(DEFAULTS.relativeErrorFloor()).isEqualTo(1e-8);
    }

    /** Rows: reason, g, n, estimated error E, verdict. */
    static Stream<Arguments> firstLook() {
        return Stream.of(
                arguments("a disagreement of 1e-9, a tenth of margin × E: match", 1.0, 1.0 + 1e-9, 1e-9, MATCH),
                arguments("identical values, no error at all: match", 0.5, 0.5, 0.0, MATCH),
                arguments("both zero, E > 0: exact agreement, nothing to be unreliable about: match", 0.0, 0.0, 1e-10,
                        MATCH),
                arguments("disagreement exactly margin × E (2⁻⁶ · 10): within, so match", 1.15625, 1.0, 0x1p-6, MATCH),
                arguments("disagreement 2⁻²⁰ over margin × E, relative error 0.07: mismatch", 1.15625 + 0x1p-20, 1.0,
                        0x1p-6, MISMATCH),
                arguments("a factor 2, E 1e-10: mismatch", 2.0, 1.0, 1e-10, MISMATCH),
                arguments("a flipped sign: mismatch", -1.0, 1.0, 1e-10, MISMATCH),
                arguments("relative error 1e-7 (an L2 term on parameters of 1e-6) the noise resolves: mismatch",
                        1.0, 1.0 + 2e-7, 1e-12, MISMATCH),
                arguments("over margin × E but relative error 5e-10, under the threshold backstop: match",
                        1.0, 1.0 + 1e-9, 1e-15, MATCH),
                arguments("zero gradient, n = 1e-17 of round-off: floor makes it 1e-9, not 100 %: match",
                        0.0, 1e-17, 1e-19, MATCH),
                arguments("zero gradient, n = 1e-16: relative error 1e-16 / floor = 1e-8, exactly the threshold,"
                        + " not over it: match", 0.0, 1e-16, 0.0, MATCH),
                arguments("zero gradient, n = 2e-16: relative error 2e-8, over the threshold: mismatch",
                        0.0, 2e-16, 0.0, MISMATCH),
                arguments("zero gradient, n = 1e-12 over E: relative error 1e-4 against the floor: mismatch",
                        0.0, 1e-12, 1e-15, MISMATCH),
                arguments("E as large as the values: unreliable", 1e-3, 2e-3, 1e-3, UNRELIABLE),
                arguments("a NaN quotient (0/0) tells nothing: unreliable, never a match", 1.0, Double.NaN, 1e-12,
                        UNRELIABLE),
                arguments("a NaN error estimate tells nothing: unreliable, never a match", 1.0, 3.0, Double.NaN,
                        UNRELIABLE),
                arguments("E far larger than a disagreeing pair: unreliable, not a mismatch", 1.0, -1.0, 1.0,
                        UNRELIABLE),
                arguments("margin × E (0.625) exactly the mean of |g| and |n|: not over it, match",
                        0.625, 0.625, 0x1p-4, MATCH),
                arguments("margin × E (0.625) over the mean of |g| and |n| (0.5), though E is an eighth of the"
                        + " values: unreliable", 0.5, 0.5, 0x1p-4, UNRELIABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstLook")
    void firstLook(String reason, double g, double n, double error, ElementVerdict expected) {
        assertThat(CLASSIFIER.compare(g, n, error)).as(reason).isEqualTo(expected);
    }

    /** Rows: reason, g, D(ε), D(2ε), D(ε)'s round-off, slopes, σ/ε, verdict. */
    static Stream<Arguments> secondLook() {
        return Stream.of(
                arguments("truncation 1e-6, Richardson's value 1, g = 1: match", 1.0, 1.000001, 1.000004,
                        SLOPE_NOISE / Math.sqrt(2), new Slopes(1.010001, 0.990001, 1.020004, 0.980004), SLOPE_NOISE,
                        MATCH),
                arguments("a 1 % slip beyond Richardson's truncation estimate: mismatch", 1.01, 1.000001, 1.000004,
                        SLOPE_NOISE / Math.sqrt(2), new Slopes(1.010001, 0.990001, 1.020004, 0.980004), SLOPE_NOISE,
                        MISMATCH),
                arguments("ReLU at θᵢ, g = 0, the left slope: kink", 0.0, 0.5, 0.5, SLOPE_NOISE / Math.sqrt(2), RELU,
                        SLOPE_NOISE, KINK),
                arguments("ReLU at θᵢ, g = 1, the right slope: kink", 1.0, 0.5, 0.5, SLOPE_NOISE / Math.sqrt(2), RELU,
                        SLOPE_NOISE, KINK),
                arguments("ReLU at θᵢ, g = 0.5, between the slopes: kink", 0.5, 0.5, 0.5, SLOPE_NOISE / Math.sqrt(2),
                        RELU, SLOPE_NOISE, KINK),
                arguments("ReLU at θᵢ, g 1e-9 past a slope, within margin × √6 σ/ε (2.4e-9): kink", 1 + 1e-9, 0.5,
                        0.5, SLOPE_NOISE / Math.sqrt(2), RELU, SLOPE_NOISE, KINK),
                arguments("ReLU at θᵢ, g 1e-8 past a slope, beyond the slopes' noise: mismatch", 1 + 1e-8, 0.5, 0.5,
                        SLOPE_NOISE / Math.sqrt(2), RELU, SLOPE_NOISE, MISMATCH),
                arguments("ReLU at θᵢ, g = 2, outside the slopes: mismatch", 2.0, 0.5, 0.5, SLOPE_NOISE / Math.sqrt(2),
                        RELU, SLOPE_NOISE, MISMATCH),
                arguments("ReLU at θᵢ, g = −1, outside the slopes: mismatch", -1.0, 0.5, 0.5,
                        SLOPE_NOISE / Math.sqrt(2), RELU, SLOPE_NOISE, MISMATCH),
                arguments("a jump of 2e-9 that stays with the step, over half margin × √6 σ/ε (1.2e-9): kink", 1.0,
                        1 + 1e-9, 1 + 1e-9, SLOPE_NOISE / Math.sqrt(2), new Slopes(1 + 2e-9, 1, 1 + 2e-9, 1),
                        SLOPE_NOISE, KINK),
                arguments("a jump that doubles with the step is curvature: g equal to the left slope is a mismatch",
                        0.0, 1.0, 1.0, SLOPE_NOISE / Math.sqrt(2), new Slopes(2, 0, 3, -1), SLOPE_NOISE, MISMATCH),
                arguments("a jump of 1 within the slopes' noise (σ/ε = 1) is no kink; E covers everything: unreliable",
                        0.0, 0.5, 0.5, 1 / Math.sqrt(2), RELU, 1.0, UNRELIABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secondLook")
    void secondLook(String reason, double g, double atStep, double atDoubleStep, double roundOff, Slopes slopes,
                    double slopeNoise, ElementVerdict expected) {
        assertThat(CLASSIFIER.refine(g, atStep, atDoubleStep, roundOff, slopes, slopeNoise)).as(reason)
                .isEqualTo(expected);
    }

    /** Rows: reason, g, D(ε), D(ε/1000), slopes at ε and 2ε, forward and backward slopes at ε/1000, σ/(ε/1000), verdict. */
    static Stream<Arguments> closerLook() {
        return Stream.of(
                arguments("smooth, a disagreement of 1e-3 gone at ε/1000 (truncation beyond the estimate): match",
                        1.0, 1.001, 1 + 1e-9, SMOOTH, 1.00001, 0.99999, CLOSE_SLOPE_NOISE, MATCH),
                arguments("not smooth (a kink between ε/1000 and ε), the disagreement gone at ε/1000: kink",
                        1.0, 0.5, 1.0, new Slopes(1, 0, 1, 0.5), 1.0, 1.0, CLOSE_SLOPE_NOISE, KINK),
                arguments("slopes at ε/1000 far from those at ε, beyond curvature: several kinks within ε: kink",
                        2.0, 1.0, 1.9, SMOOTH, 3.0, 0.99, CLOSE_SLOPE_NOISE, KINK),
                arguments("smooth, still wrong at ε/1000 (a factor 2): mismatch",
                        2.0, 1.0, 1.0, SMOOTH, 1.00001, 0.99999, CLOSE_SLOPE_NOISE, MISMATCH),
                arguments("ε/1000 agrees but its round-off (7e-4 × margin) cannot resolve a disagreement of 1e-3:"
                        + " not trusted, smooth: mismatch",
                        1.0, 1.001, 1.0, SMOOTH, 1.00001, 0.99999, 1e-3, MISMATCH),
                arguments("a clean ReLU, g within half the jump of the centered value: kink",
                        0.9, 0.5, 0.5, RELU, 1.0, 0.0, CLOSE_SLOPE_NOISE, KINK),
                arguments("a clean ReLU, g = 2.5 outside its slopes and beyond half the jump: mismatch",
                        2.5, 0.5, 0.5, RELU, 1.0, 0.0, CLOSE_SLOPE_NOISE, MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closerLook")
    void closerLook(String reason, double g, double atStep, double close, Slopes slopes, double forwardClose,
                    double backwardClose, double closeSlopeNoise, ElementVerdict expected) {
        assertThat(CLASSIFIER.closerLook(g, atStep, close, slopes, forwardClose, backwardClose, SLOPE_NOISE,
                closeSlopeNoise)).as(reason).isEqualTo(expected);
    }

    /** Rows: reason, g, D(ε/1000), forward and backward slopes at ε/1000, verdict; σ/(ε/1000) = 1e-7. */
    static Stream<Arguments> kinkCloserLook() {
        return Stream.of(
                arguments("the slopes still jump at ε/1000: the kink is at θᵢ: kink", 1.0, 0.5, 1.0, 0.0, KINK),
                arguments("smooth at ε/1000 and g agrees there: kink (a max-pool flip within ε)", 1.0, 1.0, 1.0, 1.0,
                        KINK),
                arguments("smooth at ε/1000 and g disagrees there (a wrong kernel behind a flip): mismatch",
                        0.0, 1.0, 1.0, 1.0, MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinkCloserLook")
    void kinkCloserLook(String reason, double g, double close, double forwardClose, double backwardClose,
                        ElementVerdict expected) {
        assertThat(CLASSIFIER.kinkCloserLook(g, close, forwardClose, backwardClose, CLOSE_SLOPE_NOISE)).as(reason)
                .isEqualTo(expected);
    }

    /** Rows: reason, g, D(ε), truncation bound, forward and backward slopes at ε, scouts confirmed, decided on the first look. */
    static Stream<Arguments> decisive() {
        return Stream.of(
                arguments("a factor 2, smooth, 8 scouts confirmed: decided", 2.0, 1.0, 1e-9, 1.00001, 0.99999, 8, true),
                arguments("the same with 3 of 8 scouts confirmed (under half): every look", 2.0, 1.0, 1e-9, 1.00001,
                        0.99999, 3, false),
                arguments("4 of 8 confirmed, exactly half: decided", 2.0, 1.0, 1e-9, 1.00001, 0.99999, 4, true),
                arguments("a ReLU within ε (slopes 1 and 0): g = 0, one of the slopes, is no mismatch to decide",
                        0.0, 0.5, 1e-9, 1.0, 0.0, 8, false),
                arguments("a ReLU within ε: g = 2 is far outside, but under 100 × the jump: every look", 2.0, 0.5, 1e-9,
                        1.0, 0.0, 8, false),
                arguments("a 1 % slip beside a truncation bound of 1e-5: 0.01 < 100 × 10 × 1e-5: every look",
                        1.01, 1.0, 1e-5, 1.00001, 0.99999, 8, false),
                arguments("a 1 % slip beside a truncation bound of 1e-7: decided", 1.01, 1.0, 1e-7, 1.00001, 0.99999, 8,
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisive")
    void decisive(String reason, double g, double atStep, double truncation, double forward, double backward,
                  int confirmed, boolean expected) {
        ElementClassifier.BlockEvidence evidence = new ElementClassifier.BlockEvidence(confirmed, 0);
        assertThat(CLASSIFIER.decisive(g, atStep, SLOPE_NOISE / Math.sqrt(2), truncation, forward, backward, SLOPE_NOISE,
                evidence)).as(reason).isEqualTo(expected);
    }
}
