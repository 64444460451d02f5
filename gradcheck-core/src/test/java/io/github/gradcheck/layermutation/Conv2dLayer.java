package io.github.gradcheck.layermutation;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * A 2-D convolution, stride 1, zero padding 1, over one image x[C_in, H, W] with a kernel
 * K[C_out, C_in, 3, 3] and a bias b[C_out]: y[o, r, c] = b[o] + Σ K[o, i, u, v] x[i, r + u − 1, c + v − 1].
 */
final class Conv2dLayer implements SuiteLayer {

    enum Bug {
        NONE,
        /** dx as a correlation of dy with K, i.e. the kernel not flipped: dx[i, r, c] = Σ dy[o, r + u − 1, c + v − 1] K[o, i, u, v]. */
        DX_KERNEL_NOT_FLIPPED,
        /** dx reads K[i, o] instead of K[o, i]: input and output channels swapped. */
        DX_CHANNELS_SWAPPED,
        /** dx placed at r + u, c + v: the padding forgotten in the backward pass. */
        DX_PADDING_FORGOTTEN,
        /** One element of dx, x[1, 2, 1], scaled by 1.5. */
        DX_ONE_ELEMENT,
        /** dK[o, i, u, v] taken at the spatially flipped position [2 − u, 2 − v]. */
        DK_SPATIALLY_FLIPPED,
        /** db averaged over the H·W positions instead of summed. */
        DB_AVERAGED_OVER_POSITIONS,
        /** One element of dK, K[1, 0, 2, 1], scaled by 1.5. */
        DK_ONE_ELEMENT
    }

    static final int IN = 2;
    static final int OUT = 2;
    static final int H = 4;
    static final int W = 4;
    static final int SIZE = 3;
    static final int PAD = 1;
    /** The flat index of x[1, 2, 1], the element {@link Bug#DX_ONE_ELEMENT} gets wrong. */
    static final int DX_ELEMENT = (1 * H + 2) * W + 1;
    /** The flat index of K[1, 0, 2, 1], the element {@link Bug#DK_ONE_ELEMENT} gets wrong. */
    static final int DK_ELEMENT = ((1 * IN) * SIZE + 2) * SIZE + 1;

    final double[] x;
    final double[] kernel;
    final double[] bias;
    private final Bug bug;

    Conv2dLayer(long seed, LayerVariant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = variant == LayerVariant.HARD_INPUTS ? 1e3 : 1;
        x = Draws.uniform(random, IN * H * W, -scale, scale);
        kernel = Draws.uniform(random, OUT * IN * SIZE * SIZE, -0.5, 0.5);
        bias = Draws.uniform(random, OUT, -0.5 * scale, 0.5 * scale);
        this.bug = bug;
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x, IN, H, W).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("K", kernel, OUT, IN, SIZE, SIZE).add("b", bias).build();
    }

    static int k(int o, int i, int u, int v) {
        return ((o * IN + i) * SIZE + u) * SIZE + v;
    }

    static int at(int channel, int r, int c) {
        return (channel * H + r) * W + c;
    }

    static boolean inside(int r, int c) {
        return r >= 0 && r < H && c >= 0 && c < W;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[] image = inputs.vector("x");
        double[] y = new double[OUT * H * W];
        for (int o = 0; o < OUT; o++) {
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    double sum = bias[o];
                    for (int i = 0; i < IN; i++) {
                        for (int u = 0; u < SIZE; u++) {
                            for (int v = 0; v < SIZE; v++) {
                                int rr = r + u - PAD;
                                int cc = c + v - PAD;
                                if (inside(rr, cc)) {
                                    sum += kernel[k(o, i, u, v)] * image[at(i, rr, cc)];
                                }
                            }
                        }
                    }
                    y[at(o, r, c)] = sum;
                }
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[] image = inputs.vector("x");
        double[] dx = new double[image.length];
        double[] dk = new double[kernel.length];
        double[] db = new double[OUT];
        for (int o = 0; o < OUT; o++) {
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    double g = dy[at(o, r, c)];
                    db[o] += bug == Bug.DB_AVERAGED_OVER_POSITIONS ? g / (H * W) : g;
                    for (int i = 0; i < IN; i++) {
                        for (int u = 0; u < SIZE; u++) {
                            for (int v = 0; v < SIZE; v++) {
                                int rr = r + u - PAD;
                                int cc = c + v - PAD;
                                if (inside(rr, cc)) {
                                    int ku = bug == Bug.DK_SPATIALLY_FLIPPED ? SIZE - 1 - u : u;
                                    int kv = bug == Bug.DK_SPATIALLY_FLIPPED ? SIZE - 1 - v : v;
                                    dk[k(o, i, ku, kv)] += g * image[at(i, rr, cc)];
                                }
                                addInputGradient(dx, dy, o, i, r, c, u, v);
                            }
                        }
                    }
                }
            }
        }
        if (bug == Bug.DX_ONE_ELEMENT) {
            dx[DX_ELEMENT] *= 1.5;
        }
        if (bug == Bug.DK_ONE_ELEMENT) {
            dk[DK_ELEMENT] *= 1.5;
        }
        return ParameterArrays.builder().add("x", dx, IN, H, W).add("K", dk, OUT, IN, SIZE, SIZE).add("b", db).build();
    }

    /** The contribution of output (o, r, c) through kernel tap (u, v) of channel i to dx, as the bug has it. */
    private void addInputGradient(double[] dx, double[] dy, int o, int i, int r, int c, int u, int v) {
        switch (bug) {
            case DX_KERNEL_NOT_FLIPPED -> {
                // dx[i, r, c] += dy[o, r + u − 1, c + v − 1] K[o, i, u, v]: the forward pass's correlation again.
                int rr = r + u - PAD;
                int cc = c + v - PAD;
                if (inside(rr, cc)) {
                    dx[at(i, r, c)] += dy[at(o, rr, cc)] * kernel[k(o, i, u, v)];
                }
            }
            case DX_CHANNELS_SWAPPED -> {
                int rr = r + u - PAD;
                int cc = c + v - PAD;
                if (inside(rr, cc)) {
                    dx[at(i, rr, cc)] += dy[at(o, r, c)] * kernel[k(i, o, u, v)];
                }
            }
            case DX_PADDING_FORGOTTEN -> {
                int rr = r + u;
                int cc = c + v;
                if (inside(rr, cc)) {
                    dx[at(i, rr, cc)] += dy[at(o, r, c)] * kernel[k(o, i, u, v)];
                }
            }
            default -> {
                int rr = r + u - PAD;
                int cc = c + v - PAD;
                if (inside(rr, cc)) {
                    dx[at(i, rr, cc)] += dy[at(o, r, c)] * kernel[k(o, i, u, v)];
                }
            }
        }
    }
}
