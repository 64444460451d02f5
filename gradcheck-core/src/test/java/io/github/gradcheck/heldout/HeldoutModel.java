package io.github.gradcheck.heldout;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the held-out models: parameters kept in flat row-major arrays by block name, a loss
 * J = scale · rawLoss(), and a gradient scale · rawGradient() with optional planted bugs.
 *
 * <p>Bugs come in two kinds: an internal one, named by {@link #bug}, that the model's own backward
 * pass consults (realistic slips), and a "post" one applied to the finished gradient of one block
 * (a sign, a zeroed block, a constant factor, one wrong element).
 */
abstract class HeldoutModel implements DifferentiableModel {

    private final LinkedHashMap<String, double[]> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, int[]> shapes = new LinkedHashMap<>();
    final long seed;
    final String variant;
    final int examples;
    /** J = scale · rawLoss(). */
    double scale = 1;
    /** Whether the loss is a sum (batchSize() then reports 0). */
    boolean summed;
    /** Internal bug id; "" for the correct backward pass. */
    String bug = "";
    /** Post bug: "sign", "zero", "factor", "element" or null. */
    String postOp;
    String postBlock;
    double postValue;

    HeldoutModel(long seed, String variant, int examples) {
        this.seed = seed;
        this.variant = variant;
        this.examples = examples;
    }

    protected final double[] param(String name, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] a = new double[n];
        params.put(name, a);
        shapes.put(name, shape.clone());
        return a;
    }

    final Map<String, double[]> params() {
        return params;
    }

    final Map<String, int[]> shapes() {
        return shapes;
    }

    protected abstract double rawLoss();

    /** The gradient of rawLoss(), block by block (fresh arrays), honouring {@link #bug}. */
    protected abstract Map<String, double[]> rawGradient();

    protected final Map<String, double[]> zerosLike() {
        Map<String, double[]> g = new LinkedHashMap<>();
        params.forEach((k, v) -> g.put(k, new double[v.length]));
        return g;
    }

    protected final boolean bug(String id) {
        return bug.equals(id);
    }

    @Override
    public ParameterArrays parameters() {
        return build(params);
    }

    private ParameterArrays build(Map<String, double[]> arrays) {
        ParameterArrays.Builder b = ParameterArrays.builder();
        for (Map.Entry<String, double[]> e : arrays.entrySet()) {
            b.add(e.getKey(), e.getValue(), shapes.get(e.getKey()));
        }
        return b.build();
    }

    @Override
    public double loss() {
        return scale * rawLoss();
    }

    /** The gradient under test as blocks. */
    final Map<String, double[]> gradientMap() {
        Map<String, double[]> g = rawGradient();
        for (double[] a : g.values()) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= scale;
            }
        }
        if (postOp != null) {
            double[] a = g.get(postBlock);
            switch (postOp) {
                case "sign" -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = -a[i];
                    }
                }
                case "zero" -> java.util.Arrays.fill(a, 0.0);
                case "factor" -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] *= postValue;
                    }
                }
                case "element" -> {
                    double rms = 0;
                    for (double v : a) {
                        rms += v * v;
                    }
                    rms = Math.sqrt(rms / a.length);
                    a[(int) postValue] += 0.3 * rms;
                }
                default -> throw new IllegalStateException(postOp);
            }
        }
        return g;
    }

    @Override
    public ParameterArrays gradient() {
        return build(gradientMap());
    }

    @Override
    public int batchSize() {
        return summed ? 0 : examples;
    }

    @Override
    public String name() {
        return getClass().getSimpleName() + "[" + variant + ", seed " + seed + (bug.isEmpty() && postOp == null ? "" : ", bug") + "]";
    }

    /** Makes J a sum scaled to about 1e6 in magnitude (the "loss summed over a big batch" form). */
    final void scaleLossTo(double target) {
        double raw = rawLoss();
        scale = target / Math.abs(raw);
        summed = true;
    }

    final void scaleAllParameters(double factor) {
        for (double[] a : params.values()) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= factor;
            }
        }
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    static double dot(double[] w, int row, int cols, double[] x) {
        double s = 0;
        for (int k = 0; k < cols; k++) {
            s += w[row * cols + k] * x[k];
        }
        return s;
    }
}
