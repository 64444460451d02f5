package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheck.EPSILON_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.EVALUATION_BUDGET_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.JACOBIAN_OUTPUTS_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.MARGIN_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.MODE_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.NONDETERMINISM_TOLERANCE_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.OFFENDERS_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.PRECISION_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.PROBES_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.RELATIVE_ERROR_FLOOR_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.SAMPLES_PER_BLOCK_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.STENCIL_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.THREADS_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.THRESHOLD_PROPERTY_NAME;
import static io.github.gradcheck.junit.GradientCheck.TIME_BUDGET_PROPERTY_NAME;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.CheckMode;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The checker for one {@link GradientCheck} method: each setting from the annotation attribute if
 * set, else from its configuration parameter ({@link GradientCheck#EPSILON_PROPERTY_NAME} and the
 * like), else the default.
 */
final class CheckConfiguration {

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
        Precision precision = configuration.choice("precision", PRECISION_PROPERTY_NAME, annotation.precision(),
                Precision.class);
        if (precision != null) {
            checker = checker.withPrecision(precision);
        }
        Stencil stencil = configuration.choice("stencil", STENCIL_PROPERTY_NAME, annotation.stencil(), Stencil.class);
        if (stencil != null) {
            checker = checker.withStencil(stencil);
        }
        double epsilon = configuration.positive("epsilon", EPSILON_PROPERTY_NAME, annotation.epsilon(), Double.NaN);
        if (!Double.isNaN(epsilon)) {
            checker = checker.withEpsilon(epsilon);
        }
        CheckMode mode = configuration.choice("mode", MODE_PROPERTY_NAME, annotation.mode(), CheckMode.class);
        if (mode != null) {
            checker = checker.withMode(mode);
        }
        // A setting set nowhere keeps the default checker's value: no new checker is made for it, so
        // that a method that sets nothing is checked by GradientChecker.defaults() itself.
        long samples = configuration.whole("samplesPerBlock", SAMPLES_PER_BLOCK_PROPERTY_NAME, annotation.samplesPerBlock(), 1,
                base.samplesPerBlock());
        if (samples != base.samplesPerBlock()) {
            checker = checker.withSamplesPerBlock((int) samples);
        }
        long threads = configuration.whole("threads", THREADS_PROPERTY_NAME, annotation.threads(), 1, base.threads());
        if (threads != base.threads()) {
            checker = checker.withThreads((int) threads);
        }
        long evaluations = configuration.whole("evaluationBudget", EVALUATION_BUDGET_PROPERTY_NAME,
                annotation.evaluationBudget(), 0, base.evaluationBudget());
        if (evaluations != base.evaluationBudget()) {
            checker = checker.withEvaluationBudget(evaluations);
        }
        Duration timeBudget = configuration.duration("timeBudget", TIME_BUDGET_PROPERTY_NAME, annotation.timeBudget(),
                base.timeBudget());
        if (!timeBudget.equals(base.timeBudget())) {
            checker = checker.withTimeBudget(timeBudget);
        }
        double margin = configuration.positive("margin", MARGIN_PROPERTY_NAME, annotation.margin(), base.margin());
        if (margin != base.margin()) {
            checker = checker.withMargin(margin);
        }
        double threshold = configuration.positive("threshold", THRESHOLD_PROPERTY_NAME, annotation.threshold(),
                base.threshold());
        if (threshold != base.threshold()) {
            checker = checker.withThreshold(threshold);
        }
        double floor = configuration.positive("relativeErrorFloor", RELATIVE_ERROR_FLOOR_PROPERTY_NAME,
                annotation.relativeErrorFloor(), base.relativeErrorFloor());
        if (floor != base.relativeErrorFloor()) {
            checker = checker.withRelativeErrorFloor(floor);
        }
        double tolerance = configuration.positive("nondeterminismTolerance", NONDETERMINISM_TOLERANCE_PROPERTY_NAME,
                annotation.nondeterminismTolerance(), base.nondeterminismTolerance());
        if (tolerance != base.nondeterminismTolerance()) {
            checker = checker.withNondeterminismTolerance(tolerance);
        }
        long offenders = configuration.whole("offenders", OFFENDERS_PROPERTY_NAME, annotation.offenders(), 0, base.offenders());
        if (offenders != base.offenders()) {
            checker = checker.withOffenders((int) offenders);
        }
        long probes = configuration.whole("probes", PROBES_PROPERTY_NAME, annotation.probes(), 1, base.probes());
        if (probes != base.probes()) {
            checker = checker.withProbes((int) probes);
        }
        long outputs = configuration.whole("jacobianOutputs", JACOBIAN_OUTPUTS_PROPERTY_NAME, annotation.jacobianOutputs(), 0,
                base.jacobianOutputs());
        if (outputs != base.jacobianOutputs()) {
            checker = checker.withJacobianOutputs((int) outputs);
        }
        return checker;
    }

    /** An enum setting by name, case-insensitive, '-' for '_' ("five-point"); null if set nowhere. */
    private <E extends Enum<E>> E choice(String attribute, String property, String fromAnnotation, Class<E> type) {
        String text = fromAnnotation;
        boolean fromParameter = text.isEmpty();
        if (fromParameter) {
            text = parameter(property).orElse("");
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
        throw fromParameter ? invalidParameter(attribute, property, text, expected)
                : new ExtensionConfigurationException("@GradientCheck(" + attribute + " = \"" + text + "\") on " + where
                        + ": expected " + expected);
    }

    private double positive(String attribute, String property, double fromAnnotation, double fallback) {
        if (!Double.isNaN(fromAnnotation)) {
            if (!(fromAnnotation > 0) || Double.isInfinite(fromAnnotation)) {
                throw new ExtensionConfigurationException("@GradientCheck(" + attribute + " = " + Numbers.setting(fromAnnotation)
                        + ") on " + where + ": " + attribute + " must be a positive finite number");
            }
            return fromAnnotation;
        }
        Optional<String> text = parameter(property);
        if (text.isEmpty()) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.get().trim());
        } catch (NumberFormatException e) {
            throw invalidParameter(attribute, property, text.get(),
                    "a positive finite number" + example(attribute, fallback));
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalidParameter(attribute, property, text.get(),
                    "a positive finite number" + example(attribute, fallback));
        }
        return value;
    }

    private static String example(String attribute, double fallback) {
        return " such as " + Numbers.setting(Double.isNaN(fallback) && "epsilon".equals(attribute)
                ? GradientChecker.COURSE_EPSILON : fallback);
    }

    /** A whole-number setting of at least {@code least}; -1 in the annotation means not set. */
    private long whole(String attribute, String property, long fromAnnotation, long least, long fallback) {
        if (fromAnnotation != -1) {
            if (fromAnnotation < least) {
                throw new ExtensionConfigurationException("@GradientCheck(" + attribute + " = " + fromAnnotation + ") on "
                        + where + ": " + attribute + " must be " + least + " or more (-1, the default, means: not set)");
            }
            return fromAnnotation;
        }
        Optional<String> text = parameter(property);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get().trim());
            if (value >= least && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalidParameter(attribute, property, text.get(),
                "a whole number, " + least + " or more, such as " + fallback);
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT30S}; empty means not set. */
    private Duration duration(String attribute, String property, String fromAnnotation, Duration fallback) {
        boolean fromParameter = fromAnnotation.isBlank();
        String text = fromParameter ? parameter(property).orElse("") : fromAnnotation;
        if (text.isBlank()) {
            return fallback;
        }
        Duration value = parseDuration(text.trim());
        if (value != null && !value.isNegative()) {
            return value;
        }
        String expected = "a duration such as 30s, 500ms, 2m or PT30S";
        throw fromParameter ? invalidParameter(attribute, property, text, expected)
                : new ExtensionConfigurationException("@GradientCheck(" + attribute + " = \"" + text + "\") on " + where
                        + ": expected " + expected);
    }

    private static Duration parseDuration(String text) {
        try {
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(text);
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
            }
            if (lower.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
            }
            if (lower.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private Optional<String> parameter(String property) {
        return context.getConfigurationParameter(property);
    }

    private ExtensionConfigurationException invalidParameter(String attribute, String property, String value,
                                                             String expected) {
        return new ExtensionConfigurationException("configuration parameter " + property + " = '" + value
                + "' (used by " + where + ", which does not set @GradientCheck(" + attribute + ")): expected "
                + expected);
    }
}
