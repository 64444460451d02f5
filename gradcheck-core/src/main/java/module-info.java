/**
 * The gradient checker without a test framework: implement {@link io.github.gradcheck.DifferentiableModel}
 * (or {@link io.github.gradcheck.DifferentiableFunction}) in production code if you like, and run
 * {@link io.github.gradcheck.GradientChecker} anywhere, a test or not. No runtime dependency.
 *
 * <ul>
 *   <li>{@code io.github.gradcheck}: the model API and the checker with its settings;</li>
 *   <li>{@code io.github.gradcheck.report}: the immutable report a check returns;</li>
 *   <li>{@code io.github.gradcheck.report.summary}: a run's reports as console text, HTML and JSON.</li>
 * </ul>
 * The numeric engine ({@code internal.engine}) and the factory that builds reports
 * ({@code internal.report}) are not exported; the message texts ({@code internal.text}) only to
 * the JUnit front end.
 */
module io.github.gradcheck {
    exports io.github.gradcheck;
    exports io.github.gradcheck.report;
    exports io.github.gradcheck.report.summary;
    exports io.github.gradcheck.internal.format to io.github.gradcheck.junit;
    exports io.github.gradcheck.internal.text to io.github.gradcheck.junit;
}
