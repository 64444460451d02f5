package io.github.gradcheck.internal.engine;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.Precision;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.Offender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The check of a {@link DifferentiableLayer}: the layer reduced to scalars J = ⟨dy, f(x; W)⟩, one
 * per probe dy, each checked by {@link NumericCheck} over the inputs and parameters as one θ.
 *
 * <p>The probes share their forward calls: the first probe's check moves each element by ±ε and
 * keeps ⟨dy, y⟩ for every probe from that one forward call (the Jacobian column times each dy), so
 * the other probes' element differences cost nothing; only their fixed evaluations (noise, Taylor
 * tests, second looks at mismatches) call the forward pass again. With as many basis probes as
 * outputs, that is the whole Jacobian for the forward calls of one probe.
 */
public final class LayerCheck {

    private static final ParameterAccess ACCESS = ParameterAccess.get();
    /** The coefficients of the linearity contract; a + b ≠ 1, so a term that ignores dy shows. */
    private static final double A = 2;
    private static final double B = -3;
    /**
     * How far backward(a·dy₁ + b·dy₂) may differ from a·backward(dy₁) + b·backward(dy₂), relative to
     * the largest |a·backward(dy₁)| + |b·backward(dy₂)| in the element's block: a backward pass that is linear in dy
     * differs by round-off only (≈ 1e-16 per operation, summed over a layer's terms), while a term
     * that does not scale with dy differs by its own size; 1e-8 lies between by eight orders. Where the
     * element's own check cannot resolve a difference (margin × (|a| + |b|) × σ/εᵢ, σ the probes' loss
     * noise), neither does the contract: a softmax's dx at a saturated input is a difference of nearly
     * equal terms whose round-off is far above its block's size and far below what the check can see.
     */
    private static final double LINEARITY_TOLERANCE = 1e-8;
    /**
     * For a check in float precision, the linearity tolerance in units of float's u (6e-8): a
     * backward pass computed in float differs from its own linear combination by a few float
     * roundings per term, so 1000 u (6e-5) keeps a correct float layer clear, while a term that
     * ignores dy still differs by its own size.
     */
    private static final double LINEARITY_ROUNDINGS = 1e3;
    /** The seed's offset for the probes, so that they are not the random directions of the same seed. */
    private static final long PROBE_SEED = 0x1A7E5L;

    private final DifferentiableLayer layer;
    private final LayerInputs inputs;
    private final CheckSettings forFloats;
    private CheckSettings settings;
    private final Calls calls;
    private final String name;
    private final ConstantInputs constants;
    private ParameterArrays theta;
    private double[] original;
    private long forwardCalls;
    private long backwardCalls;

    private LayerCheck(DifferentiableLayer layer, LayerInputs inputs, CheckSettings settings, CheckSettings forFloats,
                       Calls calls) {
        this.layer = layer;
        this.inputs = inputs;
        this.settings = settings;
        this.forFloats = forFloats;
        this.calls = calls;
        this.name = nameOf(layer);
        this.constants = new ConstantInputs(name, inputs);
    }

    /**
     * Checks {@code layer} at {@code inputs}. Inputs and parameters are perturbed in place and are,
     * when this returns or throws, bit for bit as they were.
     *
     * @param layer the layer
     * @param inputs its inputs
     * @param settings the settings
     * @param forFloats the settings where an input or parameter holds floats and nobody chose a
     *     precision (null: {@code settings} whatever the blocks hold)
     * @return the report of the probe shown, with the layer's findings
     */
    public static GradientCheckReport run(DifferentiableLayer layer, LayerInputs inputs, CheckSettings settings,
                                          CheckSettings forFloats) {
        return new LayerCheck(layer, inputs, settings, forFloats, Calls.LAYER).run();
    }

    /**
     * Checks a layer made by the check itself, such as the gradient of a model with its
     * Hessian-vector product as the backward pass, naming its two passes in errors with {@code calls}.
     */
    static GradientCheckReport run(DifferentiableLayer layer, LayerInputs inputs, CheckSettings settings, Calls calls) {
        return new LayerCheck(layer, inputs, settings, null, calls).run();
    }

