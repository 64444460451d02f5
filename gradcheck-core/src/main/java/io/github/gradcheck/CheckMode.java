package io.github.gradcheck;

/**
 * How much of θ a check looks at, element by element. In both cheap modes a block whose Taylor test
 * contradicts its gradient while none of its checked elements mismatches is looked at again along the
 * Taylor test's direction and, where that disagrees too, localised and judged element by element:
 * a cheap mode does not pass a block its own directions show to be wrong.
 */
public enum CheckMode {

    /** Every element: 2 loss evaluations each. The verdict on every element. */
    FULL,

    /**
     * A seeded, stratified sample of each block: {@code samplesPerBlock} elements per block (all of a
     * block of at most that many, or of at most 4), a quarter of them the elements with the largest
     * |gradient|, so that no block goes unchecked and the elements that matter most are always among
     * them; the elements left out of each block are looked at together along one random direction
     * (2 loss evaluations), which is followed down to the wrong elements where it disagrees. The seed
     * is in the report and the failure message, so a failure replays exactly.
     */
    SAMPLED,

    /**
     * Each block along a random direction (random signs with random magnitudes), 2 loss evaluations
     * per direction: a wrong block shows as a directional derivative that disagrees. Where one does,
     * the disagreeing elements are localised by splitting the block in halves along fresh directions
     * and following the halves that still disagree, O(k log N) evaluations for k wrong elements; those
     * elements are then checked one by one. A block of at most 4 elements is checked element by
     * element.
     */
    RANDOM_DIRECTIONS
}
