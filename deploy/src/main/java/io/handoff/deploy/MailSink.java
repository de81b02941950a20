package io.handoff.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's SMTP server: accepts every e-mail sla-monitor sends (warnings,
 * breaches, ignored leads) and keeps each as an {@code .eml} file, with a line per e-mail
 * in its log, so the escalations can be seen without a mail account.
 *
 * <p>
 * Arguments: {@code <port> <directory>}.
 */
public final class MailSink {

	private MailSink() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path directory = Path.of(args[1]);
		Files.createDirectories(directory);
		GreenMail smtp = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
		System.out.printf("mail sink: SMTP on localhost:%d, e-mails kept in %s%n", port, directory);
		int read = 0;
		int written = 0;
		// The server keeps a copy per recipient: an e-mail to two people is written once.
		Set<String> seen = new HashSet<>();
		while (true) {
			MimeMessage[] received = smtp.getReceivedMessages();
			for (; read < received.length; read++) {
				MimeMessage message = received[read];
				if (message.getMessageID() != null && !seen.add(message.getMessageID())) {
					continue;
				}
				written++;
				String to = Arrays.stream(message.getAllRecipients())
					.map(Object::toString)
					.collect(Collectors.joining(", "));
				Files.writeString(directory.resolve(String.format("%05d.eml", written)),
						GreenMailUtil.getWholeMessage(message));
				System.out.printf("mail %05d to %s: %s%n", written, to, message.getSubject());
			}
			Thread.sleep(500);
		}
	}

}
