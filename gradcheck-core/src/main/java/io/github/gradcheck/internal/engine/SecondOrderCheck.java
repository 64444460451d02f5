package io.github.gradcheck.internal.engine;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableLayer;
import io.github.gradcheck.TwiceDifferentiableModel;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The second-order checks, as layer checks: the gradient g(θ) is a vector-valued function of θ
 * whose vector-Jacobian product with v is Hᵀv = H·v (H symmetric), so "forward = gradient,
 * backward(v) = H·v" is a layer, and {@link LayerCheck} checks it with everything it has: each
 * element of θ moved by ±ε once, the whole gradient kept from each move (a column of H), ⟨v, g⟩
 * differenced per element for every probe v (seeded random, or the basis vectors, which check H
 * whole), the noise of ⟨v, g⟩ measured and the steps chosen for it, kinks, second looks, Taylor
 * tests, and the contracts (linear in v, no writes, a deterministic gradient).
 *
 * <p>Each element's difference is compared with the user's (H·v)ᵢ, so any H·v that is not the
 * true Hessian times v is caught, whether the user's matrix is wrong, asymmetric or transposed:
 * the numeric side is built from columns of the true Jacobian of g, never from the user's H.
 *
 * <p>The gradient is checked first, by the first-order check with the same settings. If it fails,
 * the second-order code is not compared (its numeric side would be differences of a wrong
 * gradient) and the report is the gradient's, with a warning that says so.
 */
public final class SecondOrderCheck {

    private static final ParameterAccess ACCESS = ParameterAccess.get();
    /** The seed's offset for a layer's fixed upstream gradient, apart from the probes' own. */
    private static final long UPSTREAM_SEED = 0x2D0BL;

    private SecondOrderCheck() {
    }

    /**
     * Checks {@code model}'s gradient, then, if it passes, its Hessian-vector product.
     *
     * @param model the model
     * @param settings the settings, for both checks
     * @param forFloats the settings where a parameter holds floats and nobody chose a precision (null: {@code settings})
     * @return the second-order report, or the gradient's failed report with a warning
     */
    public static GradientCheckReport run(TwiceDifferentiableModel model, CheckSettings settings, CheckSettings forFloats) {
        GradientCheckReport gradientCheck = NumericCheck.run(model, settings, forFloats);
        settings = gradientCheck.settings();
        String name = gradientCheck.modelName();
        if (!gradientCheck.passed()) {
            return refused(gradientCheck, name + ".gradient()", "Hessian-vector product");
        }
        ParameterArrays parameters = LayerCheck.parametersOf(model::parameters, name);
        DifferentiableLayer gradient = new GradientOfModel(model, parameters, name);
        // The model is the layer's one (constant) input: a layer check needs one, and the model has no other.
        LayerInputs none = LayerInputs.builder().constant("model", model).build();
        GradientCheckReport compared = LayerCheck.run(gradient, none, settings,
                new LayerCheck.Calls("gradient", "", "hessianVectorProduct", "v"));
        return ReportFactory.report(compared).secondOrder(ReportFactory.secondOrderResult(gradientCheck, true)).build();
    }

    /**
     * Checks {@code layer}'s backward pass, then, if it passes, its double backward at a seeded
     * random upstream gradient dy.
     *
     * @param layer the layer
     * @param inputs its inputs
     * @param settings the settings, for both checks
     * @param forFloats the settings where an input or parameter holds floats and nobody chose a precision (null: {@code settings})
     * @return the second-order report, or the backward pass's failed report with a warning
     */
    public static GradientCheckReport run(TwiceDifferentiableLayer layer, LayerInputs inputs, CheckSettings settings,
                                          CheckSettings forFloats) {
        GradientCheckReport gradientCheck = LayerCheck.run(layer, inputs, settings, forFloats);
        settings = gradientCheck.settings();
        String name = gradientCheck.modelName();
        if (!gradientCheck.passed()) {
            return refused(gradientCheck, name + ".backward(inputs, dy)", "double backward");
        }
        int outputs = gradientCheck.layer().orElseThrow().outputs();
        double[] dy = new double[outputs];
        Directions.weighted(new SplittableRandom(settings.seed() ^ UPSTREAM_SEED), null, dy, 0, outputs);
        ParameterArrays parameters = LayerCheck.parametersOf(layer::parameters, name);
        ParameterLayout theta = ACCESS.concat(inputs.differentiable(), parameters).layout();
        DifferentiableLayer backward = new BackwardOfLayer(layer, parameters, theta, dy, name);
        GradientCheckReport compared = LayerCheck.run(backward, inputs, settings,
                new LayerCheck.Calls("backward", "inputs, dy", "doubleBackward", "inputs, dy, v"));
        return ReportFactory.report(compared).secondOrder(ReportFactory.secondOrderResult(gradientCheck, true)).build();
    }

