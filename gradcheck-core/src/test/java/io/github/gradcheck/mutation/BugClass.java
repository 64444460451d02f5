package io.github.gradcheck.mutation;

/** The kind of mistake a mutant plants in a backward pass: the rows of the detection table. */
enum BugClass {
    /** A block's gradient multiplied by a constant such as 2. */
    SCALE,
    /** The 1/m of a batch mean left out of one or more blocks: a factor m. */
    FORGOT_MEAN,
    /** A block's gradient negated. */
    SIGN,
    /** An L2 term in the loss left out of the gradient. */
    MISSING_REGULARIZATION,
    /** An L2 term (or too large a one) in the gradient that the loss does not have. */
    EXTRA_REGULARIZATION,
    /** A wrong derivative of an activation, e.g. tanh' = 1 − tanh. */
    WRONG_ACTIVATION_DERIVATIVE,
    /** ReLU' using ≥ instead of >, which differs only at a pre-activation of exactly 0. */
    RELU_DERIVATIVE_AT_ZERO,
    /** A square block's gradient transposed. */
    TRANSPOSE,
    /** An index off by one. */
    OFF_BY_ONE,
    /** One or two elements wrong. */
    SINGLE_ELEMENT,
    /** A block's gradient never computed: all zeros. */
    ZERO_BLOCK,
    /** One block's gradient 1 % too large. */
    SUBTLE_ONE_PERCENT,
    /** Batch norm's backward without the −mean(dx̂) term. */
    BATCH_NORM_MISSING_MEAN,
    /** Any other wrong formula: truncated backpropagation through time, a flipped kernel, = for +=. */
    WRONG_FORMULA
}
