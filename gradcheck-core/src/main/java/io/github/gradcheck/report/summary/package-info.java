/**
 * The end-of-run summary of every gradient check in a test run, and its three writers: a few
 * lines for the console ({@link io.github.gradcheck.report.summary.SummaryConsole}), a
 * self-contained HTML page with a heatmap per block ({@link io.github.gradcheck.report.summary.SummaryHtml})
 * and JSON of a documented shape for tools ({@link io.github.gradcheck.report.summary.SummaryJson}).
 *
 * <p>Like the rest of the report layer, nothing here knows of JUnit: the JUnit front end fills a
 * {@link io.github.gradcheck.report.summary.RunSummary} and hands it to the writers.
 */
package io.github.gradcheck.report.summary;
