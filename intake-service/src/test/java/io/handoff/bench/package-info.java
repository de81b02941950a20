/**
 * Benchmarks: run by {@code deploy/bench}, never by the test suite; each figure beside a
 * baseline of the same run.
 */
@NullMarked
package io.handoff.bench;

import org.jspecify.annotations.NullMarked;
