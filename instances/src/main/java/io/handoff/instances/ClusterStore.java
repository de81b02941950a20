package io.handoff.instances;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One state store of this service, read across every instance: {@link #get} from the
 * instance that owns the key, {@link #all} and {@link #entries} gathered from the owner
 * of every partition.
 *
 * @param <V> its values
 */
public final class ClusterStore<V> {

	/**
	 * The response header that names what a gathered answer lacks: the partitions whose
	 * owner could not be reached. An answer without it is complete.
	 */
	public static final String INCOMPLETE_HEADER = "Handoff-Incomplete";

	private final ClusterStores cluster;

	private final String name;

	private final Class<V> type;

	ClusterStore(ClusterStores cluster, String name, Class<V> type) {
		this.cluster = cluster;
		this.name = name;
		this.type = type;
	}

	/** The value of {@code key}, read where its partition lives. */
	public @Nullable V get(String key) {
		return get(key, key);
	}

	/**
	 * The value of {@code key} in a store partitioned by something else
	 * ({@code partitionKey}: a team's stores behind a repartition by team, say).
	 */
	public @Nullable V get(String key, String partitionKey) {
		return only(this.cluster.read(this.name, this.type, List.of(this.cluster.partitionOf(this.name, partitionKey)),
				key));
	}

	/**
	 * The value of {@code key} in whichever partition holds it: for keys that are not
	 * what the store is partitioned by.
	 */
	public @Nullable V find(String key) {
		return only(this.cluster.read(this.name, this.type, everyPartition(), key));
	}

	/**
	 * Every value, from every partition, in no particular order. A partition whose owner
	 * cannot be reached, with no standby that answers, is left out and named in the
	 * {@value #INCOMPLETE_HEADER} header of the response being written; one that is being
	 * restored or moved makes the read fail as not ready (503).
	 */
	public List<V> all() {
		return entries().stream().map(Entry::value).toList();
	}

	/**
	 * Every key and value, from every partition, in the order of their keys; what is
	 * missing as in {@link #all}.
	 */
	public List<Entry<V>> entries() {
		ClusterStores.Read<Entry<V>> read = this.cluster.read(this.name, this.type, everyPartition(), null);
		nameMissing(read.missing());
		return read.entries().stream().sorted(Comparator.comparing(Entry::key)).toList();
	}

	/**
	 * Names what a gathered answer lacks in the {@value #INCOMPLETE_HEADER} header of the
	 * response being written.
	 */
	static void nameMissing(List<String> missing) {
		if (!missing.isEmpty()
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			HttpServletResponse response = request.getResponse();
			if (response != null) {
				missing.forEach((partition) -> response.addHeader(INCOMPLETE_HEADER, partition));
			}
		}
	}

	/**
	 * The values of the partitions whose active copy runs on this instance now, and no
	 * other: for what each instance reports of its own share (a gauge, summed over
	 * instances), never for an answer.
	 */
	public List<V> here() {
		return this.cluster.activeHere(this.name, this.type);
	}

	List<Entry<V>> local(List<Integer> partitions, @Nullable String key, boolean stale) {
		return this.cluster.local(this.name, this.type, partitions, key, stale);
	}

	private @Nullable V only(ClusterStores.Read<Entry<V>> read) {
		if (read.entries().isEmpty() && !read.missing().isEmpty()) {
			// Not "not found": the partition that would hold it did not answer.
			throw new InvalidStateStoreException("No instance answered for " + read.missing().get(0));
		}
		return read.entries().isEmpty() ? null : read.entries().get(0).value();
	}

	private List<Integer> everyPartition() {
		return IntStream.range(0, this.cluster.partitionCount(this.name)).boxed().toList();
	}

	/**
	 * One key and its value.
	 *
	 * @param key the key
	 * @param value its value
	 * @param <V> the value's type
	 */
	public record Entry<V>(String key, V value) {
	}

}
