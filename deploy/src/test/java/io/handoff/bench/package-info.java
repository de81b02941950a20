/**
 * Benchmarks run by {@code deploy/bench/*}, not by the test suite.
 */
package io.handoff.bench;
