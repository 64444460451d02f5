package io.github.gradcheck.junit;

import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.summary.CheckRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of the JUnit report entry that every {@link GradientCheck} invocation publishes
 * ({@code ExtensionContext.publishReportEntry}) right after its check: what IDEs show beside the
 * test, what {@code TestExecutionListener}s receive, and what the end-of-run summary reads.
 *
 * <p>These keys and their value formats are a published interface, pinned by a test: a tool may
 * rely on them. All values are non-blank strings (JUnit requires it):
 * <table>
 *   <caption>Report entry keys</caption>
 *   <tr><th>key</th><th>value</th><th>example</th></tr>
 *   <tr><td>{@value #MODEL}</td><td>the model's name, with its state</td><td>{@code ThreeLayerNet @ after 10 steps}</td></tr>
 *   <tr><td>{@value #VERDICT}</td><td>{@code passed}, {@code failed}, or {@code error} (the model could not be checked)</td><td>{@code failed}</td></tr>
 *   <tr><td>{@value #PARAMETERS}</td><td>the number of parameters checked</td><td>{@code 47}</td></tr>
 *   <tr><td>{@value #MISMATCHES}</td><td>how many elements mismatch</td><td>{@code 8}</td></tr>
 *   <tr><td>{@value #DIFFERENCE}</td><td>the course's overall difference, as Java prints a double</td><td>{@code 0.2850931567206389}</td></tr>
 *   <tr><td>{@value #DIAGNOSIS}</td><td>one line per finding across blocks, then per diagnosed block it does
 *   not explain, {@code block: description} ({@code x (input): …} for an input), then per contract a layer
 *   broke; {@code none}</td><td>{@code b1: analytic b1 ≈ 4.00 × numeric …}</td></tr>
 *   <tr><td>{@value #WORST_OFFENDER}</td><td>the worst element's label; {@code none}</td><td>{@code b1[1,0]}</td></tr>
 *   <tr><td>{@value #ERROR}</td><td>only with verdict {@code error}: why, in one line</td><td>{@code the loss of SineModel is NaN at …}</td></tr>
 * </table>
 * With verdict {@code error}, only {@value #MODEL}, {@value #VERDICT} and {@value #ERROR} are
 * present.
 */
public final class GradCheckReportEntry {

    /** The model's name, with its state: {@code ThreeLayerNet @ after 10 steps}. */
    public static final String MODEL = "gradcheck.model";
    /** {@code passed}, {@code failed} or {@code error}. */
    public static final String VERDICT = "gradcheck.verdict";
    /** The number of parameters checked, the length of θ. */
    public static final String PARAMETERS = "gradcheck.parameters";
    /** How many elements mismatch. */
    public static final String MISMATCHES = "gradcheck.mismatches";
    /** The course's overall difference, as {@link Double#toString(double)} writes it. */
    public static final String DIFFERENCE = "gradcheck.difference";
    /** One line per diagnosed block, {@code block: description}, and per contract a layer broke, or {@code none}. */
    public static final String DIAGNOSIS = "gradcheck.diagnosis";
    /** The label of the worst element, e.g. {@code b1[1,0]}, or {@code none}. */
    public static final String WORST_OFFENDER = "gradcheck.worstOffender";
    /** Why the model could not be checked; only with verdict {@code error}. */
    public static final String ERROR = "gradcheck.error";

    /** The value of {@link #DIAGNOSIS} and {@link #WORST_OFFENDER} when there is nothing to say. */
    public static final String NONE = "none";

    private GradCheckReportEntry() {
    }

    /** The entry of a finished check, in the documented key order. */
    static Map<String, String> of(GradientCheckReport report) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(MODEL, report.modelName());
        entry.put(VERDICT, report.passed() ? "passed" : "failed");
        entry.put(PARAMETERS, String.valueOf(report.parameterCount()));
        entry.put(MISMATCHES, String.valueOf(report.mismatches()));
        entry.put(DIFFERENCE, Double.toString(report.difference()));
        List<String> diagnoses = CheckRecord.diagnoses(report);
        entry.put(DIAGNOSIS, diagnoses.isEmpty() ? NONE : String.join("\n", diagnoses));
        String worst = CheckRecord.worstOffender(report);
        entry.put(WORST_OFFENDER, worst.isEmpty() ? NONE : worst);
        return entry;
    }

    /** The entry of a model that could not be checked. */
    static Map<String, String> error(String model, Throwable error) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(MODEL, model);
        entry.put(VERDICT, "error");
        String message = error.getMessage() == null || error.getMessage().isBlank() ? error.getClass().getName()
                : error.getMessage().lines().findFirst().orElse(error.getClass().getName());
        entry.put(ERROR, message);
        return entry;
    }

    /** Whether {@code entry} is one of ours: it has a model and a verdict. */
    static boolean isCheck(Map<String, String> entry) {
        return entry.containsKey(MODEL) && entry.containsKey(VERDICT);
    }

    /**
     * The summary's record of a check from its entry alone, with the full report if one was handed
     * over; unknown or malformed values read as absent rather than failing the run's summary.
     */
    static CheckRecord record(Map<String, String> entry, String test, String invocation, String uniqueId,
                              Optional<GradientCheckReport> report) {
        CheckRecord.Verdict verdict = switch (entry.get(VERDICT)) {
            case "passed" -> CheckRecord.Verdict.PASSED;
            case "failed" -> CheckRecord.Verdict.FAILED;
            default -> CheckRecord.Verdict.ERROR;
        };
        String diagnosis = entry.getOrDefault(DIAGNOSIS, NONE);
        String worst = entry.getOrDefault(WORST_OFFENDER, NONE);
        return new CheckRecord(test, invocation, uniqueId, entry.get(MODEL), verdict,
                (int) number(entry.get(PARAMETERS), 0), (int) number(entry.get(MISMATCHES), 0),
                number(entry.get(DIFFERENCE), Double.NaN),
                diagnosis.equals(NONE) ? List.of() : Arrays.asList(diagnosis.split("\n")),
                worst.equals(NONE) ? "" : worst, entry.getOrDefault(ERROR, ""), CheckRecord.Outcome.UNKNOWN, report);
    }

    private static double number(String text, double fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
