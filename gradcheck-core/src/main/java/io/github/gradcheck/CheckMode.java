package io.github.gradcheck;

/** How much of θ a check looks at, element by element. */
public enum CheckMode {

    /** Every element: 2 loss evaluations each. The verdict on every element. */
    FULL,

    /**
     * A seeded, stratified sample of each block: at least {@code samplesPerBlock} elements per
     * block (all of a smaller block), a quarter of them the elements with the largest |gradient|, so
     * that no block goes unchecked and the elements that matter most are always among them. The
     * seed is in the report and the failure message, so a failure replays exactly.
     */
    SAMPLED,

    /**
     * Each block along random signed directions, 2 loss evaluations per direction: a wrong block
     * shows as a directional derivative that disagrees. Where one does, the disagreeing elements are
     * localised by splitting the block in halves with fresh random signs and following the halves
     * that still disagree, O(k log N) evaluations for k wrong elements; those elements are then
     * checked one by one.
     */
    RANDOM_DIRECTIONS
}
