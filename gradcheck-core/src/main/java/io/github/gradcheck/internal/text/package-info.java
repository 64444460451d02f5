/**
 * The words of a report: failure messages, tables, number formats and the texts an IDE's diff
 * viewer shows. Not API; exported by the module to the JUnit front end only, which prints them.
 */
package io.github.gradcheck.internal.text;
