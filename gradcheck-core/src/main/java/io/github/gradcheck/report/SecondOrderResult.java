package io.github.gradcheck.report;

import java.util.Objects;

/**
 * What a second-order check adds to its report: the first-order check it rests on, and whether
 * the second-order code was compared at all.
 *
 * <p>The gradient is checked first. If it fails, the Hessian-vector product (or a layer's double
 * backward) is not compared: its numeric side would be differences of that wrong gradient, so a
 * pass would prove nothing and a failure would blame the wrong code. The report is then the
 * gradient's, failed, with a warning that says so; when the gradient passes, the report's blocks,
 * offenders and {@link GradientCheckReport#layer()} are those of the second-order comparison.
 * Made by the checker, read by users: the constructor is not public.
 */
public final class SecondOrderResult {

    private final GradientCheckReport gradientCheck;
    private final boolean compared;

    SecondOrderResult(GradientCheckReport gradientCheck, boolean compared) {
        this.gradientCheck = Objects.requireNonNull(gradientCheck, "gradientCheck");
        this.compared = compared;
    }

    /**
     * The first-order check of the gradient (a layer's backward pass), run before the second order.
     *
     * @return its report
     */
    public GradientCheckReport gradientCheck() {
        return gradientCheck;
    }

    /**
     * Whether the second-order code was compared: false when the gradient failed its own check.
     *
     * @return true if the report's verdict is that of the second-order comparison
     */
    public boolean compared() {
        return compared;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecondOrderResult that && compared == that.compared && gradientCheck.equals(that.gradientCheck);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gradientCheck, compared);
    }

    @Override
    public String toString() {
        return "SecondOrderResult[compared=" + compared + ", gradientCheck passed=" + gradientCheck.passed() + "]";
    }
}
