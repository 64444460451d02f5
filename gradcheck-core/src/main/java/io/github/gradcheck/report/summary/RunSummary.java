package io.github.gradcheck.report.summary;

import java.util.List;

/**
 * Every gradient check of one test run, in the order of the test plan.
 *
 * @param checks the checks
 */
public record RunSummary(List<CheckRecord> checks) {

    /**
     * A run's checks; copies the list.
     *
     * @param checks the checks, in the order of the test plan
     */
    public RunSummary {
        checks = List.copyOf(checks);
    }

    /**
     * The checks that passed.
     *
     * @return how many checks passed
     */
    public long passed() {
        return count(CheckRecord.Verdict.PASSED);
    }

    /**
     * The checks that found a wrong gradient.
     *
     * @return how many checks found a wrong gradient
     */
    public long failed() {
        return count(CheckRecord.Verdict.FAILED);
    }

    /**
     * The models that could not be checked.
     *
     * @return how many models could not be checked
     */
    public long errors() {
        return count(CheckRecord.Verdict.ERROR);
    }

    private long count(CheckRecord.Verdict verdict) {
        long count = 0;
        for (CheckRecord check : checks) {
            count += check.verdict() == verdict ? 1 : 0;
        }
        return count;
    }

    /**
     * The totals in one line, as the console and the HTML page open: {@code 9 gradient checks: 8
     * passed, 1 failed}.
     *
     * @return the line
     */
    public String totals() {
        StringBuilder text = new StringBuilder().append(checks.size())
                .append(checks.size() == 1 ? " gradient check: " : " gradient checks: ")
                .append(passed()).append(" passed, ").append(failed()).append(" failed");
        if (errors() > 0) {
            text.append(", ").append(errors()).append(" could not be checked");
        }
        return text.toString();
    }
}
