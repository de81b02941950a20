package io.handoff.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * A service's books over compacted topics ({@link CompactedTopicBook}), opened before its
 * stream processors start (phase 0), so they never decide against a book not yet read,
 * and closed when the application stops. A subclass opens its books in
 * {@link #openBooks()} and reads or seeds there what it needs; if that fails, what was
 * opened is closed again and the application does not start.
 */
public abstract class TopicBooks implements SmartLifecycle {

	private final Map<String, Object> producer;

	private final Map<String, Object> consumer;

	private final List<CompactedTopicBook<?>> opened = new ArrayList<>();

	private volatile boolean running;

	/**
	 * From the start of {@link #openBooks()} to {@link #stop()}: while the books may be
	 * read.
	 */
	private volatile boolean open;

	/**
	 * @param producer the settings of the books' writers (the application's Kafka
	 * producer settings)
	 * @param consumer the settings of their readers
	 */
	protected TopicBooks(Map<String, Object> producer, Map<String, Object> consumer) {
		this.producer = Map.copyOf(producer);
		this.consumer = Map.copyOf(consumer);
	}

	/**
	 * Opens the book of {@code topic}: it is read to its end before this returns, and
	 * closed on stop.
	 */
	protected final <V> CompactedTopicBook<V> open(Topic<V> topic) {
		CompactedTopicBook<V> book = new CompactedTopicBook<>(topic, this.producer, this.consumer);
		this.opened.add(book);
		return book;
	}

	/** Opens this service's books ({@link #open}) and reads or seeds what they need. */
	protected abstract void openBooks();

	@Override
	public final synchronized void start() {
		this.open = true;
		try {
			openBooks();
		}
		catch (RuntimeException ex) {
			closeBooks();
			throw ex;
		}
		this.running = true;
	}

	@Override
	public final synchronized void stop() {
		this.running = false;
		closeBooks();
	}

	private void closeBooks() {
		this.open = false;
		this.opened.forEach(CompactedTopicBook::close);
		this.opened.clear();
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	/** Before the stream processors start, so they never read an empty book. */
	@Override
	public int getPhase() {
		return 0;
	}

	/**
	 * The versions of a book that keeps each version under a key of its own and a copy of
	 * the one in force under {@code activeKey}: by version number, the copy left out.
	 */
	protected static <V> TreeMap<Integer, V> versions(Map<String, V> everything, String activeKey,
			ToIntFunction<V> version) {
		TreeMap<Integer, V> versions = new TreeMap<>();
		everything.forEach((key, value) -> {
			if (!activeKey.equals(key)) {
				versions.put(version.applyAsInt(value), value);
			}
		});
		return versions;
	}

	/**
	 * {@code book} while the books are open; before they are, or once they are closed, a
	 * clear refusal naming it.
	 */
	protected final <B> B opened(@Nullable B book, String name) {
		if (book == null || !this.open) {
			throw new IllegalStateException("The " + name + " is not started");
		}
		return book;
	}

}
