package io.github.gradcheck.internal.format;

import java.util.Arrays;

/**
 * The decimal digits of a positive finite double, rounded as {@link java.util.Formatter} rounds
 * them for {@code %e}, {@code %f} and {@code %g}, and written as it writes them, without a
 * {@code Formatter}.
 *
 * <p>Why not {@code String.format}: every call makes a {@code Formatter} and parses its format with
 * a regular expression, which in a fresh JVM, where none of it is compiled yet, costs about 70 µs a
 * number; the HTML page of one check writes some 120 numbers in a JVM that has just started
 * (about 8 ms, of a one-test run that should cost little more than a plain test). The
 * text is the same: the Formatter rounds half up the shortest decimal digits that read back as
 * the double, which are the digits {@link Double#toString} writes; so do these. {@code NumbersTest}
 * compares the two over random values, ties and the special values (and 1.2 million more values
 * were compared on JDK 17 and 25 when this was written, without a difference).
 *
 * <p>The digits are {@code 0.d₁d₂…dₙ × 10^exponent}, as the JDK's {@code FloatingDecimal} holds
 * them; positions past the last digit are zeros.
 */
final class RoundedDigits {

    private final char[] digits;
    private final int count;
    private int exponent;

    private RoundedDigits(char[] digits, int count, int exponent) {
        this.digits = digits;
        this.count = count;
        this.exponent = exponent;
    }

    /** The shortest digits of {@code magnitude}, a positive finite double, read off {@link Double#toString}. */
    static RoundedDigits of(double magnitude) {
        String text = Double.toString(magnitude);
        int e = text.indexOf('E');
        int end = e < 0 ? text.length() : e;
        int power = e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10);
        char[] digits = new char[end];
        int count = 0;
        int beforePoint = 0;
        boolean point = false;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                point = true;
            } else if (count > 0 || c != '0') {
                digits[count++] = c;
                beforePoint += point ? 0 : 1;
            } else if (point) {
                beforePoint--;   // a leading zero after the point: 0.00123 is 0.123 × 10^-2
            }
        }
        while (count > 1 && digits[count - 1] == '0') {
            count--;
        }
        return new RoundedDigits(digits, count, beforePoint + power);
    }

    /** The power of ten of the first digit: 2 for 123.4, -5 for 1.2e-5 (as rounded so far). */
    int firstDigitPower() {
        return exponent - 1;
    }

    /**
     * Rounds to the first {@code kept} digits, half up, carrying into a new first digit where all
     * are nines; nothing to do where {@code kept} is negative (all digits fall after the place
     * rounded to, which then reads as zeros). {@code kept} 0 rounds at the first digit: to one
     * unit of the place before it, or to nothing.
     */
    void round(int kept) {
        if (kept < 0 || kept >= count) {
            return;
        }
        if (kept == 0) {
            boolean up = digits[0] >= '5';
            Arrays.fill(digits, 0, count, '0');
            if (up) {
                digits[0] = '1';
                exponent++;
            }
            return;
        }
        boolean up = digits[kept] >= '5';
        Arrays.fill(digits, kept, count, '0');
        int i = kept - 1;
        while (up && i >= 0) {
            if (digits[i] == '9') {
                digits[i--] = '0';
            } else {
                digits[i]++;
                up = false;
            }
        }
        if (up) {   // 9.99… became 10.0…
            digits[0] = '1';
            exponent++;
        }
    }

    /** {@code d.ddd} with {@code decimals} digits after the point, then {@code e±XX}: {@code 2.851e-01}. */
    void appendScientific(StringBuilder text, int decimals) {
        text.append(digit(0));
        if (decimals > 0) {
            text.append('.');
            for (int i = 1; i <= decimals; i++) {
                text.append(digit(i));
            }
        }
        int power = firstDigitPower();
        text.append('e').append(power < 0 ? '-' : '+');
        int magnitude = Math.abs(power);
        if (magnitude < 10) {
            text.append('0');
        }
        text.append(magnitude);
    }

    /** The integer part, then {@code decimals} digits after the point: {@code 0.250000}, {@code 123}. */
    void appendFixed(StringBuilder text, int decimals) {
        if (exponent <= 0) {
            text.append('0');
        }
        for (int i = 0; i < exponent; i++) {
            text.append(digit(i));
        }
        if (decimals > 0) {
            text.append('.');
            for (int i = 0; i < decimals; i++) {
                text.append(digit(exponent + i));
            }
        }
    }

    private char digit(int position) {
        return position >= 0 && position < count ? digits[position] : '0';
    }
}
