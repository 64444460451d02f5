package io.github.gradcheck;

/** The difference quotient used for each element. */
public enum Stencil {

    /**
     * (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε, the course's: two loss evaluations per element, truncation
     * error ∝ ε². Elements that do not match at once are looked at again with 2ε (two more
     * evaluations) to estimate the truncation error and to tell a kink from a bug.
     */
    CENTERED,

    /**
     * (−J(θ + 2εeᵢ) + 8J(θ + εeᵢ) − 8J(θ − εeᵢ) + J(θ − 2εeᵢ)) / 12ε: four loss evaluations per
     * element, truncation error ∝ ε⁴; for losses whose third derivatives are large.
     */
    FIVE_POINT
}
