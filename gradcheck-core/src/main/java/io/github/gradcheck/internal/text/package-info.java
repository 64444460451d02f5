/**
 * The words of a report: failure messages, diagnoses, text tables and the texts an IDE's diff
 * viewer shows; numbers, shapes and labels come from {@code internal.format}. Not API; exported by
 * the module to the JUnit front end only, which prints them.
 */
package io.github.gradcheck.internal.text;
