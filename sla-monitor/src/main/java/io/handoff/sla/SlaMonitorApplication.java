package io.handoff.sla;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The SLA monitor.
 */
@SpringBootApplication
public class SlaMonitorApplication {

	/**
	 * The application, reading its own {@code sla-monitor.yml} (services may share a JVM
	 * and a classpath).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(SlaMonitorApplication.class).properties("spring.config.name=sla-monitor");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
