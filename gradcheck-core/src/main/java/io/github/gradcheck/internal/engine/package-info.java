/**
 * The numeric engine: not API, and not exported by the module. It measures the loss's noise,
 * takes the difference quotients element by element (or along random directions), classifies each
 * element ({@code ElementClassifier} holds the verdict), diagnoses blocks, and assembles the
 * immutable report. Classes here may change in any release.
 */
package io.github.gradcheck.internal.engine;
