package io.github.gradcheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case's diagnosis, and the count per group (printed, for the README's before/after): a pattern
 * named with its numbers, a near miss not claimed, a correct model with nothing to say.
 */
class DiagnosisCasesTest {

    static List<DiagnosisCase> cases() {
        return DiagnosisCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diagnosisIsRight(DiagnosisCase c) {
        GradientCheckReport report = c.check();

        assertThat(c.differences(report)).as("%s%n%s", c, report).isEmpty();
    }

    @Test
    void countsPerGroup() {
        Map<String, int[]> counts = new TreeMap<>();
        StringBuilder table = new StringBuilder();
        for (DiagnosisCase c : cases()) {
            List<String> differences = c.differences(c.check());
            int[] count = counts.computeIfAbsent(c.group(), g -> new int[2]);
            count[0] += differences.isEmpty() ? 1 : 0;
            count[1]++;
            table.append(String.format(Locale.ROOT, "%-5s %s%s%n", differences.isEmpty() ? "right" : "WRONG", c,
                    differences.isEmpty() ? "" : "\n        " + String.join("\n        ", differences)));
        }
        counts.forEach((group, count) -> table.append(group).append(": ").append(count[0]).append(" of ").append(count[1])
                .append(" right\n"));
        System.out.println(table);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count[0]).isEqualTo(count[1]));
    }
}
