package io.github.gradcheck.internal.engine;

/**
 * θ moved along a direction d, in one workspace, and back: what a Taylor test and a directional
 * search both do with a direction, dense over a range of flat indices or sparse over a few. One
 * place for moving, rounding and restoring along d, so that the two agree on what "θ + t·d" is.
 */
interface PathAlong {

    /** ⟨g, d⟩. */
    double slope();

    /** The loss at θ + t·d; θ stays there until {@link #restore}. */
    double loss(double t, String where);

    /** What float blocks round away from t·d, as the gradient sees it ({@link Workspace#rounding}). */
    double rounding(double t);

    /** θ back at its original values over d's indices. */
    void restore();

    /** Where the direction lies, for a failure's message. */
    String over();

    /** {@code direction} over flat indices {@code [from, to)}, from {@code theta}, with gradient {@code gradient}. */
    static PathAlong dense(Workspace workspace, double[] theta, double[] gradient, Direction direction, int from, int to) {
        return new PathAlong() {
            @Override
            public double slope() {
                double sum = 0;
                if (direction instanceof Direction.Kept kept) {
                    // The same sum, in the same order, without a call per component.
                    double[] components = kept.components();
                    for (int i = from; i < to; i++) {
                        sum += gradient[i] * components[i - kept.from()];
                    }
                    return sum;
                }
                Direction.Walk walk = direction.walk();
                for (int i = from; i < to; i++) {
                    sum += gradient[i] * walk.next(i);
                }
                return sum;
            }

            @Override
            public double loss(double t, String where) {
                return workspace.loss(theta, direction, t, from, to, where);
            }

            @Override
            public double rounding(double t) {
                return workspace.rounding(gradient, theta, direction, t, from, to);
            }

            @Override
            public void restore() {
                ParameterAccess.get().restore(workspace.parameters(), theta, from, to);
            }

            @Override
            public String over() {
                return "flat indices " + from + " to " + (to - 1);
            }
        };
    }

    /** A sparse direction, over its own indices. */
    static PathAlong sparse(Workspace workspace, double[] theta, double[] gradient, SparseDirection direction) {
        return new PathAlong() {
            @Override
            public double slope() {
                return direction.along(gradient);
            }

            @Override
            public double loss(double t, String where) {
                return workspace.loss(theta, direction, t, where);
            }

            @Override
            public double rounding(double t) {
                return workspace.rounding(gradient, theta, direction, t);
            }

            @Override
            public void restore() {
                workspace.restore(theta, direction);
            }

            @Override
            public String over() {
                return direction.indices().length + " flat indices from " + direction.indices()[0] + " to "
                        + direction.indices()[direction.indices().length - 1];
            }
        };
    }
}
