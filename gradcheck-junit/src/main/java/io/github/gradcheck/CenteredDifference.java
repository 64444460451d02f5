package io.github.gradcheck;

import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.ReportText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * One full per-parameter check: gradapprox[i] = (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε for every i,
 * perturbing the model's own arrays in place and restoring each element, bit for bit, before
 * moving on. Costs 2N + 1 loss evaluations and one gradient evaluation, and no copy of θ per index.
 */
final class CenteredDifference {

    private final DifferentiableModel model;
    private final CheckSettings settings;
    private final String name;
    private long lossEvaluations;
    private long gradientEvaluations;

    private CenteredDifference(DifferentiableModel model, CheckSettings settings) {
        this.model = model;
        this.settings = settings;
        this.name = nameOf(model);
    }

    static GradientCheckReport run(DifferentiableModel model, CheckSettings settings) {
        return new CenteredDifference(model, settings).run();
    }

    private GradientCheckReport run() {
        long start = System.nanoTime();
        ParameterArrays parameters = parameters();
        double[] original = parameters.toVector();
        double[] numericGradient;
        double[] gradient;
        double loss;
        try {
            loss = loss(null, 0, "");
            gradient = gradient(parameters.layout());
            numericGradient = numericGradient(parameters);
        } catch (RuntimeException | Error e) {
            parameters.restore(original);
            throw e;
        }
        int changed = parameters.firstDifference(original);
        if (changed >= 0) {
            double found = parameters.toVector()[changed];
            parameters.restore(original);
            throw new GradientCheckException(name + " changed its own parameter " + parameters.layout().label(changed)
                    + " (flat index " + changed + ") from " + original[changed] + " to " + found
                    + " while the check ran; loss() and gradient() must not modify the parameters."
                    + " All parameters have been restored.");
        }
        return report(parameters.layout(), loss, gradient, numericGradient, Duration.ofNanos(System.nanoTime() - start));
    }

    private double[] numericGradient(ParameterArrays parameters) {
        ParameterLayout layout = parameters.layout();
        double epsilon = settings.epsilon();
        double[] numeric = new double[layout.size()];
        List<ParameterBlock> blocks = layout.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            for (int k = 0; k < block.size(); k++) {
                double value = parameters.get(b, k);
                double plus;
                double minus;
                try {
                    parameters.set(b, k, value + epsilon);
                    plus = loss(block, k, "+");
                    parameters.set(b, k, value - epsilon);
                    minus = loss(block, k, "−");
                } finally {
                    parameters.set(b, k, value);
                }
                numeric[block.offset() + k] = (plus - minus) / (2 * epsilon);
            }
        }
        return numeric;
    }

    private ParameterArrays parameters() {
        ParameterArrays parameters;
        try {
            parameters = model.parameters();
        } catch (GradientCheckException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new GradientCheckException(name + ".parameters() threw " + describe(e), e);
        }
        if (parameters == null) {
            throw new GradientCheckException(name + ".parameters() returned null; return the model's live arrays,"
                    + " e.g. ParameterArrays.builder().add(\"W1\", W1).build()");
        }
        return parameters;
    }

    /** J at the current parameters, where element {@code k} of {@code block} (if any) is moved by {@code sign} ε. */
    private double loss(ParameterBlock block, int k, String sign) {
        double loss;
        try {
            lossEvaluations++;
            loss = model.loss();
        } catch (GradientCheckException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new GradientCheckException(name + ".loss() threw " + describe(e) + " " + where(block, k, sign)
                    + ". The parameters have been restored.", e);
        }
        if (!Double.isFinite(loss)) {
            throw new GradientCheckException("the loss of " + name + " is " + loss + " " + where(block, k, sign)
                    + "; a gradient check needs a finite loss within ε of the checked point"
                    + " (look for log(0), 0/0 or overflow). The parameters have been restored.");
        }
        return loss;
    }

    private String where(ParameterBlock block, int k, String sign) {
        return block == null ? "at the unperturbed parameters"
                : "at " + block.label(k) + " " + sign + " ε (flat index " + (block.offset() + k) + ", ε = " + ReportText.setting(settings.epsilon()) + ")";
    }

    private double[] gradient(ParameterLayout layout) {
        ParameterArrays arrays;
        try {
            gradientEvaluations++;
            arrays = model.gradient();
        } catch (GradientCheckException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new GradientCheckException(name + ".gradient() threw " + describe(e)
                    + ". The parameters have been restored.", e);
        }
        if (arrays == null) {
            throw new GradientCheckException(name + ".gradient() returned null; it must return one array per"
                    + " parameter block " + layout.names());
        }
        double[] gradient = GradientLayout.flatten(name, layout, arrays);
        for (int i = 0; i < gradient.length; i++) {
            if (!Double.isFinite(gradient[i])) {
                throw new GradientCheckException("the analytic gradient of " + name + " is " + gradient[i] + " at "
                        + layout.label(i) + " (flat index " + i + "); backpropagation produced a non-finite value."
                        + " The parameters have been restored.");
            }
        }
        return gradient;
    }

    private GradientCheckReport report(ParameterLayout layout, double loss, double[] gradient, double[] numeric,
                                       Duration duration) {
        ThresholdVerdict verdict = new ThresholdVerdict(settings.threshold());
        int n = layout.size();
        double[] relativeError = new double[n];
        boolean[] failing = new boolean[n];
        int failingElements = 0;
        List<BlockSummary> blocks = new ArrayList<>();
        for (ParameterBlock block : layout.blocks()) {
            int from = block.offset();
            int to = from + block.size();
            double scale = RelativeDifference.norm(gradient, null, from, to) + RelativeDifference.norm(numeric, null, from, to);
            double worst = 0;
            int blockFailing = 0;
            for (int i = from; i < to; i++) {
                double error = Math.abs(gradient[i] - numeric[i]);
                relativeError[i] = error == 0 ? 0
                        : error / Math.max(Math.abs(gradient[i]) + Math.abs(numeric[i]), settings.relativeErrorFloor());
                worst = Math.max(worst, relativeError[i]);
                failing[i] = verdict.elementFails(error, scale);
                blockFailing += failing[i] ? 1 : 0;
            }
            failingElements += blockFailing;
            double difference = RelativeDifference.of(gradient, numeric, from, to);
            blocks.add(new BlockSummary(block.name(), boxed(block.shape()), from, block.size(), difference, worst,
                    blockFailing, verdict.passes(difference)));
        }
        double difference = RelativeDifference.of(gradient, numeric, 0, n);
        List<Offender> offenders = new ArrayList<>();
        for (int i : worst(relativeError, failing, settings.offenders())) {
            ParameterBlock block = layout.blockContaining(i);
            offenders.add(new Offender(i, block.name(), boxed(block.position(i - block.offset())),
                    block.label(i - block.offset()), gradient[i], numeric[i], Math.abs(gradient[i] - numeric[i]),
                    relativeError[i], failing[i]));
        }
        return new GradientCheckReport(name, settings, loss, difference, verdict.passes(difference), blocks, offenders,
                failingElements, gradient, numeric, lossEvaluations, gradientEvaluations, duration);
    }

    /**
     * The indices of the {@code count} worst elements that have any error: failing first, then by
     * relative error, largest first, then by index.
     */
    static int[] worst(double[] relativeError, boolean[] failing, int count) {
        Comparator<Integer> worstFirst = Comparator.<Integer, Boolean>comparing(i -> !failing[i])
                .thenComparing(i -> -relativeError[i])
                .thenComparing(i -> i);
        PriorityQueue<Integer> kept = new PriorityQueue<>(worstFirst.reversed());
        for (int i = 0; i < relativeError.length && count > 0; i++) {
            if (relativeError[i] == 0) {
                continue;
            }
            kept.add(i);
            if (kept.size() > count) {
                kept.poll();
            }
        }
        return kept.stream().sorted(worstFirst).mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getName() + (message == null ? "" : String.format(Locale.ROOT, " (%s)", message));
    }

    private static String nameOf(DifferentiableModel model) {
        try {
            String name = model.name();
            return name == null || name.isBlank() ? ModelNames.of(model.getClass(), "model") : name;
        } catch (RuntimeException e) {
            return ModelNames.of(model.getClass(), "model");
        }
    }
}
