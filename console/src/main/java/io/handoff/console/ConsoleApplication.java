package io.handoff.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.handoff.events.ServiceApplication;

/**
 * The console: one web application for the people of the agreement (the judge, marketing
 * and sales operations, managers, executives), rendered on the server from the services'
 * APIs.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@ServiceApplication.Named("console")
public class ConsoleApplication {

	public static void main(String[] args) {
		ServiceApplication.builder(ConsoleApplication.class).run(args);
	}

}
