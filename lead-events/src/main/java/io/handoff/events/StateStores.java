package io.handoff.events;

import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The services' state stores, all built one way: persistent (RocksDB, restored from a
 * changelog topic after a crash), keyed by string, and cached. The cache keeps each key's
 * latest value between commits, so a key written several times in one commit interval (a
 * team's round robin once per lead, a lead's evidence as its events arrive) reaches
 * RocksDB and the changelog once; under exactly-once the cache is flushed inside the
 * commit's transaction, so what a restart restores is still exactly what was committed.
 */
public final class StateStores {

	/**
	 * The changelogs' settings: a value overwritten (a lead erased, say) is compacted
	 * away within {@link Topic#EVENT_RETENTION}, not whenever the log's active segment
	 * happens to roll.
	 */
	private static final Map<String, String> CHANGELOG = Map.of(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
			Long.toString(Topic.EVENT_RETENTION.toMillis()));

	private StateStores() {
	}

	/** A persistent, cached key-value store named {@code name}, keyed by string. */
	public static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
		return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
			.withCachingEnabled()
			.withLoggingEnabled(CHANGELOG);
	}

	/**
	 * A store key that sorts by time: {@code epochMillis} as 20 digits and a {@code |},
	 * to which a store keyed by deadline adds what falls due; a range up to
	 * {@code epochKey(now) + '~'} finds everything due by now.
	 */
	public static String epochKey(long epochMillis) {
		String digits = Long.toString(epochMillis);
		return "00000000000000000000".substring(digits.length()) + digits + '|';
	}

}
