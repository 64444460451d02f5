/**
 * How numbers, shapes and element labels are written, in one place for every writer: the
 * checker's messages, the engine's warnings, the report's text, HTML and JSON, and the
 * assertions' failure messages. It depends on nothing else in the library, so every layer may use
 * it without a cycle. Not exported but to the JUnit module; it may change in any release.
 */
package io.github.gradcheck.internal.format;
