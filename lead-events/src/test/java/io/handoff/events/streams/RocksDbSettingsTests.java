package io.handoff.events.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RocksDbSettingsTests {

	@Test
	void storesWriteCompressedFilesAndShareOneMemoryBudget(@TempDir Path dir) throws Exception {
		RocksDB.loadLibrary();
		RocksDbSettings settings = new RocksDbSettings();
		try (Options first = storeOptions(); Options second = storeOptions()) {
			settings.setConfig("lead-routing", first, Map.of());
			settings.setConfig("evidence", second, Map.of());
			assertThat(first.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
			assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
			long written = 0;
			try (RocksDB store = RocksDB.open(first, dir.toString());
					FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
				byte[] key = null;
				for (int i = 0; i < 20_000; i++) {
					byte[] value = lead(i).getBytes(StandardCharsets.UTF_8);
					key = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
					store.put(key, value);
					written += value.length;
				}
				store.flush(flush);
				assertThat(new String(store.get(key), StandardCharsets.UTF_8)).contains("rep-14");
			}
			settings.close("lead-routing", first);
			// JSON like a lead's state shrinks to well under half under LZ4; uncompressed
			// files would be as large as what was written.
			assertThat(files(dir, ".sst")).isPositive().isLessThan(written / 2);
		}
	}

	@Test
	void aBudgetThatIsNotANumberOfBytesSaysWhich() {
		assertThat(RocksDbSettings.bytes(Map.of(), RocksDbSettings.BLOCK_CACHE, 7)).isEqualTo(7);
		assertThat(RocksDbSettings.bytes(Map.of(RocksDbSettings.MEMTABLES, " 1048576 "), RocksDbSettings.MEMTABLES, 7))
			.isEqualTo(1_048_576);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RocksDbSettings.bytes(Map.of(RocksDbSettings.BLOCK_CACHE, "64MB"),
					RocksDbSettings.BLOCK_CACHE, 7))
			.withMessage("handoff.rocksdb.block-cache-bytes must be a number of bytes above 0, not \"64MB\"");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> RocksDbSettings.bytes(Map.of(RocksDbSettings.MEMTABLES, "0"), RocksDbSettings.MEMTABLES, 7))
			.withMessageContaining("handoff.rocksdb.memtable-bytes");
	}

	/**
	 * Options as Kafka Streams hands them to the setter: a block-based table set, no
	 * compression.
	 */
	private static Options storeOptions() {
		return new Options().setCreateIfMissing(true)
			.setCompressionType(CompressionType.NO_COMPRESSION)
			.setTableFormatConfig(new BlockBasedTableConfig());
	}

	private static String lead(int i) {
		return "{\"leadId\":\"" + UUID.randomUUID() + "\",\"state\":\"ASSIGNED\",\"queue\":\"enterprise-west\","
				+ "\"current\":{\"repId\":\"rep-" + (i % 35) + "\",\"repName\":\"Rep " + (i % 35)
				+ "\",\"team\":\"enterprise-west\",\"method\":\"ROUND_ROBIN\",\"grade\":\"A\",\"agreementVersion\":3,"
				+ "\"steps\":[{\"type\":\"in-territory\",\"territory\":\"North America enterprise\"}]}}";
	}

	private static long files(Path dir, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			long size = 0;
			for (Path file : files.filter((path) -> path.toString().endsWith(suffix)).toList()) {
				size += Files.size(file);
			}
			return size;
		}
	}

}
