package io.github.gradcheck.report;

/** What the check concluded about one element of θ. */
public enum ElementVerdict {

    /** Analytic and numeric agree within the numeric derivative's estimated error. */
    MATCH,
    /**
     * They disagree by more than the margin times the estimated error, and by more than the
     * threshold relative error: a wrong gradient. Only mismatches fail a check.
     */
    MISMATCH,
    /**
     * The loss has a kink within ε of θᵢ (a ReLU, max or abs switching): the one-sided slopes
     * disagree beyond their error, and the analytic value lies between or on them. Not a failure.
     */
    KINK,
    /**
     * The numeric derivative's estimated error is as large as the values themselves, so the
     * element can neither confirm nor contradict the analytic one. Not a failure.
     */
    UNRELIABLE,
    /** Not looked at: outside the sample, or in a block that agreed along random directions. */
    NOT_CHECKED
}
