package io.handoff.events.streams;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RocksDB as every Handoff state store runs it ({@code rocksdb.config.setter} of each
 * Streams service): files compressed with LZ4, and one block cache and one memtable
 * budget shared by all the stores of the process.
 *
 * <p>
 * Kafka Streams' defaults write uncompressed files and give every store of every task a
 * 50 MB block cache and up to three 16 MB memtables of its own: with 12 tasks and four to
 * eight stores a service, memory grows with the partitions and the stores rather than
 * with a budget, and a million leads took 1.3 to 2 KB of disk per lead in each of the
 * larger stores (JSON, which LZ4 shrinks to between a half and a third).
 * {@code docs/benchmarks.md} has the figures.
 *
 * <p>
 * The budget: one LRU cache of {@value #BLOCK_CACHE_BYTES} plus {@value #MEMTABLE_BYTES}
 * bytes, in which the memtables of all stores take at most {@value #MEMTABLE_BYTES} (a
 * full budget flushes the largest), unless the Streams configuration sets
 * {@code handoff.rocksdb.block-cache-bytes} or {@code handoff.rocksdb.memtable-bytes}.
 * The first store opened in the process fixes them; a store does not close them (the
 * others use them). Index and filter blocks stay outside it, as Kafka Streams keeps them:
 * they grow with the state, a few megabytes a store per million keys.
 */
public final class RocksDbSettings implements RocksDBConfigSetter {

	/** The Streams configuration key of the shared block cache's size, in bytes. */
	public static final String BLOCK_CACHE = "handoff.rocksdb.block-cache-bytes";

	/** The Streams configuration key of all memtables' size together, in bytes. */
	public static final String MEMTABLES = "handoff.rocksdb.memtable-bytes";

	static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;

	static final long MEMTABLE_BYTES = 256L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(RocksDbSettings.class);

	private static @Nullable Shared shared;

	@Override
	public void setConfig(String storeName, Options options, Map<String, Object> configs) {
		Shared memory = shared(configs);
		BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
		table.setBlockCache(memory.cache());
		options.setTableFormatConfig(table);
		options.setWriteBufferManager(memory.memtables());
		options.setCompressionType(CompressionType.LZ4_COMPRESSION);
	}

	@Override
	public void close(String storeName, Options options) {
		// The cache and the memtable budget serve every store of the process: they live
		// as long as it does.
	}

	private static synchronized Shared shared(Map<String, Object> configs) {
		if (shared == null) {
			long cache = bytes(configs, BLOCK_CACHE, BLOCK_CACHE_BYTES);
			long memtables = bytes(configs, MEMTABLES, MEMTABLE_BYTES);
			Cache blocks = new LRUCache(cache + memtables);
			shared = new Shared(blocks, new WriteBufferManager(memtables, blocks));
			logger.info("RocksDB: one cache of {} MiB for every store of this process, memtables at most {} MiB of it",
					(cache + memtables) >> 20, memtables >> 20);
		}
		return shared;
	}

	static long bytes(Map<String, Object> configs, String key, long otherwise) {
		Object value = configs.get(key);
		if (value == null || value.toString().isBlank()) {
			return otherwise;
		}
		try {
			long bytes = Long.parseLong(value.toString().strip());
			if (bytes > 0) {
				return bytes;
			}
		}
		catch (NumberFormatException notANumber) {
			// Refused below, with the value given.
		}
		throw new IllegalArgumentException(key + " must be a number of bytes above 0, not \"" + value + "\"");
	}

	/** What every store of the process shares. */
	private record Shared(Cache cache, WriteBufferManager memtables) {
	}

}