    /** The gradient's failed report, marked as not compared, with the warning that says why. */
    private static GradientCheckReport refused(GradientCheckReport gradientCheck, String gradientCall, String secondOrder) {
        List<String> warnings = new ArrayList<>();
        warnings.add("the gradient fails its own check (" + gradientCheck.mismatches() + " mismatching element"
                + (gradientCheck.mismatches() == 1 ? "" : "s")
                + (gradientCheck.layer().map(l -> l.brokenContracts().isEmpty() ? "" : ", " + l.brokenContracts().size()
                + " broken contract(s)").orElse("")) + "), so the " + secondOrder + " was not compared: its numeric"
                + " side would be differences of this wrong gradient, and neither a pass nor a failure would mean"
                + " anything. Fix " + gradientCall + " first; this report is its check.");
        warnings.addAll(gradientCheck.warnings());
        return ReportFactory.report(gradientCheck).warnings(warnings)
                .secondOrder(ReportFactory.secondOrderResult(gradientCheck, false)).build();
    }

    /** The gradient as the output of a layer without inputs, over the model's parameters. */
    private static final class GradientOfModel implements DifferentiableLayer {

        private final TwiceDifferentiableModel model;
        private final ParameterArrays parameters;
        private final String name;

        GradientOfModel(TwiceDifferentiableModel model, ParameterArrays parameters, String name) {
            this.model = model;
            this.parameters = parameters;
            this.name = name;
        }

        @Override
        public ParameterArrays parameters() {
            return parameters;
        }

        @Override
        public double[] forward(LayerInputs inputs) {
            ParameterArrays gradient = model.gradient();
            if (gradient == null) {
                throw new GradientCheckException(name + ".gradient() returned null; it must return one array per"
                        + " parameter block " + parameters.layout().names());
            }
            return GradientLayout.flatten(name + ".gradient()", parameters.layout(), gradient);
        }

        @Override
        public ParameterArrays backward(LayerInputs inputs, double[] v) {
            return model.hessianVectorProduct(ParameterVector.of(parameters.layout(), v));
        }

        @Override
        public String name() {
            return name;
        }
    }

    /** x ↦ backward(x, dy) for a fixed dy, over the layer's differentiable inputs and parameters. */
    private static final class BackwardOfLayer implements DifferentiableLayer {

        private final TwiceDifferentiableLayer layer;
        private final ParameterArrays parameters;
        private final ParameterLayout theta;
        private final double[] dy;
        private final String name;

        BackwardOfLayer(TwiceDifferentiableLayer layer, ParameterArrays parameters, ParameterLayout theta, double[] dy,
                        String name) {
            this.layer = layer;
            this.parameters = parameters;
            this.theta = theta;
            this.dy = dy;
            this.name = name;
        }

        @Override
        public ParameterArrays parameters() {
            return parameters;
        }

        @Override
        public double[] forward(LayerInputs inputs) {
            ParameterArrays gradients = layer.backward(inputs, dy.clone());
            if (gradients == null) {
                throw new GradientCheckException(name + ".backward(inputs, dy) returned null; it must return one array"
                        + " per differentiable input and per parameter, " + theta.names());
            }
            return GradientLayout.flatten(name + ".backward(inputs, dy)", theta, gradients);
        }

        @Override
        public ParameterArrays backward(LayerInputs inputs, double[] v) {
            return layer.doubleBackward(inputs, dy.clone(), ParameterVector.of(theta, v));
        }

        @Override
        public String name() {
            return name;
        }
    }
}
