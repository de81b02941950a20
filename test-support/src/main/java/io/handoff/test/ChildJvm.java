package io.handoff.test;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process of its own started from the test's classpath, for tests that kill what they
 * test: a service (ready when its readiness probe says so) or a Kafka broker (ready when
 * its port accepts). Each start logs to {@code <logs>/<name>-<attempt>.log}, and a
 * process that dies while it is awaited says where its log is.
 */
public final class ChildJvm {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** Every port {@link #freePort()} handed out in this JVM. */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private final String name;

	private final Path logs;

	private final List<String> command = new ArrayList<>();

	private final int port;

	private final boolean service;

	private Process process;

	private int attempt;

	private ChildJvm(String name, Path logs, int port, boolean service, List<String> command) {
		this.name = name;
		this.logs = logs;
		this.port = port;
		this.service = service;
		this.command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		this.command.addAll(command);
	}

	/**
	 * What every child JVM starts with, as tests start and kill many of them on a few
	 * cores: the classes of the test's class path (Spring's, Kafka's, ours: all built and
	 * trusted here) are not verified as they load, a fifth less CPU for a service's start
	 * (measured, scoring alone: 15.6 s of CPU against 18.6 and 21.3 s with verification).
	 */
	static final List<String> QUICK_START = List.of("-XX:+UnlockDiagnosticVMOptions",
			"-XX:-BytecodeVerificationRemote");

	/**
	 * A Spring Boot service: {@code jvmOptions} then {@code application}'s main class on
	 * a free port with {@code arguments}.
	 */
	public static ChildJvm service(String name, Path logs, List<String> jvmOptions, Class<?> application,
			String... arguments) {
		int port = freePort();
		List<String> command = new ArrayList<>(QUICK_START);
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classpath(), application.getName(), "--server.port=" + port));
		command.addAll(List.of(arguments));
		return new ChildJvm(name, logs, port, true, command);
	}

	/**
	 * A KRaft broker on {@code port}, from its {@code server.properties} (storage
	 * formatted already).
	 */
	public static ChildJvm broker(String name, Path logs, int port, Path properties) {
		List<String> command = new ArrayList<>(QUICK_START);
		command.addAll(List.of("-Xmx512m", "-cp", classpath(), "kafka.Kafka", properties.toString()));
		return new ChildJvm(name, logs, port, false, command);
	}

	/**
	 * Runs a tool of the test's classpath (such as Kafka's storage format) to its end;
	 * whether it succeeded.
	 */
	public static boolean run(Path log, Duration limit, String mainClass, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List
			.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(), mainClass));
		command.addAll(List.of(arguments));
		Process tool = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return tool.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) && tool.exitValue() == 0;
	}

	public void start() throws IOException {
		Files.createDirectories(this.logs);
		this.attempt++;
		this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(new File(this.logs.toFile(), this.name + "-" + this.attempt + ".log"))
			.start();
	}

	/**
	 * Waits until the process is ready; fails at once, naming its log, if it dies
	 * meanwhile.
	 */
	public void awaitReady(Duration limit) {
		await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " died; see " + this.logs.resolve(this.name + "-" + this.attempt + ".log"));
			}
			return this.service ? ready() : accepts();
		});
	}

	private boolean ready() throws InterruptedException {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private boolean accepts() {
		try (Socket socket = new Socket("localhost", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** SIGKILL: no shutdown hook, no flush, no goodbye. */
	public void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			waitFor();
		}
	}

	/** SIGTERM: the process shuts down as an operator would stop it. */
	public void stop() {
		if (this.process != null) {
			this.process.destroy();
			waitFor();
		}
	}

	private void waitFor() {
		try {
			this.process.waitFor(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The classpath of the running tests, so a child runs the same classes. */
	public static String classpath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

	/**
	 * A port nothing listens on now and that this JVM has not handed out before. The port
	 * is free again once it is found, so the system may give it out twice; two services
	 * of one stack once got the same one, and the second's readiness probe was answered
	 * by the first.
	 */
	public static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (HANDED_OUT.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No port found that was not handed out already: " + HANDED_OUT.size());
	}

}
