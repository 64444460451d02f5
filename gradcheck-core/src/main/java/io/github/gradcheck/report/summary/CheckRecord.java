package io.github.gradcheck.report.summary;

import io.github.gradcheck.internal.text.DiagnosisText;
import io.github.gradcheck.internal.text.DifferenceText;
import io.github.gradcheck.internal.text.LayerText;
import io.github.gradcheck.internal.text.SecondOrderText;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One gradient check of a test run, as the end-of-run summary lists it: which test ran it, what
 * it found in a few words, and the full report where it reached the summary.
 *
 * <p>The few words and the full report are kept apart on purpose: the words are what a test
 * publishes as JUnit report entries, which every listener and IDE receives; the full report only
 * reaches a listener in the same JVM. A summary built from the words alone still has its table.
 *
 * @param test where the check ran, e.g. {@code BuggyThreeLayerNetTest.checkFailsInB1AndW2}
 * @param invocation the invocation's display name, e.g. {@code net @ after 10 steps (ThreeLayerNet)}
 * @param uniqueId the JUnit unique id of the invocation, empty outside JUnit
 * @param model the checked model's name, with its state, e.g. {@code ThreeLayerNet @ after 10 steps}
 * @param verdict what the check concluded, or that it could not check
 * @param parameters the number of parameters checked (the length of θ); 0 for an error
 * @param mismatches how many elements mismatch; 0 for an error
 * @param difference the course's overall difference; NaN for an error
 * @param diagnoses for a second-order check that stopped at a failed gradient, first why H·v was not compared;
 *     then one line per cross-block finding, then per diagnosed block it does not explain, then per
 *     contract a layer broke, e.g.
 *     {@code b1: analytic b1 ≈ 4.00 × numeric …}, as
 *     {@link #diagnoses(GradientCheckReport)} writes them
 * @param worstOffender the label of the worst element, e.g. {@code b1[1,0]}; empty if there is none
 * @param error why the model could not be checked; empty unless {@code verdict} is {@link Verdict#ERROR}
 * @param outcome how the test invocation itself ended
 * @param report the full report, where it reached the summary
 */
public record CheckRecord(String test, String invocation, String uniqueId, String model, Verdict verdict,
                          int parameters, int mismatches, double difference, List<String> diagnoses,
                          String worstOffender, String error, Outcome outcome, Optional<GradientCheckReport> report) {

    /** What the check concluded. */
    public enum Verdict {
        /** No element mismatches. */
        PASSED,
        /** Some element mismatches (a wrong analytic gradient), or a layer's backward pass broke a contract. */
        FAILED,
        /** The model could not be checked (it threw, its loss was NaN, it was misconfigured). */
        ERROR
    }

    /**
     * How the test invocation ended. It can differ from the verdict: a test may expect a broken
     * model to fail its check, and a test may fail for reasons of its own after a passing check.
     */
    public enum Outcome {
        /** The test passed. */
        SUCCESSFUL,
        /** The test failed. */
        FAILED,
        /** The test was aborted (an assumption did not hold). */
        ABORTED,
        /** No end of the test was seen: the run was cut short, or the record was made outside a test run. */
        UNKNOWN
    }

    /**
     * A record; copies {@code diagnoses}.
     *
     * @param test where the check ran
     * @param invocation the invocation's display name
     * @param uniqueId the JUnit unique id, or empty
     * @param model the checked model's name
     * @param verdict what the check concluded
     * @param parameters the number of parameters checked
     * @param mismatches how many elements mismatch
     * @param difference the overall difference, or NaN
     * @param diagnoses one line per diagnosed block
     * @param worstOffender the worst element's label, or empty
     * @param error why the model could not be checked, or empty
     * @param outcome how the test ended
     * @param report the full report, where it reached the summary
     */
    public CheckRecord {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(verdict, "verdict");
        diagnoses = List.copyOf(diagnoses);
        Objects.requireNonNull(worstOffender, "worstOffender");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(report, "report");
    }

    /**
     * The record of a finished check outside a test run, e.g. to write the HTML page of a check made
     * with {@code GradientChecker} directly.
     *
     * @param test a name for where the check ran
     * @param report the check's report
     * @return a record with every field taken from {@code report}, outcome {@link Outcome#UNKNOWN}
     */
    public static CheckRecord of(String test, GradientCheckReport report) {
        return new CheckRecord(test, report.modelName(), "", report.modelName(),
                report.passed() ? Verdict.PASSED : Verdict.FAILED, report.parameterCount(), report.mismatches(),
                report.difference(), diagnoses(report), worstOffender(report), "", Outcome.UNKNOWN, Optional.of(report));
    }

    /**
     * The diagnoses of {@code report}, one line each, as the failure message writes them: first each
     * finding about several blocks, then each diagnosed block that no such finding explains,
     * {@code block: sentence}, in θ's order (an input block named {@code x (input)}), then each
     * contract a layer broke, e.g. {@code backward is not linear in dy: …}.
     *
     * @param report a report
     * @return one line per cross-block finding, per other block whose diagnosis is not
     *     {@link Diagnosis.Kind#NONE}, and per broken contract
     */
    public static List<String> diagnoses(GradientCheckReport report) {
        List<String> lines = new ArrayList<>();
        if (report.secondOrder().isPresent() && !report.secondOrder().get().compared()) {
            lines.add(SecondOrderText.line(report));
        }
        for (CrossBlockDiagnosis finding : report.crossBlockDiagnoses()) {
            lines.add(DiagnosisText.sentence(finding, report));
        }
        for (BlockSummary block : diagnosed(report)) {
            lines.add(LayerText.blockName(block) + ": " + DiagnosisText.sentence(block, report.mode()));
        }
        for (BrokenContract contract : brokenContracts(report)) {
            lines.add(LayerText.sentence(report, contract));
        }
        return List.copyOf(lines);
    }

    /**
     * The blocks whose diagnosis no cross-block finding explains, in θ's order. Loops rather than
     * streams here and below: this runs on every check's path (its JUnit report entry), often in a
     * JVM that is still cold, where each stream stage and lambda is linked on its first use.
     */
    private static List<BlockSummary> diagnosed(GradientCheckReport report) {
        List<BlockSummary> diagnosed = new ArrayList<>();
        for (BlockSummary block : report.blocks()) {
            if (block.diagnosis().kind() != Diagnosis.Kind.NONE && !report.explainedAcrossBlocks(block.name())) {
                diagnosed.add(block);
            }
        }
        return diagnosed;
    }

    private static List<BrokenContract> brokenContracts(GradientCheckReport report) {
        return report.layer().isPresent() ? report.layer().get().brokenContracts() : List.of();
    }

    /**
     * The label of the worst element of {@code report}, or empty if it kept none.
     *
     * @param report a report
     * @return e.g. {@code b1[1,0]}
     */
    public static String worstOffender(GradientCheckReport report) {
        return report.worstOffenders().isEmpty() ? "" : report.worstOffenders().get(0).parameter();
    }

    /**
     * The parameters checked, for a table cell: {@code 47}, or {@code 40 of 1000} where a sampled or
     * random-direction check looked at only some elements one by one; {@code 19 (4 input)} where
     * some of them are the elements of input blocks.
     *
     * @return the count as a person reads it
     */
    public String parametersChecked() {
        int checked = parameters;
        int inputs = 0;
        if (report.isPresent()) {
            checked = report.get().checkedElements();
            for (BlockSummary block : report.get().blocks()) {
                inputs += block.isInput() ? block.size() : 0;
            }
        }
        return (checked < parameters ? checked + " of " + parameters : String.valueOf(parameters))
                + (inputs > 0 ? " (" + inputs + " input)" : "");
    }

    /**
     * The diagnoses in a few words for a table cell: each block's brief finding, e.g.
     * {@code analytic b1 ≈ 4.00 × numeric; analytic W2 ≈ 2.00 × numeric}, an input block's marked
     * {@code (input)}, then each contract a layer broke, e.g. {@code backward is not linear in dy}. Where only the report
     * entries reached the summary (no {@link #report()}), the published lines as they are: they are
     * words, and words are not read back into findings.
     *
     * @return the short form, empty if no block was diagnosed
     */
    public String shortDiagnosis() {
        if (report.isEmpty()) {
            return String.join("; ", diagnoses);
        }
        GradientCheckReport r = report.get();
        StringJoiner words = new StringJoiner("; ");
        for (CrossBlockDiagnosis finding : r.crossBlockDiagnoses()) {
            words.add(DiagnosisText.brief(finding, r));
        }
        for (BlockSummary block : diagnosed(r)) {
            words.add(DiagnosisText.brief(block, r.mode()) + (block.isInput() ? " (input)" : ""));
        }
        for (BrokenContract contract : brokenContracts(r)) {
            words.add(LayerText.brief(r, contract));
        }
        return words.toString();
    }

    /**
     * What a table row says beside the verdict: the {@link #shortDiagnosis()}, then, where the
     * course's words for the difference disagree with the verdict, why (e.g. {@code difference from
     * 9 elements at kinks of the loss}), so that a passed row with a large difference is not read as
     * a bug. A second-order check starts with what it compared, e.g. {@code H·v compared: …} or
     * {@code gradient fails, H·v not compared: …}.
     *
     * @return the few words, empty if there is nothing to add to the verdict
     */
    public String shortFindings() {
        String note = report.isPresent() ? DifferenceText.note(report.get()) : "";
        String diagnosis = shortDiagnosis();
        String findings = diagnosis.isEmpty() || note.isEmpty() ? diagnosis + note : diagnosis + "; " + note;
        String secondOrder = report.isPresent() && report.get().secondOrder().isPresent() ? SecondOrderText.brief(report.get()) : "";
        return secondOrder.isEmpty() || findings.isEmpty() ? secondOrder + findings : secondOrder + ": " + findings;
    }

    /**
     * This record with the test's outcome, once the test has finished.
     *
     * @param newOutcome how the test ended
     * @return a copy with that outcome
     */
    public CheckRecord withOutcome(Outcome newOutcome) {
        return new CheckRecord(test, invocation, uniqueId, model, verdict, parameters, mismatches, difference,
                diagnoses, worstOffender, error, newOutcome, report);
    }
}
