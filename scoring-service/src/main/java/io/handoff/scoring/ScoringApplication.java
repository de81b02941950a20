package io.handoff.scoring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.handoff.events.ServiceApplication;

/**
 * The scoring service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@ServiceApplication.Named("scoring-service")
public class ScoringApplication {

	public static void main(String[] args) {
		ServiceApplication.builder(ScoringApplication.class).run(args);
	}

}
