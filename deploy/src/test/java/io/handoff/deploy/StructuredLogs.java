package io.handoff.deploy;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The test JVM's log encoder: Spring Boot's structured (ECS JSON) encoder once Boot has
 * configured logging, plain lines before that (the embedded broker logs before any
 * application starts, and Boot's encoder needs its environment).
 */
public class StructuredLogs extends EncoderBase<ILoggingEvent> {

	private String format = "ecs";

	private Encoder<ILoggingEvent> delegate;

	public void setFormat(String format) {
		this.format = format;
	}

	@Override
	public void start() {
		StructuredLogEncoder structured = new StructuredLogEncoder();
		structured.setContext(getContext());
		structured.setFormat(this.format);
		try {
			structured.start();
			this.delegate = structured;
		}
		catch (IllegalStateException ex) {
			PatternLayoutEncoder plain = new PatternLayoutEncoder();
			plain.setContext(getContext());
			plain.setPattern("%d %-5level [%thread] %logger{36} : %msg%n");
			plain.start();
			this.delegate = plain;
		}
		super.start();
	}

	@Override
	public byte[] headerBytes() {
		return this.delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return this.delegate.encode(event);
	}

	@Override
	public byte[] footerBytes() {
		return this.delegate.footerBytes();
	}

}
