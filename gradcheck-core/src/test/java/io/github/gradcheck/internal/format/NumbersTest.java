package io.github.gradcheck.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Each kind of number in the words the reports use, also where the default locale writes a decimal comma. */
class NumbersTest {

    @Test
    void eachKindOfNumberHasItsOwnFormat() {
        assertThat(Numbers.difference(0.28514)).isEqualTo("2.851e-01");
        assertThat(Numbers.magnitude(2.04e-14)).isEqualTo("2.0e-14");
        assertThat(Numbers.ratio(0.6)).isEqualTo("0.600");
        assertThat(Numbers.value(-0.25)).isEqualTo("-0.250000");
        assertThat(Numbers.millis(Duration.ofNanos(3_049_999))).isEqualTo("3.0 ms");
    }

    @Test
    void aSettingReadsAsTheUserWouldWriteIt() {
        assertThat(Numbers.setting(1e-7)).isEqualTo("1e-7");
        assertThat(Numbers.setting(2.5e-6)).isEqualTo("2.5e-6");
        assertThat(Numbers.setting(0.001)).isEqualTo("0.001");
        assertThat(Numbers.setting(10)).isEqualTo("10");
        assertThat(Numbers.rounded(4.80740e-6)).isEqualTo("4.81e-6");
    }

    @Test
    @ResourceLock(Resources.LOCALE)
    void numbersDoNotFollowTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Numbers.difference(0.28514)).isEqualTo("2.851e-01");
            assertThat(Numbers.fixed(1.25, 1)).isEqualTo("1.3");
        } finally {
            Locale.setDefault(before);
        }
    }

    /**
     * The formats are written without a Formatter; this pins that the text is the Formatter's in
     * {@link Locale#ROOT}, digit for digit: over many magnitudes and signs, any bit pattern, ties
     * (short decimals ending in 5, which round up, and their neighbours), powers of ten and the
     * special values.
     */
    @Test
    void theTextIsTheFormattersForEveryKindOfValue() {
        SplittableRandom random = new SplittableRandom(12);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1.25,
                2.675, 0.0001, 9.9995e-5, 999999.5, 1e7, -1234567.0, 1e23, 0.95, 99.5, 0.0095, 1.005, 9.9999995));
        for (int power = -320; power <= 300; power += 7) {
            values.add(Math.pow(10, power));
            values.add(-9.5 * Math.pow(10, power));
        }
        for (int i = 0; i < 2_000; i++) {
            values.add((random.nextBoolean() ? -1 : 1) * random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add((random.nextLong(1, 10_000_000) * 10 + 5) * Math.pow(10, random.nextInt(-12, 8)));
            values.add(Math.nextDown((random.nextLong(1, 100_000) * 10 + 5) / Math.pow(10, random.nextInt(1, 9))));
        }
        for (double value : values) {
            for (int digits : new int[] {1, 2, 3, 4, 6, 9}) {
                assertThat(Numbers.significant(value, digits)).as("%%.%dg of %s", digits, value)
                        .isEqualTo(String.format(Locale.ROOT, "%." + digits + "g", value));
                assertThat(Numbers.scientific(value, digits)).as("%%.%de of %s", digits, value)
                        .isEqualTo(String.format(Locale.ROOT, "%." + digits + "e", value));
                if (Math.abs(value) < 1e30) {
                    assertThat(Numbers.fixed(value, digits)).as("%%.%df of %s", digits, value)
                            .isEqualTo(String.format(Locale.ROOT, "%." + digits + "f", value));
                }
            }
            assertThat(Numbers.fixed(value, 0)).isEqualTo(String.format(Locale.ROOT, "%.0f", value));
        }
    }
}
