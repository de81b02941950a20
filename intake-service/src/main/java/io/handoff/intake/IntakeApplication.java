package io.handoff.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.handoff.events.ServiceApplication;

/**
 * The intake service.
 */
@SpringBootApplication
@ServiceApplication.Named("intake-service")
public class IntakeApplication {

	public static void main(String[] args) {
		ServiceApplication.builder(IntakeApplication.class).run(args);
	}

}