    /**
     * How errors name the two passes: a layer's {@code forward(inputs)} and {@code backward(inputs, dy)},
     * or, for a second-order check, the gradient and the Hessian-vector product.
     *
     * @param forward the method that gives y, e.g. {@code forward}
     * @param forwardArguments its arguments as errors show them, e.g. {@code inputs}
     * @param backward the method that gives the gradient of ⟨dy, y⟩, e.g. {@code backward}
     * @param backwardArguments its arguments as errors show them, e.g. {@code inputs, dy}
     */
    record Calls(String forward, String forwardArguments, String backward, String backwardArguments) {

        static final Calls LAYER = new Calls("forward", "inputs", "backward", "inputs, dy");

        String forwardCall() {
            return forward + "(" + forwardArguments + ")";
        }

        String backwardCall() {
            return backward + "(" + backwardArguments + ")";
        }
    }

    private GradientCheckReport run() {
        long start = System.nanoTime();
        theta = theta();
        original = theta.toVector();
        if (forFloats != null && holdsFloats()) {
            settings = forFloats;
        }
        try {
            double[] y = forward("at the given inputs");
            constants.requireUnchanged("in " + calls.forwardCall() + " at the given inputs");
            double[] again = forward("at the given inputs, called again");
            requireUnchanged(calls.forward(), "at the given inputs");
            requireDeterministic(y, again);
            int outputs = y.length;
            boolean wholeJacobian = outputs <= settings.jacobianOutputs();
            double[][] probes = wholeJacobian ? basis(outputs) : random(settings.probes(), outputs, 0);
            Columns columns = new Columns(probes, original.length);
            List<GradientCheckReport> reports = new ArrayList<>();
            for (int j = 0; j < probes.length; j++) {
                reports.add(NumericCheck.run(new Probe(j, probes[j], columns), settings));
            }
            List<BrokenContract> broken = linearity(probes, reports);
            requireUnchanged(calls.forward() + " or " + calls.backward(), "while the check ran");
            constants.requireUnchanged("while the check ran");
            return combined(reports, outputs, wholeJacobian, broken, start);
        } catch (RuntimeException | Error e) {
            ACCESS.restore(theta, original, 0, original.length);
            constants.restore();
            throw e;
        }
    }

    /** What {@code call} (a layer's or model's {@code parameters()}) returns, refusing a throw or null by name. */
    static ParameterArrays parametersOf(Supplier<ParameterArrays> call, String name) {
        ParameterArrays parameters;
        try {
            parameters = call.get();
        } catch (RuntimeException e) {
            throw new GradientCheckException(name + ".parameters() threw " + e, e);
        }
        if (parameters == null) {
            throw new GradientCheckException(name + ".parameters() returned null; return the live arrays, or"
                    + " ParameterArrays.none() for a layer without parameters");
        }
        return parameters;
    }

    /** Whether any input or parameter holds floats. */
    private boolean holdsFloats() {
        for (int b = 0; b < theta.layout().blocks().size(); b++) {
            if (ACCESS.precision(theta, b) == Precision.FLOAT) {
                return true;
            }
        }
        return false;
    }

    /** The inputs' blocks then the parameters', refusing a name both use and a layer with nothing to check. */
    private ParameterArrays theta() {
        ParameterArrays parameters = parametersOf(layer::parameters, name);
        ParameterArrays differentiable = inputs.differentiable();
        for (String input : differentiable.layout().names()) {
            if (parameters.layout().names().contains(input)) {
                throw new GradientCheckException("'" + input + "' names both an input and a parameter of " + name
                        + "; the gradients backward() returns are matched by name, so rename one of them");
            }
        }
        if (differentiable.layout().blocks().isEmpty() && parameters.layout().blocks().isEmpty()) {
            throw new GradientCheckException(name + " has no differentiable input and no parameters: nothing to check;"
                    + " add an input with LayerInputs.builder().add(\"x\", x) (constant inputs are not checked)");
        }
        return ACCESS.concat(differentiable, parameters);
    }

