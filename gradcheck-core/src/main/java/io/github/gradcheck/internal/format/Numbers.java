package io.github.gradcheck.internal.format;

import java.time.Duration;

/**
 * Every number format of the library's words, named by what the number is, so that a difference
 * or an estimated error reads the same in a failure message, the console summary and the HTML
 * page. No format depends on the machine's locale: a report must not read {@code 2,851e-01} on a
 * German machine and {@code 2.851e-01} in CI. The three general formats write what
 * {@code String.format(Locale.ROOT, …)} writes, digit for digit, without a {@code Formatter}
 * (see {@code RoundedDigits} for why).
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * A difference as the report prints it: {@code 2.851e-01}, four significant digits, enough to
     * tell the course's bands (1e-7, 1e-5, 1e-3) apart at a glance.
     *
     * @param value a difference
     * @return the value in scientific notation
     */
    public static String difference(double value) {
        return scientific(value, 3);
    }

    /**
     * A magnitude known to about one digit, such as an estimated error or a noise level:
     * {@code 2.0e-14}; more digits would claim a precision the estimate does not have.
     *
     * @param value an estimate
     * @return the value in scientific notation with two significant digits
     */
    public static String magnitude(double value) {
        return scientific(value, 1);
    }

    /**
     * A relative error, a factor or a norm: {@code 0.600}, {@code 4.00}, three significant digits.
     *
     * @param value a ratio
     * @return the value to three significant digits
     */
    public static String ratio(double value) {
        return significant(value, 3);
    }

    /**
     * A gradient's value: {@code -0.250000}, six significant digits, enough to see two values
     * that differ in their fourth digit.
     *
     * @param value a gradient element
     * @return the value to six significant digits
     */
    public static String value(double value) {
        return significant(value, 6);
    }

    /**
     * A setting as the user would write it: {@code 1e-7}, {@code 2.5e-6}, {@code 0.001}.
     *
     * @param value a setting
     * @return {@link Double#toString} of it, without a trailing {@code .0} and with a lowercase
     *     {@code e}
     */
    public static String setting(double value) {
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return exponent < 0 ? mantissa : mantissa + "e" + text.substring(exponent + 1);
    }

    /**
     * A computed number, such as a step, to three significant digits, written as {@link #setting}
     * writes one: {@code 4.81e-6}.
     *
     * @param value a computed number
     * @return the rounded value
     */
    public static String rounded(double value) {
        return setting(Double.parseDouble(significant(value, 3)));
    }

    /**
     * A duration in milliseconds to a tenth: {@code 3.0 ms}.
     *
     * @param duration a duration
     * @return the milliseconds and the unit
     */
    public static String millis(Duration duration) {
        return fixed(duration.toNanos() / 1_000 / 1_000.0, 1) + " ms";
    }

    /**
     * {@code value} with {@code digits} significant digits ({@code %.<digits>g}).
     *
     * @param value a number
     * @param digits significant digits, at least 1
     * @return the text
     */
    public static String significant(double value, int digits) {
        int kept = Math.max(digits, 1);
        StringBuilder text = new StringBuilder(kept + 8);
        if (!signed(text, value)) {
            return text.toString();
        }
        if (value == 0) {
            return zero(text, kept - 1).toString();
        }
        RoundedDigits rounded = RoundedDigits.of(Math.abs(value));
        rounded.round(kept);
        // As %g: scientific unless the rounded value is in [1e-4, 10^digits).
        int power = rounded.firstDigitPower();
        if (power < -4 || power >= kept) {
            rounded.appendScientific(text, kept - 1);
        } else {
            rounded.appendFixed(text, kept - 1 - power);
        }
        return text.toString();
    }

    /**
     * {@code value} in scientific notation with {@code decimals} digits after the point
     * ({@code %.<decimals>e}).
     *
     * @param value a number
     * @param decimals digits after the point
     * @return the text
     */
    public static String scientific(double value, int decimals) {
        StringBuilder text = new StringBuilder(decimals + 8);
        if (!signed(text, value)) {
            return text.toString();
        }
        if (value == 0) {
            return zero(text, decimals).append("e+00").toString();
        }
        RoundedDigits rounded = RoundedDigits.of(Math.abs(value));
        rounded.round(decimals + 1);
        rounded.appendScientific(text, decimals);
        return text.toString();
    }

    /**
     * {@code value} with {@code decimals} digits after the point ({@code %.<decimals>f}).
     *
     * @param value a number
     * @param decimals digits after the point
     * @return the text
     */
    public static String fixed(double value, int decimals) {
        StringBuilder text = new StringBuilder(decimals + 8);
        if (!signed(text, value)) {
            return text.toString();
        }
        if (value == 0) {
            return zero(text, decimals).toString();
        }
        RoundedDigits rounded = RoundedDigits.of(Math.abs(value));
        rounded.round(rounded.firstDigitPower() + 1 + decimals);
        rounded.appendFixed(text, decimals);
        return text.toString();
    }

    /**
     * Writes the sign as the Formatter does ({@code -} for every negative value, -0.0 too), or the
     * whole text of NaN and the infinities; whether digits are still to follow.
     */
    private static boolean signed(StringBuilder text, double value) {
        if (Double.isNaN(value)) {
            text.append("NaN");
            return false;
        }
        if (Double.compare(value, 0.0) < 0) {
            text.append('-');
        }
        if (Double.isInfinite(value)) {
            text.append("Infinity");
            return false;
        }
        return true;
    }

    /** Zero with {@code decimals} zeros after the point. */
    private static StringBuilder zero(StringBuilder text, int decimals) {
        text.append('0');
        if (decimals > 0) {
            text.append('.').append("0".repeat(decimals));
        }
        return text;
    }
}
