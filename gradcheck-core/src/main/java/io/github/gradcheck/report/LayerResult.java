package io.github.gradcheck.report;

import java.util.List;
import java.util.Objects;

/**
 * What a layer check adds to its report: how the backward pass was probed, which probes failed,
 * the wrong Jacobian elements where the whole Jacobian was checked, and the broken contracts.
 *
 * <p>A layer check runs the scalar check once per probe, J = ⟨dy, f(x; W)⟩, on the same forward
 * calls; the report's blocks, offenders and diagnoses are those of {@link #shownProbe()}, the
 * probe that failed with the most mismatches (or, if none failed, the one whose difference was
 * largest). Made by the checker, read by users: the constructor is not public.
 */
public final class LayerResult {

    private final int outputs;
    private final boolean wholeJacobian;
    private final int probes;
    private final int failedProbes;
    private final int shownProbe;
    private final List<JacobianEntry> wrongJacobianEntries;
    private final List<BrokenContract> brokenContracts;
    private final long forwardCalls;
    private final long backwardCalls;
    private final int probesWithNoiseEstimate;

    LayerResult(int outputs, boolean wholeJacobian, int probes, int failedProbes, int shownProbe,
                List<JacobianEntry> wrongJacobianEntries, List<BrokenContract> brokenContracts, long forwardCalls,
                long backwardCalls, int probesWithNoiseEstimate) {
        this.outputs = outputs;
        this.wholeJacobian = wholeJacobian;
        this.probes = probes;
        this.failedProbes = failedProbes;
        this.shownProbe = shownProbe;
        this.wrongJacobianEntries = List.copyOf(wrongJacobianEntries);
        this.brokenContracts = List.copyOf(brokenContracts);
        this.forwardCalls = forwardCalls;
        this.backwardCalls = backwardCalls;
        this.probesWithNoiseEstimate = probesWithNoiseEstimate;
    }

    /**
     * The number of outputs of the layer, the length of y.
     *
     * @return m
     */
    public int outputs() {
        return outputs;
    }

    /**
     * Whether the whole Jacobian was checked: one probe per output, dy the basis vector of that
     * output, so that probe i checks row i, ∂y[i]/∂x.
     *
     * @return true for the whole Jacobian, false for seeded random probes
     */
    public boolean wholeJacobian() {
        return wholeJacobian;
    }

    /**
     * The number of upstream gradients dy the backward pass was checked with.
     *
     * @return the count
     */
    public int probes() {
        return probes;
    }

    /**
     * How many of the probes found a mismatch.
     *
     * @return the count
     */
    public int failedProbes() {
        return failedProbes;
    }

    /**
     * The probe whose elements the report shows, from 0; in a whole-Jacobian check, the output
     * whose row that is.
     *
     * @return the probe's index
     */
    public int shownProbe() {
        return shownProbe;
    }

    /**
     * In a whole-Jacobian check, the mismatching elements ∂y[i]/∂(element), worst first within
     * each output, at most the report's offender count per output; empty otherwise.
     *
     * @return the wrong entries
     */
    public List<JacobianEntry> wrongJacobianEntries() {
        return wrongJacobianEntries;
    }

    /**
     * The contracts of a backward pass that the layer broke.
     *
     * @return the broken contracts; empty when all hold
     */
    public List<BrokenContract> brokenContracts() {
        return brokenContracts;
    }

    /**
     * Calls of the layer's forward pass, all probes together.
     *
     * @return the count
     */
    public long forwardCalls() {
        return forwardCalls;
    }

    /**
     * Calls of the layer's backward pass, all probes and contracts together.
     *
     * @return the count
     */
    public long backwardCalls() {
        return backwardCalls;
    }

    /**
     * How many probes' checks went on to measure the loss's noise and run their Taylor tests: those
     * whose elements did not all match with the least noise the loss can have (see
     * {@link GradientCheckReport#noiseEstimated()}). Each of them costs 2 + 8 + 5B forward calls of
     * its own (B blocks), besides 4 for each element looked at again; each of the others, 1.
     *
     * @return the count, from 0 to {@link #probes()}
     */
    public int probesWithNoiseEstimate() {
        return probesWithNoiseEstimate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LayerResult that && outputs == that.outputs && wholeJacobian == that.wholeJacobian
                && probes == that.probes && failedProbes == that.failedProbes && shownProbe == that.shownProbe
                && wrongJacobianEntries.equals(that.wrongJacobianEntries) && brokenContracts.equals(that.brokenContracts)
                && forwardCalls == that.forwardCalls && backwardCalls == that.backwardCalls
                && probesWithNoiseEstimate == that.probesWithNoiseEstimate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(outputs, wholeJacobian, probes, failedProbes, shownProbe, wrongJacobianEntries, brokenContracts,
                forwardCalls, backwardCalls, probesWithNoiseEstimate);
    }

    @Override
    public String toString() {
        return "LayerResult[outputs=" + outputs + ", wholeJacobian=" + wholeJacobian + ", probes=" + probes
                + ", failedProbes=" + failedProbes + ", shownProbe=" + shownProbe + ", wrongJacobianEntries="
                + wrongJacobianEntries + ", brokenContracts=" + brokenContracts + ", forwardCalls=" + forwardCalls
                + ", backwardCalls=" + backwardCalls + ", probesWithNoiseEstimate=" + probesWithNoiseEstimate + "]";
    }
}