    /** The forward pass at the current θ, counted, its exceptions and non-finite outputs named with {@code where}. */
    private double[] forward(String where) {
        double[] y;
        try {
            forwardCalls++;
            y = layer.forward(inputs);
        } catch (GradientCheckException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new GradientCheckException(name + "." + calls.forwardCall() + " threw " + e + " " + where
                    + ". The inputs and parameters have been restored.", e);
        }
        if (y == null || y.length == 0) {
            throw new GradientCheckException(name + "." + calls.forwardCall() + " returned " + (y == null ? "null" : "no outputs") + " "
                    + where + "; it must return y, flattened row-major");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new GradientCheckException(name + "." + calls.forwardCall() + " returned y[" + i + "] = " + y[i] + " " + where
                        + "; a gradient check needs finite outputs within ε of the checked point (look for log(0), 0/0"
                        + " or overflow). The inputs and parameters have been restored.");
            }
        }
        return y;
    }

    private void requireDeterministic(double[] y, double[] again) {
        double largest = 0;
        for (int i = 0; i < y.length; i++) {
            largest = Math.max(largest, Math.max(Math.abs(y[i]), Math.abs(again[i])));
        }
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i] - again[i]) > settings.nondeterminismTolerance() * largest) {
                throw new GradientCheckException("the forward pass of " + name + " is not deterministic: two calls at the"
                        + " same inputs and parameters gave y[" + i + "] = " + y[i] + " and " + again[i] + " (over the"
                        + " nondeterminism tolerance of " + Numbers.setting(settings.nondeterminismTolerance())
                        + " relatively). Turn dropout off, reset the random seed before every call, and freeze batch"
                        + " statistics only if the layer is meant to be checked in evaluation mode.");
            }
        }
    }

    /** Fails, naming the element and the call, if θ is no longer {@link #original}. */
    private void requireUnchanged(String call, String where) {
        requireUnchanged(call, where, original);
    }

    /** Fails, naming the element and the call, if θ is no longer {@code before}. */
    private void requireUnchanged(String call, String where, double[] before) {
        int changed = ACCESS.firstDifference(theta, before);
        if (changed >= 0) {
            ParameterLayout layout = theta.layout();
            ParameterBlock block = layout.blockContaining(changed);
            throw new GradientCheckException(name + "." + call + "() changed " + (block.isInput() ? "input " : "parameter ")
                    + layout.label(changed) + " from " + before[changed] + " to " + theta.toVector()[changed] + " "
                    + where + "; a layer's passes must leave their inputs and parameters as they find them."
                    + " All inputs and parameters have been restored.");
        }
    }

    /** The basis vectors of the outputs: probe i checks row i of the Jacobian. */
    private static double[][] basis(int outputs) {
        double[][] probes = new double[outputs][outputs];
        for (int i = 0; i < outputs; i++) {
            probes[i][i] = 1;
        }
        return probes;
    }

    /** {@code count} seeded random upstream gradients: random signs times magnitudes in [1/2, 3/2), none near 0. */
    private double[][] random(int count, int outputs, long stream) {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ PROBE_SEED ^ stream);
        double[][] probes = new double[count][outputs];
        for (double[] probe : probes) {
            Directions.weighted(random, null, probe, 0, outputs);
        }
        return probes;
    }

    /**
     * The linearity contract: backward(a·dy₁ + b·dy₂) against a·backward(dy₁) + b·backward(dy₂), on
     * the first two probes' gradients (or the first and one more random probe).
     */
    private List<BrokenContract> linearity(double[][] probes, List<GradientCheckReport> reports) {
        double[] dy1 = probes[0];
        double[] g1 = reports.get(0).gradient();
        double[] dy2;
        double[] g2;
        if (probes.length > 1) {
            dy2 = probes[1];
            g2 = reports.get(1).gradient();
        } else {
            dy2 = random(1, dy1.length, 1)[0];
            g2 = backward(dy2, "with a second upstream gradient for the linearity contract");
        }
        double[] mixed = new double[dy1.length];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = A * dy1[i] + B * dy2[i];
        }
        double[] combined = backward(mixed, "with " + Numbers.setting(A) + "·dy₁ " + Numbers.setting(B).replace("-", "− ")
                + "·dy₂ for the linearity contract");
        double tolerance = Math.max(LINEARITY_TOLERANCE, LINEARITY_ROUNDINGS * settings.precision().unitRoundoff());
        double noise = Math.max(reports.get(0).noise(), reports.get(Math.min(1, reports.size() - 1)).noise());
        int worst = -1;
        double worstExcess = 0;
        for (ParameterBlock block : theta.layout().blocks()) {
            // Round-off scales with the terms that make an element, not with the element: one that nearly
            // cancels (a softmax's dx at a saturated input) is held to its block's largest terms.
            double scale = 0;
            for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                scale = Math.max(scale, Math.abs(A * g1[i]) + Math.abs(B * g2[i]));
            }
            for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                // Nor is a defect a finding below what the element checks themselves resolve: σ/εᵢ per gradient.
                double step = settings.step().value() * (settings.step().relative() ? Math.max(Math.abs(original[i]), 1) : 1);
                double resolved = settings.margin() * (Math.abs(A) + Math.abs(B)) * noise / step;
                double excess = Math.abs(combined[i] - (A * g1[i] + B * g2[i])) - Math.max(tolerance * scale, resolved);
                if (excess > 0 && (worst < 0 || excess > worstExcess)) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst < 0) {
            return List.of();
        }
        return List.of(ReportFactory.brokenContract(BrokenContract.Kind.LINEAR_IN_DY, theta.layout().label(worst),
                A * g1[worst] + B * g2[worst], combined[worst], A, B));
    }

    /** The backward pass for {@code dy}, counted and checked as a probe's is, in θ's order. */
    private double[] backward(double[] dy, String where) {
        return GradientLayout.flatten(name + "." + calls.backwardCall() + " " + where, theta.layout(), gradients(dy, where));
    }

    /** The arrays backward returns for {@code dy}, refusing a changed dy, θ or constant, and missing or extra blocks. */
    private ParameterArrays gradients(double[] dy, String where) {
        double[] before = dy.clone();
        double[] point = theta.toVector();
        ParameterArrays arrays;
        try {
            backwardCalls++;
            arrays = layer.backward(inputs, dy);
        } catch (GradientCheckException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new GradientCheckException(name + "." + calls.backwardCall() + " threw " + e + " " + where
                    + ". The inputs and parameters have been restored.", e);
        }
        for (int i = 0; i < dy.length; i++) {
            if (Double.doubleToRawLongBits(dy[i]) != Double.doubleToRawLongBits(before[i])) {
                throw new GradientCheckException(name + "." + calls.backwardCall() + " changed dy[" + i + "] from " + before[i]
                        + " to " + dy[i] + " " + where + "; the upstream gradient belongs to the caller: copy it before"
                        + " working in place");
            }
        }
        requireUnchanged(calls.backward(), where, point);
        constants.requireUnchanged("in " + calls.backwardCall() + " " + where);
        if (arrays == null) {
            throw new GradientCheckException(name + "." + calls.backwardCall() + " returned null " + where + "; it must return one"
                    + " array per differentiable input and per parameter, " + theta.layout().names());
        }
        List<String> expected = theta.layout().names();
        List<String> returned = arrays.layout().names();
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(returned);
        List<String> extra = new ArrayList<>(returned);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new GradientCheckException(name + "." + calls.backwardCall() + " returned the blocks " + returned + ", expected one"
                    + " per differentiable input and per parameter, " + expected
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; not expected " + extra
                    + (extra.stream().anyMatch(inputs.constants()::containsKey) ? " (constant inputs have no gradient)" : "")));
        }
        return arrays;
    }

    /**
     * One report: the probe that failed with the most mismatches, else the one with the largest
     * difference; with the layer's findings and the check's whole duration.
     */
    private GradientCheckReport combined(List<GradientCheckReport> reports, int outputs, boolean wholeJacobian,
                                         List<BrokenContract> broken, long start) {
        int shown = 0;
        int failed = 0;
        int estimated = 0;
        List<JacobianEntry> entries = new ArrayList<>();
        for (int j = 0; j < reports.size(); j++) {
            GradientCheckReport report = reports.get(j);
            GradientCheckReport best = reports.get(shown);
            if (report.noiseEstimated()) {
                estimated++;
            }
            if (!report.passed()) {
                failed++;
                if (wholeJacobian) {
                    for (Offender offender : report.worstOffenders()) {
                        if (offender.failing()) {
                            entries.add(ReportFactory.jacobianEntry(j, offender));
                        }
                    }
                }
            }
            if (report.mismatches() > best.mismatches()
                    || report.mismatches() == best.mismatches() && report.difference() > best.difference()) {
                shown = j;
            }
        }
        LayerResult result = ReportFactory.layerResult(outputs, wholeJacobian, reports.size(), failed, shown, entries, broken,
                forwardCalls, backwardCalls, estimated);
        return ReportFactory.report(reports.get(shown)).layer(result).duration(Duration.ofNanos(System.nanoTime() - start))
                .build();
    }

    private static String nameOf(DifferentiableLayer layer) {
        try {
            String name = layer.name();
            return name == null || name.isBlank() ? ModelNames.of(layer.getClass(), "layer") : name;
        } catch (RuntimeException e) {
            return ModelNames.of(layer.getClass(), "layer");
        }
    }

    /**
     * J = ⟨dy, y⟩ for each probe dy, kept for the two sides of every element from the first forward
     * call there: a column of the Jacobian times every probe, for the price of one call.
     */
    private final class Columns {

        private final double[][] probes;
        private final double[] sides;
        private final long[] movedBits;
        private final boolean[] filled;

        Columns(double[][] probes, int size) {
            this.probes = probes;
            this.sides = new double[2 * size * probes.length];
            this.movedBits = new long[2 * size];
            this.filled = new boolean[2 * size];
        }

        /** ⟨probes[j], y⟩ with flat element {@code index} at {@code moved}, from a kept side or one forward call. */
        double loss(int j, int index, double moved) {
            long bits = Double.doubleToRawLongBits(moved);
            for (int side = 2 * index; side < 2 * index + 2; side++) {
                if (filled[side] && movedBits[side] == bits) {
                    return sides[side * probes.length + j];
                }
            }
            double[] y = forward("at " + theta.layout().label(index) + " = " + moved + " (moved by the check)");
            requireOutputs(y, probes[0].length, "at " + theta.layout().label(index) + " moved by the check");
            int free = !filled[2 * index] ? 2 * index : !filled[2 * index + 1] ? 2 * index + 1 : -1;
            if (free < 0) {
                return dot(probes[j], y);
            }
            filled[free] = true;
            movedBits[free] = bits;
            for (int p = 0; p < probes.length; p++) {
                sides[free * probes.length + p] = dot(probes[p], y);
            }
            return sides[free * probes.length + j];
        }

    }

    /** Fails, naming when, if {@code y} has another number of outputs than the layer gave at the given inputs. */
    private void requireOutputs(double[] y, int outputs, String where) {
        if (y.length != outputs) {
            throw new GradientCheckException(name + "." + calls.forwardCall() + " returned " + y.length + " outputs " + where
                    + ", but " + outputs + " at the given inputs; the number of outputs must not depend on the values."
                    + " The inputs and parameters have been restored.");
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The layer as the scalar model J = ⟨dy, f(x; W)⟩ of one probe dy, over inputs and parameters as θ. */
    private final class Probe implements DifferentiableModel, ProbedModel {

        private final int index;
        private final double[] dy;
        private final Columns columns;

        Probe(int index, double[] dy, Columns columns) {
            this.index = index;
            this.dy = dy;
            this.columns = columns;
        }

        @Override
        public ParameterArrays parameters() {
            return theta;
        }

        @Override
        public double loss() {
            double[] y = forward("for probe " + index);
            requireOutputs(y, dy.length, "for probe " + index);
            return dot(dy, y);
        }

        @Override
        public double loss(int element, double moved) {
            return columns.loss(index, element, moved);
        }

        @Override
        public ParameterArrays gradient() {
            return gradients(dy, "for probe " + index);
        }

        @Override
        public String lossCall() {
            return name + "." + calls.forwardCall();
        }

        @Override
        public String gradientCall() {
            return name + "." + calls.backwardCall();
        }

        @Override
        public String name() {
            return name;
        }
    }
}
