package io.handoff.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A task run again and again while started, each run a fixed delay after the last, on a
 * daemon thread of its own. Stopping interrupts a run under way and waits for it to end,
 * so what the task uses can be closed after it.
 */
public final class Ticker {

	private final String threadName;

	private final Duration first;

	private final Duration delay;

	private final Runnable task;

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * Runs {@code task}, once started, on a thread named {@code threadName}: first after
	 * {@code first}, then {@code delay} after each run ends.
	 */
	public Ticker(String threadName, Duration first, Duration delay, Runnable task) {
		this.threadName = threadName;
		this.first = first;
		this.delay = delay;
		this.task = task;
	}

	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, this.threadName);
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this.task, this.first.toMillis(), this.delay.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	public synchronized void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		executor.shutdownNow();
		try {
			executor.awaitTermination(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

	public boolean isRunning() {
		return this.executor != null;
	}

}
