package io.github.gradcheck.examples;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.assertj.GradCheckAssertions;
import io.github.gradcheck.report.GradientCheckReport;

/**
 * The main job: runs the seed assignment's gradient checks and prints what a user would see,
 * the reports for the one-dimensional check and the fixed network, and the failure message a
 * test shows for the network with the assignment's bugs.
 */
public final class SeedChecks {

    private SeedChecks() {
    }

    public static void main(String[] args) {
        // The assignment's numbers come from the course's fixed ε = 1e-7; the library's default
        // steps are relative to each parameter (see section 5).
        GradientChecker checker = GradientChecker.defaults().withEpsilon(GradientChecker.COURSE_EPSILON);
        section("1. One-dimensional check, J(θ) = θx at x = 2, θ = 4 (the assignment prints 2.919335883291695e-10)");
        GradientCheckReport oneDimensional = checker.check(OneDimensionalLinear.assignmentTestCase());
        System.out.println(oneDimensional);
        printDifference(oneDimensional);

        section("2. Three-layer network with the assignment's two backpropagation bugs (it prints 0.2850931567761624)");
        GradientCheckReport buggy = checker.check(ThreeLayerNet.assignmentTestCaseWithBugs());
        try {
            GradCheckAssertions.assertThat(buggy).passes();
            System.out.println("UNEXPECTED: the buggy network passed");
        } catch (AssertionError failure) {
            System.out.println("A test asserting assertThat(report).passes() fails with:");
            System.out.println(failure.getMessage());
        }
        printDifference(buggy);

        section("3. Three-layer network with the bugs fixed (the assignment's reference: about 1.19e-07)");
        GradientCheckReport fixed = checker.check(ThreeLayerNet.assignmentTestCase());
        System.out.println(fixed);
        printDifference(fixed);

        section("4. Logistic regression with L2 regularisation, 200 examples × 8 features (default settings)");
        System.out.println(GradientChecker.defaults().check(LogisticRegression.syntheticProblem(200, 8, 0.1, 42)));

        section("5. The fixed network again, with the default relative steps εᵢ = ∛u · max(|θᵢ|, 1)");
        GradientCheckReport relative = GradientChecker.defaults().check(ThreeLayerNet.assignmentTestCase());
        System.out.println(relative);
        printDifference(relative);
    }

    private static void printDifference(GradientCheckReport report) {
        System.out.println("\n  difference to 16 digits: " + report.difference());
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("=".repeat(title.length()));
        System.out.println(title);
        System.out.println("=".repeat(title.length()));
    }
}
