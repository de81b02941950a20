package io.handoff.events.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * {@code backup export} and {@code backup restore} from a shell, as Kafka's own tools
 * take their arguments:
 *
 * <pre>
 * export  --bootstrap-server HOST:PORT [--command-config FILE] --to FILE
 * restore --bootstrap-server HOST:PORT [--command-config FILE] --from FILE [--replication-factor N]
 *         [--transactional-id ID]
 * </pre>
 *
 * {@code --command-config} is a Kafka client properties file (security protocol, SASL,
 * TLS) for a secured cluster. It exits with 0 when done, 1 when the export or restore
 * failed (saying why, nothing restored), 2 on a wrong command.
 */
public final class BackupCommand {

	static final String USAGE = """
			Backs up and restores what lives only on Handoff's compacted topics: the agreement's versions, the sales
			organisation (reps, accounts, territories) and the webhook subscriptions.

			  export  --bootstrap-server HOST:PORT [--command-config FILE] --to FILE
			  restore --bootstrap-server HOST:PORT [--command-config FILE] --from FILE [--replication-factor N]
			          [--transactional-id ID]

			A restore goes into a cluster whose Handoff topics are missing or empty, before Handoff's services first
			start on it. --command-config names a Kafka client properties file (security.protocol, sasl.*, ssl.*), of
			a Kafka user that may write these topics and the transactional id (by default handoff-routing-restore,
			under routing-service's prefix).""";

	private BackupCommand() {
	}

	public static void main(String[] args) {
		// Before any logger exists: Kafka's clients log warnings and errors only, to
		// standard error (with Logback, as in a service's jar, or slf4j-simple, as on the
		// local stack's classpath).
		System.setProperty("logback.configurationFile", "io/handoff/events/backup/logback-backup.xml");
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.exit(run(args, System.out, System.err));
	}

	/** Runs one command; its exit status. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
			out.println(USAGE);
			return (args.length == 0) ? 2 : 0;
		}
		String command = args[0];
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				err.println("backup: " + args[i] + " needs a value (--option value); try --help");
				return 2;
			}
			options.put(args[i].substring(2), args[++i]);
		}
		List<String> allowed = switch (command) {
			case "export" -> List.of("bootstrap-server", "command-config", "to");
			case "restore" ->
				List.of("bootstrap-server", "command-config", "from", "replication-factor", "transactional-id");
			default -> List.of();
		};
		if (allowed.isEmpty()) {
			err.println("backup: no command '" + command + "': export or restore; try --help");
			return 2;
		}
		for (String option : options.keySet()) {
			if (!allowed.contains(option)) {
				err.println("backup " + command + ": no option --" + option + "; it takes --"
						+ String.join(", --", allowed));
				return 2;
			}
		}
		String fileOption = command.equals("export") ? "to" : "from";
		for (String needed : List.of("bootstrap-server", fileOption)) {
			if (!options.containsKey(needed)) {
				err.println("backup " + command + ": --" + needed + " is needed; try --help");
				return 2;
			}
		}
		String file = options.get(fileOption);
		short replicas = 0;
		if (options.containsKey("replication-factor")) {
			try {
				replicas = Short.parseShort(options.get("replication-factor"));
			}
			catch (NumberFormatException ex) {
				replicas = 0;
			}
			if (replicas < 1) {
				err.println("backup restore: --replication-factor takes a positive number, not "
						+ options.get("replication-factor"));
				return 2;
			}
		}
		try {
			Backup backup = new Backup(client(options),
					options.getOrDefault("transactional-id", Backup.RESTORE_WRITER));
			if (command.equals("export")) {
				BackupFile.Contents contents = backup.export(Path.of(file));
				out.println("Exported " + contents.counts() + " to " + file
						+ " (it holds people's names and e-mails: keep it as safe as the cluster)");
			}
			else {
				BackupFile.Contents contents = backup.restore(Path.of(file), replicas);
				out.println("Restored " + contents.counts() + " from " + file + ", taken " + contents.exportedAt());
			}
			return 0;
		}
		catch (NoSuchFileException ex) {
			err.println("backup " + command + " failed: there is no file " + ex.getFile());
			return 1;
		}
		catch (AccessDeniedException ex) {
			err.println("backup " + command + " failed: not allowed to "
					+ (command.equals("export") ? "write " : "read ") + ex.getFile());
			return 1;
		}
		catch (IOException | RuntimeException ex) {
			err.println("backup " + command + " failed: " + ex.getMessage());
			return 1;
		}
	}

	private static Map<String, Object> client(Map<String, String> options) throws IOException {
		Map<String, Object> client = new HashMap<>();
		if (options.containsKey("command-config")) {
			Properties properties = new Properties();
			try (InputStream in = Files.newInputStream(Path.of(options.get("command-config")))) {
				properties.load(in);
			}
			properties.forEach((key, value) -> client.put((String) key, value));
		}
		client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.get("bootstrap-server"));
		client.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "handoff-backup");
		return client;
	}

}
