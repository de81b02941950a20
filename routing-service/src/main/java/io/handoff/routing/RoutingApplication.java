package io.handoff.routing;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.handoff.events.ServiceApplication;

/**
 * The routing service.
 */
@SpringBootApplication
@ServiceApplication.Named("routing-service")
public class RoutingApplication {

	public static void main(String[] args) {
		ServiceApplication.builder(RoutingApplication.class).run(args);
	}

}
