package io.github.gradcheck.internal.engine;

import java.util.SplittableRandom;

/**
 * A direction over flat indices, walked in index order: held in an array, or drawn again from its
 * seed on every walk, so that a direction within a block of a million parameters is not kept
 * (8 bytes each) while the Taylor test moves θ along it five times. Drawing again gives the same
 * components in the same order, so both forms move θ to the same points bit for bit.
 */
interface Direction {

    /** A new walk over the direction's components. */
    Walk walk();

    /** One pass over the components: {@link #next} is called for consecutive flat indices, each once. */
    interface Walk {
        /** The component at flat index {@code i}, the one after the previous call's. */
        double next(int i);
    }

    /** The direction held in {@code components}, indexed by flat index. */
    static Direction of(double[] components) {
        return new Stored(components);
    }

    /**
     * The weighted direction ({@link Directions#weighted}) drawn from a stream of seed {@code seed}
     * (as {@link Directions#taylorSeed} makes it), its first component at the first index walked,
     * scaled by max(|θᵢ|, 1) of {@code scaleOf} (1 where null).
     */
    static Direction weighted(long seed, double[] scaleOf) {
        return new Weighted(seed, scaleOf);
    }

    /**
     * A search's direction ({@link DirectionalSearch}) drawn again on each walk from a stream of seed
     * {@code seed}: the components {@link #searchComponent} makes of one {@code nextLong()} each, as the
     * search draws them into an array where there is room, scaled as {@link #weighted} scales.
     */
    static Direction searched(long seed, double[] scaleOf) {
        return () -> {
            SplittableRandom random = new SplittableRandom(seed);
            return i -> searched(random, scaleOf, i);
        };
    }

    /**
     * A search's direction over flat indices {@code [from, to)} drawn from {@code random} into
     * {@code into} (element 0 at {@code from}), in one loop: the components {@link #searched} gives
     * for the same stream, without a call per component through the walk.
     */
    static void drawSearched(SplittableRandom random, double[] scaleOf, double[] into, int from, int to) {
        for (int i = from; i < to; i++) {
            into[i - from] = searched(random, scaleOf, i);
        }
    }

    /** Component i of a search's direction: the next draw of {@code random}, scaled by max(|θᵢ|, 1) where {@code scaleOf} is given. */
    private static double searched(SplittableRandom random, double[] scaleOf, int i) {
        return searchComponent(random.nextLong()) * (scaleOf == null ? 1 : Directions.scale(scaleOf, i));
    }

    /**
     * A search direction's component from 64 random bits: the lowest for the sign, the highest 53 for a
     * magnitude uniform in [0.5, 1.5), as {@link #weighted} draws them from two numbers. One draw per
     * component: a search's direction over a block of a million is drawn in every check that covers it,
     * and the draw was most of what the partial modes' own time spent there.
     */
    static double searchComponent(long bits) {
        return ((bits & 1) == 0 ? 1 : -1) * (0.5 + (bits >>> 11) * 0x1.0p-53);
    }

    /**
     * {@code direction} over flat indices {@code [from, to)}, drawn once into an array of {@code to − from}
     * where that takes at most {@link #KEPT_SHARE} of the largest heap the JVM may use, else drawn again
     * on each walk: the same components either way, so the choice changes only time and memory.
     */
    static Direction keptIfRoom(Direction direction, int from, int to) {
        if (!room(to - from)) {
            return direction;
        }
        double[] components = new double[to - from];
        Walk walk = direction.walk();
        for (int i = from; i < to; i++) {
            components[i - from] = walk.next(i);
        }
        return new Kept(components, from);
    }

    /** Whether a direction of {@code count} components may be kept in an array: at most {@link #KEPT_SHARE} of the heap. */
    static boolean room(int count) {
        return (long) count * Double.BYTES <= Runtime.getRuntime().maxMemory() / KEPT_SHARE;
    }

    /**
     * A direction is kept in an array only where it takes at most 1/16 of the largest heap: walking it
     * again costs 2 draws per component and walk (the Taylor test walks it 11 times, about 0.1 s for
     * a block of a million), while a check's own arrays take about 33 bytes per parameter, so that
     * 1/16 of the heap is spare wherever the check fits at all with some room.
     */
    long KEPT_SHARE = 16;

    /** This direction with every component multiplied by {@code factor}. */
    default Direction times(double factor) {
        Direction direction = this;
        return () -> {
            Walk walk = direction.walk();
            return i -> walk.next(i) * factor;
        };
    }

    /** A direction held in an array whose first element is the component at flat index {@code from}. */
    record Kept(double[] components, int from) implements Direction, Walk {
        @Override
        public Walk walk() {
            return this;
        }

        @Override
        public double next(int i) {
            return components[i - from];
        }
    }

    /** A direction held in an array. */
    record Stored(double[] components) implements Direction, Walk {
        @Override
        public Walk walk() {
            return this;
        }

        @Override
        public double next(int i) {
            return components[i];
        }
    }

    /** A weighted direction drawn again on each walk, as {@link Directions#weighted} fills an array. */
    record Weighted(long seed, double[] scaleOf) implements Direction {
        @Override
        public Walk walk() {
            SplittableRandom random = new SplittableRandom(seed);
            return new Walk() {
                @Override
                public double next(int i) {
                    double sign = random.nextBoolean() ? 1 : -1;
                    return sign * (0.5 + random.nextDouble()) * (scaleOf == null ? 1 : Directions.scale(scaleOf, i));
                }
            };
        }
    }
}
