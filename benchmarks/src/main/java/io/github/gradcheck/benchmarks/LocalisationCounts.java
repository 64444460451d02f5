package io.github.gradcheck.benchmarks;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.CheckMode;
import io.github.gradcheck.report.GradientCheckReport;

/**
 * Prints the loss evaluations random-direction mode takes to find one wrong element among N,
 * against a full check's: counts, not times, so the same on every machine.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.gradcheck.benchmarks.LocalisationCounts}.
 */
public final class LocalisationCounts {

    private LocalisationCounts() {
    }

    public static void main(String[] args) {
        System.out.println("| N | wrong element | found | loss evaluations | full check |");
        System.out.println("|---:|---|---|---:|---:|");
        for (int hidden : new int[] {10, 100, 1000, 10000}) {
            int wrong = 7 * hidden + 5;
            Mlp model = new Mlp(99, hidden, 1, 3, wrong);
            GradientCheckReport report = GradientChecker.defaults().withMode(CheckMode.RANDOM_DIRECTIONS)
                    .check(model, model.initialPoint(4));
            String found = report.worstOffenders().isEmpty() ? "none" : report.worstOffenders().get(0).parameter()
                    + (report.worstOffenders().get(0).index() == wrong ? "" : " (wrong!)");
            System.out.printf("| %d | %s | %s | %d | %d |%n", report.parameterCount(), model.layout().label(wrong), found,
                    report.lossEvaluations(), report.fullCheckEvaluations());
        }
    }
}
