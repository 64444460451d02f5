package io.github.gradcheck.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/**
 * A regression check on the suite, not a measure: wherever a finding across blocks is made about a
 * mutant, it names exactly the blocks the mutant changed (a whole-gradient factor all of them, an
 * entering error the failing prefix), never a block the bug left alone.
 */
class CrossBlockFindingsOnMutantsTest {

    @Test
    void findingsNameExactlyTheMutatedBlocks() {
        int withFindings = 0;
        for (Mutant mutant : Mutants.all()) {
            GradientCheckReport report = GradientChecker.defaults().check(mutant.model());
            for (CrossBlockDiagnosis finding : report.crossBlockDiagnoses()) {
                assertThat(finding.blocks()).as("%s%n%s", mutant, report).containsExactlyInAnyOrderElementsOf(mutant.blocks());
            }
            withFindings += report.crossBlockDiagnoses().isEmpty() ? 0 : 1;
        }
        // 22 of the 136 when this was written: whole-gradient factors, a flipped output delta, wrong derivatives.
        assertThat(withFindings).isPositive();
    }
}
