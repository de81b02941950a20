package io.handoff.sla;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.handoff.events.ServiceApplication;

/**
 * The SLA monitor.
 */
@SpringBootApplication
@ServiceApplication.Named("sla-monitor")
public class SlaMonitorApplication {

	public static void main(String[] args) {
		ServiceApplication.builder(SlaMonitorApplication.class).run(args);
	}

}
