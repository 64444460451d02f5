package io.github.gradcheck.diagnosis;

import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.List;

/**
 * What a report says across blocks, reduced to names and numbers the cases compare; kept apart so
 * that the same cases can be judged against a checker that has no cross-block findings (read as none).
 */
final class Observed {

    /** One cross-block finding: its kind's name, its blocks, its factor (NaN if none) and units. */
    record Finding(String kind, List<String> blocks, double factor, List<Integer> units) {
    }

    private Observed() {
    }

    static List<Finding> findings(GradientCheckReport report) {
        return report.crossBlockDiagnoses().stream()
                .map(d -> new Finding(d.kind().name(), d.blocks(), d.factor(), d.units())).toList();
    }

    /** For a column-major block, which side is column-major: {@code analytic} or {@code numeric}. */
    static String columnMajorSide(Diagnosis diagnosis) {
        return diagnosis.analyticColumnMajor() ? "analytic" : "numeric";
    }
}
