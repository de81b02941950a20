/**
 * What Handoff's integration tests share: one real Kafka broker per test JVM and a way to
 * read its topics.
 */
@NullMarked
package io.handoff.test;

import org.jspecify.annotations.NullMarked;
