package io.handoff.arbitration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The arbitration service.
 */
@SpringBootApplication
public class ArbitrationApplication {

	/**
	 * The application, reading its own {@code arbitration-service.yml} (services may
	 * share a JVM and a classpath).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ArbitrationApplication.class)
			.properties("spring.config.name=arbitration-service");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
