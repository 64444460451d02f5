package io.github.gradcheck.heldoutlayers;

import java.util.Locale;

/** The inputs a held-out layer is checked at. */
enum Variant {
    /** Moderate values drawn per seed. */
    STANDARD,
    /** Values that stress the arithmetic: a layer-norm row of spread 1e-3 (variance below ε) and one offset by 1e2. */
    HARD_INPUTS,
    /** Points exactly on the layer's kinks: ReLU pre-activations of exactly 0, Huber residuals of exactly 0 and ±δ. */
    EXACT_KINKS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
