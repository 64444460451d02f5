package io.github.gradcheck.junit;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ReportText;
import java.lang.reflect.Method;
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
        GradientChecker defaults = GradientChecker.defaults();
        CheckSettings base = defaults.settings();
        return defaults
                .withEpsilon(configuration.positive("epsilon", annotation.epsilon(), base.epsilon()))
                .withThreshold(configuration.positive("threshold", annotation.threshold(), base.threshold()))
                .withRelativeErrorFloor(configuration.positive("relativeErrorFloor", annotation.relativeErrorFloor(),
                        base.relativeErrorFloor()))
                .withOffenders(configuration.offenders(base.offenders()));
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
            throw invalidParameter(attribute, text.get(), "a positive finite number such as " + ReportText.setting(fallback));
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalidParameter(attribute, text.get(), "a positive finite number such as " + ReportText.setting(fallback));
        }
        return value;
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
