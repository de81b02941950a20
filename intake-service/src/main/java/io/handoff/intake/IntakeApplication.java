package io.handoff.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The intake service.
 */
@SpringBootApplication
public class IntakeApplication {

	/**
	 * The application, reading its own {@code intake-service.yml} (services may share a
	 * JVM and a classpath).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(IntakeApplication.class).properties("spring.config.name=intake-service");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
