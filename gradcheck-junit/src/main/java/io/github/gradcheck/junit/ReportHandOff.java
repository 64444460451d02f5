package io.github.gradcheck.junit;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Passes the full report of a check to the end-of-run listener alongside its report entry.
 *
 * <p>A report entry carries strings only; the HTML page needs the whole report (every element's
 * values for the heatmaps). JUnit delivers a report entry to the launcher's listeners on the
 * thread that publishes it, before {@code publishReportEntry} returns, so the report is put in a
 * thread-local for exactly that call and removed after it. That works under parallel execution
 * (each thread hands over its own report), keeps nothing alive when no listener takes it, and
 * never mixes up runs: a nested run (EngineTestKit, a second launcher) delivers its entries to its
 * own listeners only. Should a listener ever receive the entry elsewhere, it still has the entry's
 * strings, and the summary shows the check without heatmaps.
 */
final class ReportHandOff {

    private static final ThreadLocal<GradientCheckReport> CURRENT = new ThreadLocal<>();

    private ReportHandOff() {
    }

    /** Publishes the report entry of {@code report}, handing the report itself to listeners during the call. */
    static void publish(ExtensionContext context, GradientCheckReport report) {
        CURRENT.set(report);
        try {
            context.publishReportEntry(GradCheckReportEntry.of(report));
        } finally {
            CURRENT.remove();
        }
    }

    /** The report whose entry is being published on this thread, if any. */
    static Optional<GradientCheckReport> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
