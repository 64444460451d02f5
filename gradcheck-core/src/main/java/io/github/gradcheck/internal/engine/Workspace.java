package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.Precision;
import java.util.List;

/**
 * Where loss evaluations happen: one model's live parameter arrays and the counted calls into it.
 * A check has one per thread; each perturbs only its own arrays.
 *
 * <p>Every value written is one the block can hold: θᵢ + h is rounded to float in a float block
 * before it is written, and the quotients use the step actually taken, fl(θᵢ + h) − θᵢ. A float
 * element read as a double and written back is the same float, so restoring θ is exact.
 */
final class Workspace {

    private static final ParameterAccess ACCESS = ParameterAccess.get();

    private final ParameterArrays parameters;
    private final ModelCalls calls;
    /** Whether each block holds floats, asked once: every element's step asks again. */
    private final boolean[] floats;
    /**
     * The double[] each block lives in (null where it lives elsewhere) and where its element 0 is,
     * asked once: an element written and read through them costs no look-up and no interface call,
     * which at a cheap loss is a good part of what a look costs besides the loss.
     */
    private final double[][] arrays;
    private final int[] arrayOffsets;

    Workspace(ParameterArrays parameters, ModelCalls calls) {
        this.parameters = parameters;
        this.calls = calls;
        int blocks = parameters.layout().blocks().size();
        this.floats = new boolean[blocks];
        this.arrays = new double[blocks][];
        this.arrayOffsets = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            floats[b] = ACCESS.precision(parameters, b) == Precision.FLOAT;
            arrays[b] = ACCESS.array(parameters, b);
            arrayOffsets[b] = arrays[b] == null ? 0 : ACCESS.arrayOffset(parameters, b);
        }
    }

    /**
     * A block held in a double[] (element at flat index i at {@code data[at + i]}) moved along a
     * direction kept in an array: written and read back straight, without two interface calls per
     * element, which at a million elements is most of what a move costs.
     */
    private record Straight(double[] data, int at, double[] components, int shift) {
        double component(int i) {
            return components[i - shift];
        }
    }

    /** Block b along {@code direction} as a {@link Straight}, or null where either is not held in an array. */
    private Straight straight(int b, ParameterBlock block, Direction direction) {
        if (arrays[b] == null || !(direction instanceof Direction.Kept kept)) {
            return null;
        }
        return new Straight(arrays[b], arrayOffsets[b] - block.offset(), kept.components(), kept.from());
    }

    /** Element k of block b. */
    private double get(int b, int k) {
        double[] data = arrays[b];
        return data != null ? data[arrayOffsets[b] + k] : ACCESS.get(parameters, b, k);
    }

    /** Writes element k of block b. */
    private void set(int b, int k, double value) {
        double[] data = arrays[b];
        if (data != null) {
            data[arrayOffsets[b] + k] = value;
        } else {
            ACCESS.set(parameters, b, k, value);
        }
    }

    ParameterArrays parameters() {
        return parameters;
    }

    ModelCalls calls() {
        return calls;
    }

    /**
     * The loss with element k of block b moved from {@code value} by {@code h}, labelled for messages
     * (e.g. "+ 2ε"), and the step actually taken: see {@link #moved} and {@link #lossAt}.
     */
    Side side(int b, ParameterBlock block, int k, double value, double h, String label) {
        double moved = moved(b, value, h);
        return new Side(lossAt(b, block, k, value, moved, label, h), moved - value);
    }

    /**
     * Where element k of block b goes when moved from {@code value} by {@code h}: value + h rounded to
     * what the block holds, and never {@code value} itself (a step that rounds away becomes one unit in
     * the last place of {@code value}, in h's direction). The step actually taken is the result minus
     * {@code value}.
     */
    double moved(int b, double value, double h) {
        boolean floats = holdsFloats(b);
        double moved = nearest(floats, value + h);
        if (moved == value) {
            moved = floats ? (h > 0 ? Math.nextUp((float) value) : Math.nextDown((float) value))
                    : (h > 0 ? Math.nextUp(value) : Math.nextDown(value));
        }
        return moved;
    }

    /**
     * The loss with element k of block b written as {@code moved} (from {@link #moved}) and then
     * restored to {@code value}; labelled for messages with the step asked for, {@code h}. Two
     * primitives rather than a {@link Side}, so that the first look at each of a million elements
     * allocates nothing. The element is read back before it is restored: a loss() that wrote it
     * (clipped it to a bound, decayed it) was not evaluated where the quotient assumes, and is refused.
     */
    double lossAt(int b, ParameterBlock block, int k, double value, double moved, String label, double h) {
        try {
            set(b, k, moved);
            double loss = calls.loss(block, k, moved, label, Math.abs(h));
            if (changed(b, k, moved)) {
                throw calls.changedParameter("loss", parameters.layout(), block.offset() + k, moved, get(b, k),
                        ModelCalls.where(block, k, label, Math.abs(h)));
            }
            return loss;
        } finally {
            set(b, k, value);
        }
    }

    /**
     * The loss at θ + t·direction over flat indices {@code [from, to)} (from the original values,
     * each rounded to what its block holds), called {@code where}; every element written is read
     * back after it, as in {@link #side}. The caller restores θ.
     */
    double loss(double[] original, double[] direction, double t, int from, int to, String where) {
        return loss(original, Direction.of(direction), t, from, to, where);
    }

    /** {@link #loss(double[], double[], double, int, int, String)} along a direction walked twice: to move θ and to read it back. */
    double loss(double[] original, Direction direction, double t, int from, int to, String where) {
        move(original, direction, t, from, to);
        double loss = calls.loss(where);
        List<ParameterBlock> blocks = parameters.layout().blocks();
        Direction.Walk walk = direction.walk();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int first = Math.max(from, block.offset());
            int last = Math.min(to, block.offset() + block.size());
            Straight straight = straight(b, block, direction);
            if (straight != null) {
                // The same values as the walk below, read from the block's array itself.
                for (int i = first; i < last; i++) {
                    double written = original[i] + t * straight.component(i);
                    if (Double.doubleToRawLongBits(straight.data[straight.at + i]) != Double.doubleToRawLongBits(written)) {
                        requireWritten(b, i, written, where);
                    }
                }
                continue;
            }
            boolean floats = holdsFloats(b);
            for (int i = first; i < last; i++) {
                requireWritten(b, i, nearest(floats, original[i] + t * walk.next(i)), where);
            }
        }
        return loss;
    }

    /** Whether element k of block b is no longer, bit for bit, {@code written}. */
    private boolean changed(int b, int k, double written) {
        return Double.doubleToRawLongBits(get(b, k)) != Double.doubleToRawLongBits(written);
    }

    /**
     * Refuses a loss() that wrote flat index i of block b (clipped it, decayed it): it was not
     * evaluated at {@code written}, where the caller put it, called {@code where}.
     */
    private void requireWritten(int b, int i, double written, String where) {
        int k = i - parameters.layout().blocks().get(b).offset();
        if (changed(b, k, written)) {
            throw calls.changedParameter("loss", parameters.layout(), i, written, get(b, k), where);
        }
    }

    /**
     * The losses at θ + k·direction for k = 1 … {@code points}, over all of θ (from the original
     * values, each rounded to what its block holds), the k-th called {@code where[k]}, at index k of
     * the result (0 is left for the loss at θ); θ is restored after, also where this throws. Each
     * point is read back while the next one is written, and the last while θ is restored, so that
     * {@code points} losses cost points + 1 passes over θ rather than 2·points + 1; a loss() that wrote
     * an element is refused, naming the element and the point, as {@link #loss} refuses it.
     */
    double[] lossesAlong(double[] original, double[] direction, int points, String[] where) {
        double[] losses = new double[points + 1];
        List<ParameterBlock> blocks = parameters.layout().blocks();
        try {
            for (int k = 1; k <= points + 1; k++) {
                for (int b = 0; b < blocks.size(); b++) {
                    ParameterBlock block = blocks.get(b);
                    boolean floats = holdsFloats(b);
                    for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                        int e = i - block.offset();
                        if (k > 1) {
                            requireWritten(b, i, nearest(floats, original[i] + (k - 1) * direction[i]), where[k - 1]);
                        }
                        set(b, e, k <= points ? nearest(floats, original[i] + k * direction[i]) : original[i]);
                    }
                }
                if (k <= points) {
                    losses[k] = calls.loss(where[k]);
                }
            }
        } catch (RuntimeException | Error e) {
            ACCESS.restore(parameters, original, 0, original.length);
            throw e;
        }
        return losses;
    }

    /**
     * θ + t·direction over flat indices {@code [from, to)}, from the original values, each rounded
     * to what its block holds; for a gradient evaluated off θ (a loss there goes through
     * {@link #loss}, which reads back).
     */
    void move(double[] original, double[] direction, double t, int from, int to) {
        move(original, Direction.of(direction), t, from, to);
    }

    void move(double[] original, Direction direction, double t, int from, int to) {
        List<ParameterBlock> blocks = parameters.layout().blocks();
        Direction.Walk walk = direction.walk();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int first = Math.max(from, block.offset());
            int last = Math.min(to, block.offset() + block.size());
            Straight straight = straight(b, block, direction);
            if (straight != null) {
                for (int i = first; i < last; i++) {
                    straight.data[straight.at + i] = original[i] + t * straight.component(i);
                }
                continue;
            }
            boolean floats = holdsFloats(b);
            for (int i = first; i < last; i++) {
                set(b, i - block.offset(), nearest(floats, original[i] + t * walk.next(i)));
            }
        }
    }

    /**
     * The loss at θ + t·direction over a sparse direction's indices only (the other elements stay at
     * θ), each rounded to what its block holds and read back after the loss, as in {@link #side}.
     * The caller restores θ ({@link #restore(double[], SparseDirection)}).
     */
    double loss(double[] original, SparseDirection direction, double t, String where) {
        int[] indices = direction.indices();
        List<ParameterBlock> blocks = parameters.layout().blocks();
        for (int m = 0; m < indices.length; m++) {
            int b = direction.blocks()[m];
            set(b, indices[m] - blocks.get(b).offset(),
                    nearest(holdsFloats(b), original[indices[m]] + t * direction.components()[m]));
        }
        double loss = calls.loss(where);
        for (int m = 0; m < indices.length; m++) {
            int b = direction.blocks()[m];
            requireWritten(b, indices[m], nearest(holdsFloats(b), original[indices[m]] + t * direction.components()[m]), where);
        }
        return loss;
    }

    /** θ back at a sparse direction's indices, from {@code original}. */
    void restore(double[] original, SparseDirection direction) {
        List<ParameterBlock> blocks = parameters.layout().blocks();
        for (int m = 0; m < direction.indices().length; m++) {
            int b = direction.blocks()[m];
            int i = direction.indices()[m];
            set(b, i - blocks.get(b).offset(), original[i]);
        }
    }

    /** {@link #rounding(double[], double[], double[], double, int, int)} along a sparse direction. */
    double rounding(double[] gradient, double[] original, SparseDirection direction, double t) {
        double sum = 0;
        for (int m = 0; m < direction.indices().length; m++) {
            if (holdsFloats(direction.blocks()[m])) {
                int i = direction.indices()[m];
                double intended = original[i] + t * direction.components()[m];
                sum += gradient[i] * ((float) intended - intended);
            }
        }
        return sum;
    }

    /**
     * {@link #representable(double[], double[], int)} for a sparse direction: its components in
     * float blocks become powers of two that land on floats at every one of the {@code points} points.
     */
    void representable(double[] original, SparseDirection direction, int points) {
        for (int m = 0; m < direction.indices().length; m++) {
            if (holdsFloats(direction.blocks()[m])) {
                direction.components()[m] = representableStep((float) original[direction.indices()[m]],
                        direction.components()[m], points);
            }
        }
    }

    /** The point {@link #move} writes, over all of θ: θ + t·direction, each element as its block holds it. */
    double[] point(double[] original, Direction direction, double t) {
        double[] point = new double[original.length];
        List<ParameterBlock> blocks = parameters.layout().blocks();
        Direction.Walk walk = direction.walk();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            boolean floats = holdsFloats(b);
            for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                point[i] = nearest(floats, original[i] + t * walk.next(i));
            }
        }
        return point;
    }

    /**
     * ⟨g, fl(θ + t·d) − (θ + t·d)⟩ over the float blocks within {@code [from, to)}: the part of a move
     * along d that float storage rounded away, as the gradient sees it, so that a directional
     * quotient or a Taylor remainder can be taken along the move actually made. Double blocks count
     * zero (their rounding, ~u/ε ≈ 1e-11 of the move, is far below the loss's noise); 0 where no
     * block holds floats.
     */
    double rounding(double[] gradient, double[] original, double[] direction, double t, int from, int to) {
        return rounding(gradient, original, Direction.of(direction), t, from, to);
    }

    /** {@link #rounding(double[], double[], double[], double, int, int)} along a direction walked once, if a float block is in range. */
    double rounding(double[] gradient, double[] original, Direction direction, double t, int from, int to) {
        List<ParameterBlock> blocks = parameters.layout().blocks();
        boolean anyFloats = false;
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            anyFloats |= holdsFloats(b) && from < block.offset() + block.size() && block.offset() < to;
        }
        if (!anyFloats) {
            return 0;
        }
        double sum = 0;
        Direction.Walk walk = direction.walk();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            boolean floats = holdsFloats(b);
            for (int i = Math.max(from, block.offset()); i < Math.min(to, block.offset() + block.size()); i++) {
                double component = walk.next(i);
                if (floats) {
                    double intended = original[i] + t * component;
                    sum += gradient[i] * ((float) intended - intended);
                }
            }
        }
        return sum;
    }

    /**
     * Makes the noise estimate's {@code direction} land exactly on floats in float blocks, for the
     * {@code points} points θ + k·direction, k = 1 … points: each float element's step becomes a
     * power of two, no larger than asked yet at least one unit in the last place of θᵢ (a smaller
     * step would round to no move at all), taken toward zero where the other way crosses into a
     * coarser binade. The points are then equally spaced in fact, so that the differences of their
     * losses hold the loss's noise only, not the rounding of the points.
     */
    void representable(double[] original, double[] direction, int points) {
        List<ParameterBlock> blocks = parameters.layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            if (!holdsFloats(b)) {
                continue;
            }
            ParameterBlock block = blocks.get(b);
            for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                direction[i] = representableStep((float) original[i], direction[i], points);
            }
        }
    }

    /** The step for one float element at {@code theta} that {@link #representable} makes of {@code component}. */
    private static double representableStep(float theta, double component, int points) {
        double asked = Math.abs(component);
        double step = Math.max(Math.ulp(theta), asked >= Double.MIN_NORMAL ? Math.scalb(1.0, Math.getExponent(asked)) : 0);
        double sign = Math.signum(component) < 0 ? -1 : 1;
        if (!landsOnFloats(theta, sign * step, points)) {
            sign = -sign;
        }
        return sign * step;
    }

    private static boolean landsOnFloats(float theta, double step, int points) {
        for (int k = 1; k <= points; k++) {
            double point = theta + k * step;
            if ((float) point != point) {
                return false;
            }
        }
        return true;
    }

    /** Whether block b holds floats. */
    boolean holdsFloats(int b) {
        return floats[b];
    }

    /** Whether any block holds floats. */
    boolean holdsFloats() {
        for (boolean held : floats) {
            if (held) {
                return true;
            }
        }
        return false;
    }

    /** The value a block holds once {@code value} is written: {@code value} itself, or the nearest float. */
    private static double nearest(boolean floats, double value) {
        return floats ? (double) (float) value : value;
    }

    /** A loss a step away, and the step. */
    record Side(double loss, double step) {
    }
}
