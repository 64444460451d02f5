package io.github.gradcheck.internal.engine;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.internal.format.Numbers;
import java.util.List;

/**
 * Every call the check makes into the user's model, counted, with the model's exceptions and
 * non-finite results turned into a {@link GradientCheckException} that says where they happened.
 */
final class ModelCalls {

    private final DifferentiableModel model;
    /**
     * The model as a {@link ProbedModel}, or null: asked once here, not at each of a million loss
     * evaluations, where {@code instanceof} an interface the model does not implement scans the
     * model class's list of supertypes on every call (HotSpot up to JDK 22 caches only the answers that are yes).
     */
    private final ProbedModel probed;
    private final String name;
    private long lossEvaluations;
    private long gradientEvaluations;

    ModelCalls(DifferentiableModel model) {
        this.model = model;
        this.probed = model instanceof ProbedModel layer ? layer : null;
        this.name = nameOf(model);
    }

    String name() {
        return name;
    }

    long lossEvaluations() {
        return lossEvaluations;
    }

    long gradientEvaluations() {
        return gradientEvaluations;
    }

    ParameterArrays parameters() {
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

    /**
     * J with element {@code k} of {@code block} moved by {@code step} (e.g. "+ ε", "− 2ε") to
     * {@code moved}; a model that can answer from what it computed before ({@link ProbedModel}) is
     * asked by element and value.
     */
    double loss(ParameterBlock block, int k, double moved, String step, double epsilon) {
        return loss(block, k, moved, step, epsilon, null);
    }

    /** J at a point described by {@code where}, e.g. "at the unperturbed parameters". */
    double loss(String where) {
        return loss(null, 0, 0, null, 0, where);
    }

    private double loss(ParameterBlock block, int k, double moved, String step, double epsilon, String where) {
        double loss;
        try {
            lossEvaluations++;
            loss = block != null && probed != null ? probed.loss(block.offset() + k, moved) : model.loss();
        } catch (GradientCheckException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new GradientCheckException(name + ".loss() threw " + describe(e) + " "
                    + where(block, k, step, epsilon, where) + ". The parameters have been restored.", e);
        }
        if (!Double.isFinite(loss)) {
            throw new GradientCheckException("the loss of " + name + " is " + loss + " "
                    + where(block, k, step, epsilon, where)
                    + "; a gradient check needs a finite loss within ε of the checked point"
                    + " (look for log(0), 0/0 or overflow). The parameters have been restored.");
        }
        return loss;
    }

    /**
     * The refusal for a model whose {@code call} ("loss" or "gradient") changed element {@code i}
     * from {@code before} (the value the check had written, or found) to {@code after}: such a
     * model is never evaluated at the point the check thinks, so no quotient of it means anything.
     */
    GradientCheckException changedParameter(String call, ParameterLayout layout, int i, double before, double after,
                                            String where) {
        if (probed != null) {
            boolean input = layout.blockContaining(i).isInput();
            return new GradientCheckException((call.equals("loss") ? probed.lossCall() : probed.gradientCall()) + " changed "
                    + (input ? "input " : "parameter ") + layout.label(i) + " (flat index " + i + ") from " + before + " to "
                    + after + " when called " + where + "; a layer's passes must leave their inputs and parameters as they"
                    + " find them" + (input ? " (an in-place operation writes into its input: work on a copy)" : "")
                    + ". All inputs and parameters have been restored.");
        }
        return new GradientCheckException(name + "." + call + "() changed parameter " + layout.label(i) + " (flat index "
                + i + ") from " + before + " to " + after + " when called " + where + "; loss() and gradient() must"
                + " leave the parameters as they find them: an optimizer step, weight decay or clipping belongs"
                + " outside them. All parameters have been restored.");
    }

    /** Where element {@code k} of {@code block} is moved by {@code step}, e.g. "at W[0,2] + ε (flat index 2, ε = 1e-7)". */
    static String where(ParameterBlock block, int k, String step, double epsilon) {
        return where(block, k, step, epsilon, null);
    }

    private static String where(ParameterBlock block, int k, String step, double epsilon, String where) {
        return block == null ? where
                : "at " + block.label(k) + " " + step + " (flat index " + (block.offset() + k) + ", ε = "
                        + Numbers.rounded(epsilon) + ")";
    }

    /** The analytic gradient in θ's order, checked to fit {@code layout} and to be finite. */
    double[] gradient(ParameterLayout layout) {
        return gradient(layout, gradientArrays(layout));
    }

    /**
     * The analytic gradient at flat indices {@code indices} only, checked as {@link #gradient} checks
     * all of it; read from the model's own arrays where they are laid out as θ, so that a gradient
     * evaluated off θ for a few elements copies none of it.
     */
    double[] gradientAt(ParameterLayout layout, List<Integer> indices) {
        ParameterArrays arrays = gradientArrays(layout);
        double[] values = new double[indices.size()];
        if (!arrays.layout().equals(layout)) {
            double[] gradient = gradient(layout, arrays);
            for (int m = 0; m < values.length; m++) {
                values[m] = gradient[indices.get(m)];
            }
            return values;
        }
        ParameterAccess access = ParameterAccess.get();
        List<ParameterBlock> blocks = layout.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            for (int k = 0; k < blocks.get(b).size(); k++) {
                requireFinite(layout, blocks.get(b).offset() + k, access.get(arrays, b, k));
            }
        }
        for (int m = 0; m < values.length; m++) {
            ParameterBlock block = layout.blockContaining(indices.get(m));
            values[m] = access.get(arrays, blocks.indexOf(block), indices.get(m) - block.offset());
        }
        return values;
    }

