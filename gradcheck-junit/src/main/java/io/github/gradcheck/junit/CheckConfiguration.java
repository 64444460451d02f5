package io.github.gradcheck.junit;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.Precision;
import io.github.gradcheck.report.ReportText;
import io.github.gradcheck.report.Stencil;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The checker for one {@link GradientCheck} method: each setting from the annotation attribute if
 * set, else from the configuration parameter {@code gradcheck.<attribute>}, else the default.
 */
final class CheckConfiguration {

    static final String PREFIX = "gradcheck.";

    private final GradientCheck annotation;
    private final ExtensionContext context;
    private final String where;

    private CheckConfiguration(GradientCheck annotation, ExtensionContext context) {
        this.annotation = annotation;
        this.context = context;
        Method method = context.getRequiredTestMethod();
        this.where = context.getRequiredTestClass().getName() + "." + method.getName() + "()";
    }

    /**
     * The checker the method's settings describe.
     *
     * @throws ExtensionConfigurationException naming the method, the attribute or parameter, and
     *     the value, for a setting out of range or not a number
     */
    static GradientChecker checker(GradientCheck annotation, ExtensionContext context) {
        CheckConfiguration configuration = new CheckConfiguration(annotation, context);
        GradientChecker checker = GradientChecker.defaults();
        CheckSettings base = checker.settings();
        Precision precision = configuration.choice("precision", annotation.precision(), Precision.class);
        if (precision != null) {
            checker = checker.withPrecision(precision);
        }
        Stencil stencil = configuration.choice("stencil", annotation.stencil(), Stencil.class);
        if (stencil != null) {
            checker = checker.withStencil(stencil);
        }
        double epsilon = configuration.positive("epsilon", annotation.epsilon(), Double.NaN);
        if (!Double.isNaN(epsilon)) {
            checker = checker.withEpsilon(epsilon);
        }
        return checker
                .withMargin(configuration.positive("margin", annotation.margin(), base.margin()))
                .withThreshold(configuration.positive("threshold", annotation.threshold(), base.threshold()))
                .withRelativeErrorFloor(configuration.positive("relativeErrorFloor", annotation.relativeErrorFloor(),
                        base.relativeErrorFloor()))
                .withOffenders(configuration.offenders(base.offenders()));
    }

    /** An enum setting by name, case-insensitive, '-' for '_' ("five-point"); null if set nowhere. */
    private <E extends Enum<E>> E choice(String attribute, String fromAnnotation, Class<E> type) {
        String text = fromAnnotation;
        boolean fromParameter = text.isEmpty();
        if (fromParameter) {
            text = parameter(attribute).orElse("");
        }
        if (text.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
            names.add(name);
            if (name.equals(text.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return constant;
            }
        }
        String expected = "one of " + names;
        throw fromParameter ? invalidParameter(attribute, text, expected)
                : new ExtensionConfigurationException("@GradientCheck(" + attribute + " = \"" + text + "\") on " + where
                        + ": expected " + expected);
    }

    private double positive(String attribute, double fromAnnotation, double fallback) {
        if (!Double.isNaN(fromAnnotation)) {
            if (!(fromAnnotation > 0) || Double.isInfinite(fromAnnotation)) {
                throw new ExtensionConfigurationException("@GradientCheck(" + attribute + " = " + ReportText.setting(fromAnnotation)
                        + ") on " + where + ": " + attribute + " must be a positive finite number");
            }
            return fromAnnotation;
        }
        Optional<String> text = parameter(attribute);
        if (text.isEmpty()) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.get().trim());
        } catch (NumberFormatException e) {
            throw invalidParameter(attribute, text.get(), "a positive finite number" + example(attribute, fallback));
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalidParameter(attribute, text.get(), "a positive finite number" + example(attribute, fallback));
        }
        return value;
    }

    private static String example(String attribute, double fallback) {
        return " such as " + ReportText.setting(Double.isNaN(fallback) && "epsilon".equals(attribute)
                ? GradientChecker.COURSE_EPSILON : fallback);
    }

    private int offenders(int fallback) {
        int fromAnnotation = annotation.offenders();
        if (fromAnnotation != -1) {
            if (fromAnnotation < 0) {
                throw new ExtensionConfigurationException("@GradientCheck(offenders = " + fromAnnotation + ") on "
                        + where + ": offenders must be 0 or more (-1, the default, means: not set)");
            }
            return fromAnnotation;
        }
        Optional<String> text = parameter("offenders");
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalidParameter("offenders", text.get(), "a whole number, 0 or more, such as " + fallback);
    }

    private Optional<String> parameter(String attribute) {
        return context.getConfigurationParameter(PREFIX + attribute);
    }

    private ExtensionConfigurationException invalidParameter(String attribute, String value, String expected) {
        return new ExtensionConfigurationException("configuration parameter " + PREFIX + attribute + " = '" + value
                + "' (used by " + where + ", which does not set @GradientCheck(" + attribute + ")): expected "
                + expected);
    }
}
