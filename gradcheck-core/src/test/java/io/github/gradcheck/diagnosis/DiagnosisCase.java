package io.github.gradcheck.diagnosis;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One bug (or none) in a model, and what the diagnosis must say: the kind and numbers of named blocks,
 * and exactly which findings across blocks, no more. Kinds are compared by name so that a checker
 * without a kind reads as getting it wrong, not as failing to compile.
 *
 * @param name what the case is
 * @param group {@code pattern} (a bug to name), {@code near-miss} (a pattern that must not be claimed) or {@code control}
 * @param model the model, made afresh
 * @param theta where it is checked
 * @param blocks what named blocks must say
 * @param findings exactly the findings across blocks there must be
 */
record DiagnosisCase(String name, String group, Supplier<DifferentiableFunction> model, double[] theta,
                     List<BlockExpectation> blocks, List<FindingExpectation> findings) {

    /**
     * A block's expected diagnosis: its kind's name; its factor and λ where not NaN (within 0.1 %); a
     * detail where not null (the shift, the column-major side, the wrong elements).
     */
    record BlockExpectation(String block, String kind, double factor, double lambda, String detail) {
        static BlockExpectation of(String block, String kind) {
            return new BlockExpectation(block, kind, Double.NaN, Double.NaN, null);
        }
    }

    /** An expected finding: its kind's name and blocks; its factor where not NaN (within 0.1 %); its units where not null. */
    record FindingExpectation(String kind, List<String> blocks, double factor, List<Integer> units) {
    }

    /** The same function with its gradient changed by {@code mutate}. */
    static DifferentiableFunction mutated(DifferentiableFunction function, UnaryOperator<double[]> mutate) {
        return new DifferentiableFunction() {
            @Override
            public ParameterLayout layout() {
                return function.layout();
            }

            @Override
            public double loss(double[] parameters) {
                return function.loss(parameters);
            }

            @Override
            public double[] gradient(double[] parameters) {
                return mutate.apply(function.gradient(parameters));
            }

            @Override
            public int batchSize() {
                return function.batchSize();
            }

            @Override
            public String name() {
                return function.name();
            }
        };
    }

    GradientCheckReport check() {
        return GradientChecker.defaults().check(model.get(), theta.clone());
    }

    /** What is wrong with the report's diagnosis, one line per difference; empty if it is right. */
    List<String> differences(GradientCheckReport report) {
        List<String> differences = new ArrayList<>();
        boolean shouldPass = group.equals("control");
        if (report.passed() != shouldPass) {
            differences.add(shouldPass ? "the correct model failed" : "the bug was not detected");
        }
        for (BlockExpectation expected : blocks) {
            BlockSummary block = report.block(expected.block());
            Diagnosis d = block.diagnosis();
            boolean right = d.kind().name().equals(expected.kind())
                    && close(d.factor(), expected.factor()) && close(d.lambda(), expected.lambda())
                    && (expected.detail() == null || expected.detail().equals(detail(d)));
            if (!right) {
                differences.add(expected.block() + ": expected " + expected + ", got " + d);
            }
        }
        List<Observed.Finding> seen = new ArrayList<>(Observed.findings(report));
        for (FindingExpectation expected : findings) {
            Observed.Finding match = seen.stream().filter(f -> f.kind().equals(expected.kind()) && f.blocks().equals(expected.blocks())
                    && close(f.factor(), expected.factor()) && (expected.units() == null || expected.units().equals(f.units())))
                    .findFirst().orElse(null);
            if (match == null) {
                differences.add("missing finding " + expected);
            } else {
                seen.remove(match);
            }
        }
        for (Observed.Finding extra : seen) {
            differences.add("finding claimed that should not be: " + extra);
        }
        return differences;
    }

    private static String detail(Diagnosis d) {
        return switch (d.kind().name()) {
            case "SHIFTED" -> String.valueOf(d.shift());
            case "COLUMN_MAJOR" -> Observed.columnMajorSide(d);
            case "FEW_ELEMENTS" -> d.wrongElements().toString();
            default -> "";
        };
    }

    private static boolean close(double actual, double expected) {
        return Double.isNaN(expected) || Math.abs(actual - expected) <= 1e-3 * Math.abs(expected);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-10s %s", group, name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DiagnosisCase that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }
}
