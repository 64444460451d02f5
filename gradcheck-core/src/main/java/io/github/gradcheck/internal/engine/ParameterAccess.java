package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.Precision;

/**
 * The engine's way into {@link ParameterArrays}: reading and writing single elements, and restoring
 * θ. These stay out of the public API (a user's code has no
 * business writing into the arrays it handed over), yet the engine lives in another package; so
 * {@code ParameterArrays} installs an implementation from its static initialiser, the pattern of
 * the JDK's own {@code SharedSecrets}. The package is not exported.
 */
public abstract class ParameterAccess {

    private static volatile ParameterAccess instance;

    /** For {@code ParameterArrays} only. */
    protected ParameterAccess() {
    }

    /**
     * Installs the implementation; called once, by {@code ParameterArrays}.
     *
     * @param access the implementation
     */
    public static void install(ParameterAccess access) {
        if (instance != null) {
            throw new IllegalStateException("ParameterAccess is installed by ParameterArrays, once");
        }
        instance = access;
    }

    /**
     * The implementation, initialising {@code ParameterArrays} if nothing has yet.
     *
     * @return the implementation
     */
    public static ParameterAccess get() {
        ParameterAccess access = instance;
        if (access == null) {
            try {
                Class.forName(ParameterArrays.class.getName(), true, ParameterArrays.class.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                throw new AssertionError(impossible);
            }
            access = instance;
        }
        return access;
    }

    /**
     * Element {@code k} of block {@code b}.
     *
     * @param arrays the arrays
     * @param b the block's index in the layout
     * @param k the element's index in the block, row-major
     * @return its value
     */
    public abstract double get(ParameterArrays arrays, int b, int k);

    /**
     * Writes element {@code k} of block {@code b}.
     *
     * @param arrays the arrays
     * @param b the block's index in the layout
     * @param k the element's index in the block, row-major
     * @param value the new value
     */
    public abstract void set(ParameterArrays arrays, int b, int k, double value);

    /**
     * Writes {@code vector[from, to)} back into the arrays, bit for bit.
     *
     * @param arrays the arrays
     * @param vector θ in the layout's order
     * @param from the first index written
     * @param to one past the last index written
     */
    public abstract void restore(ParameterArrays arrays, double[] vector, int from, int to);

    /**
     * The first index whose element differs from {@code vector}'s in its bits (one NaN is not told
     * from another), or −1.
     *
     * @param arrays the arrays
     * @param vector θ in the layout's order
     * @return the index, or −1 where every element is as in {@code vector}
     */
    public abstract int firstDifference(ParameterArrays arrays, double[] vector);

    /**
     * The {@code double[]} that block {@code b} lives in, element k at {@code arrayOffset + k}, or
     * null where the block lives elsewhere (floats, rows, a buffer, a user's storage): for loops
     * over a million elements that would otherwise pay two interface calls per element.
     *
     * @param arrays the arrays
     * @param b the block's index in the layout
     * @return the live array, or null
     */
    public abstract double[] array(ParameterArrays arrays, int b);

    /**
     * Where block {@code b}'s element 0 is in {@link #array}.
     *
     * @param arrays the arrays
     * @param b the block's index in the layout; one whose {@link #array} is not null
     * @return the offset in the array
     */
    public abstract int arrayOffset(ParameterArrays arrays, int b);

    /**
     * What block {@code b} holds, doubles or floats: the values it can be written.
     *
     * @param arrays the arrays
     * @param b the block's index in the layout
     * @return the block's precision
     */
    public abstract Precision precision(ParameterArrays arrays, int b);

    /**
     * Whether two sets of arrays share a Java array, a buffer or a user's storage (so that a copy
     * of a model is no copy).
     *
     * @param one some arrays
     * @param other other arrays
     * @return whether any array is shared
     */
    public abstract boolean shareArrays(ParameterArrays one, ParameterArrays other);

    /**
     * {@code first}'s blocks followed by {@code second}'s, over the same live arrays: a layer's
     * inputs and parameters as one θ.
     *
     * @param first the first blocks
     * @param second the blocks after them
     * @return the blocks of both; their names must differ
     */
    public abstract ParameterArrays concat(ParameterArrays first, ParameterArrays second);
}