    /**
     * The analytic gradient evaluated again, checked as {@link #gradient} checks it, and compared with
     * {@code first} where it is read from the model's own arrays (where they are laid out as θ): null
     * where the two agree, their largest difference within {@code tolerance} times their largest
     * |element|, else the second gradient in θ's order. A deterministic gradient of a million
     * parameters is then compared without a second copy of it (8 bytes per parameter).
     */
    double[] gradientUnlessAlike(ParameterLayout layout, double[] first, double tolerance) {
        ParameterArrays arrays = gradientArrays(layout);
        if (!arrays.layout().equals(layout)) {
            return gradient(layout, arrays);
        }
        ParameterAccess access = ParameterAccess.get();
        if (access.firstDifference(arrays, first) < 0) {
            return null; // the same bits as the first, which was checked to be finite
        }
        List<ParameterBlock> blocks = layout.blocks();
        double difference = 0;
        double largest = 0;
        for (int b = 0; b < blocks.size(); b++) {
            int offset = blocks.get(b).offset();
            for (int k = 0; k < blocks.get(b).size(); k++) {
                double value = access.get(arrays, b, k);
                requireFinite(layout, offset + k, value);
                difference = Math.max(difference, Math.abs(first[offset + k] - value));
                largest = Math.max(largest, Math.max(Math.abs(first[offset + k]), Math.abs(value)));
            }
        }
        return difference <= tolerance * largest ? null : gradient(layout, arrays);
    }

    private double[] gradient(ParameterLayout layout, ParameterArrays arrays) {
        double[] gradient = GradientLayout.flatten(gradientCall(), layout, arrays);
        for (int i = 0; i < gradient.length; i++) {
            requireFinite(layout, i, gradient[i]);
        }
        return gradient;
    }

    private String gradientCall() {
        return probed != null ? probed.gradientCall() : name + ".gradient()";
    }

    private ParameterArrays gradientArrays(ParameterLayout layout) {
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
        return arrays;
    }

    private void requireFinite(ParameterLayout layout, int i, double value) {
        if (!Double.isFinite(value)) {
            throw new GradientCheckException("the analytic gradient of " + name + " is " + value + " at "
                    + layout.label(i) + " (flat index " + i + "); backpropagation produced a non-finite value."
                    + " The parameters have been restored.");
        }
    }

    int batchSize() {
        try {
            return model.batchSize();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getName() + (message == null ? "" : " (" + message + ")");
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
