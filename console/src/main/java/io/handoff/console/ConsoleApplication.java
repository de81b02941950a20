package io.handoff.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The console: one web application for the people of the agreement (the judge, marketing
 * and sales operations, managers, executives), rendered on the server from the services'
 * APIs.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

	/**
	 * The application, reading its own {@code console.yml} (the services may share a JVM
	 * and a classpath).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=console");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
