package io.handoff.routing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The routing service.
 */
@SpringBootApplication
public class RoutingApplication {

	/**
	 * The application, reading its own {@code routing-service.yml} (services may share a
	 * JVM and a classpath).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(RoutingApplication.class).properties("spring.config.name=routing-service");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
