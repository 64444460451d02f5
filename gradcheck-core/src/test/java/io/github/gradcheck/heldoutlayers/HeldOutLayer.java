package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerInputs;

/** A held-out layer together with the inputs it is checked at, both drawn from one seed. */
interface HeldOutLayer extends DifferentiableLayer {

    /** The inputs this layer was made with: fresh arrays, owned by the check's caller. */
    LayerInputs inputs();
}
