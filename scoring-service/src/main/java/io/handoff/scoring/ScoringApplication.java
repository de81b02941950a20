package io.handoff.scoring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The scoring service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScoringApplication {

	/**
	 * The application, reading its own {@code scoring-service.yml} (services may share a
	 * JVM and a classpath).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ScoringApplication.class).properties("spring.config.name=scoring-service");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
