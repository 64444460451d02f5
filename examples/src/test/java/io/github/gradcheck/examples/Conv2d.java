package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;

/**
 * A 2-D convolution with stride 1 and zero padding over one image x[C_in][H][W], held row-major
 * in a flat array: y[o][r][c] = b[o] + Σ K[o][i][u][v] · x[i][r + u − pad][c + v − pad].
 *
 * <p>Backward: db[o] = Σ dy[o], dK[o][i][u][v] = Σ dy[o][r][c] · x[i][r + u − pad][c + v − pad],
 * and dx is the "full" convolution of dy with the flipped kernel: each dy[o][r][c] goes back to
 * the inputs it was computed from, dx[i][r + u − pad][c + v − pad] += dy[o][r][c] · K[o][i][u][v].
 */
public final class Conv2d implements DifferentiableLayer {

    final double[] kernel;
    final double[] bias;
    private final int in;
    private final int out;
    private final int size;
    private final int pad;
    private final boolean kernelNotFlippedInDx;

    public Conv2d(double[] kernel, double[] bias, int in, int size, int pad) {
        this(kernel, bias, in, size, pad, false);
    }

    private Conv2d(double[] kernel, double[] bias, int in, int size, int pad, boolean kernelNotFlippedInDx) {
        this.kernel = kernel;
        this.bias = bias;
        this.in = in;
        this.out = bias.length;
        this.size = size;
        this.pad = pad;
        this.kernelNotFlippedInDx = kernelNotFlippedInDx;
    }

    /**
     * A planted bug: dx computed as the forward pass's correlation again, dx[i][r][c] = Σ dy[o][r + u − pad][c + v − pad]
     * · K[o][i][u][v], i.e. with the kernel not flipped.
     */
    public static Conv2d withKernelNotFlippedInDx(double[] kernel, double[] bias, int in, int size, int pad) {
        return new Conv2d(kernel, bias, in, size, pad, true);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("K", kernel, out, in, size, size).add("b", bias).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[] x = inputs.vector("x");
        int[] shape = inputs.shape("x");
        int h = shape[1];
        int w = shape[2];
        double[] y = new double[out * h * w];
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double sum = bias[o];
                    for (int i = 0; i < in; i++) {
                        for (int u = 0; u < size; u++) {
                            for (int v = 0; v < size; v++) {
                                int rr = r + u - pad;
                                int cc = c + v - pad;
                                if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                                    sum += kernel[((o * in + i) * size + u) * size + v] * x[(i * h + rr) * w + cc];
                                }
                            }
                        }
                    }
                    y[(o * h + r) * w + c] = sum;
                }
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[] x = inputs.vector("x");
        int[] shape = inputs.shape("x");
        int h = shape[1];
        int w = shape[2];
        double[] dx = new double[x.length];
        double[] dk = new double[kernel.length];
        double[] db = new double[out];
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double g = dy[(o * h + r) * w + c];
                    db[o] += g;
                    for (int i = 0; i < in; i++) {
                        for (int u = 0; u < size; u++) {
                            for (int v = 0; v < size; v++) {
                                int rr = r + u - pad;
                                int cc = c + v - pad;
                                if (rr < 0 || rr >= h || cc < 0 || cc >= w) {
                                    continue;
                                }
                                double k = kernel[((o * in + i) * size + u) * size + v];
                                dk[((o * in + i) * size + u) * size + v] += g * x[(i * h + rr) * w + cc];
                                if (kernelNotFlippedInDx) {
                                    dx[(i * h + r) * w + c] += dy[(o * h + rr) * w + cc] * k;
                                } else {
                                    dx[(i * h + rr) * w + cc] += g * k;
                                }
                            }
                        }
                    }
                }
            }
        }
        return ParameterArrays.builder().add("x", dx, in, h, w).add("K", dk, out, in, size, size).add("b", db).build();
    }
}
