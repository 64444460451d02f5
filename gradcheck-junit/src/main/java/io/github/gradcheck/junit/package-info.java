/**
 * The JUnit Jupiter front end: {@link io.github.gradcheck.junit.GradientCheck} marks a test
 * method that runs once per {@link io.github.gradcheck.junit.ModelUnderTest} (and per model
 * state), checks the model before the method and injects the report; a failed check fails the
 * test with the worst offending parameters. {@link io.github.gradcheck.junit.GradientCheckSummaryListener},
 * found through {@code ServiceLoader}, writes the end-of-run summary. Settings resolve from the
 * annotation's attribute, then the {@code junit-platform.properties} key, then the documented
 * default.
 */
package io.github.gradcheck.junit;
