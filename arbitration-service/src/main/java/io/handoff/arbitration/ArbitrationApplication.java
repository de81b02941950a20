package io.handoff.arbitration;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.handoff.events.ServiceApplication;

/**
 * The arbitration service.
 */
@SpringBootApplication
@ServiceApplication.Named("arbitration-service")
public class ArbitrationApplication {

	public static void main(String[] args) {
		ServiceApplication.builder(ArbitrationApplication.class).run(args);
	}

}
