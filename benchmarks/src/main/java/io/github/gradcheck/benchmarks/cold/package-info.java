/**
 * The two one-test classes that {@code ColdRun} runs each in a fresh JVM: the same logistic
 * regression checked by {@code @GradientCheck}, and evaluated by a plain {@code @Test}. They live in
 * the main sources so that they are in {@code benchmarks.jar}; the build's test run does not run them.
 */
package io.github.gradcheck.benchmarks.cold;
