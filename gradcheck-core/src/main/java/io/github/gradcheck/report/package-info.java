/**
 * The result of a gradient check as one immutable value, and the plain-text writer every front
 * end (the JUnit extension, the AssertJ assertions, the console) reads it through.
 *
 * <p>Nothing here runs a model or knows of JUnit: this package is what the numeric engine hands
 * down, and what front ends read. The checker builds these values; their constructors are not
 * public, so users read a report but do not make one.
 */
package io.github.gradcheck.report;
