package io.github.gradcheck.layermutation;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerInputs;

/** A layer of the suite together with the inputs it is checked at, both drawn from one seed. */
interface SuiteLayer extends DifferentiableLayer {

    /** The inputs this layer was made with: fresh arrays, owned by the check's caller. */
    LayerInputs inputs();
}
