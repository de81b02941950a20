/**
 * The one adapter between Kafka Streams and the services' decisions: a processor keyed by
 * lead that owns its context, stores, the headers its results carry, erased leads, timers
 * and meters; and the RocksDB settings its stores run with ({@link RocksDbSettings}).
 */
@NullMarked
package io.handoff.events.streams;

import org.jspecify.annotations.NullMarked;
