package io.handoff.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's SMTP server: accepts every e-mail sla-monitor sends (warnings, breaches, ignored leads) and keeps
 * each as an {@code .eml} file, with a line per e-mail in its log, so the escalations can be seen without a mail
 * account.
 *
 * <p>Arguments: {@code <port> <directory>}.
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
		int written = 0;
		while (true) {
			MimeMessage[] received = smtp.getReceivedMessages();
			for (; written < received.length; written++) {
				MimeMessage message = received[written];
				String to = Arrays.stream(message.getAllRecipients()).map(Object::toString).collect(Collectors.joining(", "));
				Files.writeString(directory.resolve(String.format("%05d.eml", written + 1)),
						GreenMailUtil.getWholeMessage(message));
				System.out.printf("mail %05d to %s: %s%n", written + 1, to, message.getSubject());
			}
			Thread.sleep(500);
		}
	}

}
