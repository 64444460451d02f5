package io.github.gradcheck.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
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
}
