/**
 * The result of a gradient check as one immutable value: the verdict, each block's summary and
 * diagnosis, the worst offenders, the settings the check ran with. Data only: the words are
 * written by the text, HTML and JSON writers, and the report is built by the checker, not by
 * users.
 *
 * <p>Nothing here runs a model or knows of JUnit: this package is what the numeric engine hands
 * down, and what front ends read. The checker builds these values; their constructors are not
 * public, so users read a report but do not make one.
 */
package io.github.gradcheck.report;
