package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topics;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.streams.TopologyWiring;
import io.handoff.routing.roster.Roster;
import io.handoff.routing.roster.SalesOrganisation;

/**
 * The routing topology. Keyed by lead, the {@link LeadRouter} works out what each lead
 * needs and takes the steps that need only the organisation (account owner, territory);
 * re-keyed by team, the {@link TeamQueue} decides one team's queue in one place (weighted
 * round robin, open-lead counts, overflow). Assignments go to {@code leads.assigned},
 * which the router reads back to know who holds each lead.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingTopology {

	/**
	 * What the function {@code route} reads and writes: routing-service.yml binds the
	 * same (RoutingTopologyTests).
	 */
	public static final TopologyWiring<LeadAssigned> WIRING = new TopologyWiring<>("route",
			List.of(Topics.LEADS_SCORED, Topics.LEADS_ASSIGNED, Topics.LEADS_RETURNED, Topics.LEADS_OUTCOMES,
					Topics.ARBITRATION_RULINGS, Topics.SLA_EVENTS, Topics.LEADS_ERASURES),
			Topics.LEADS_ASSIGNED);

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, LeadAssigned>> route(
			SalesOrganisation organisation, BusinessCalendars.Built calendars, Clock clock, MeterRegistry meters,
			@Value("${handoff.routing.overflow-tick:PT1S}") Duration tick) {
		Function<KStream<String, Object>, KStream<String, LeadAssigned>> route = topology(organisation::roster,
				calendars, clock, tick, meters);
		return (events, agreements) -> route.apply(events);
	}

	/**
	 * The business calendars of {@code handoff.calendars}
	 * ({@code handoff-calendars.yml}), shared with sla-monitor.
	 */
	@Bean
	BusinessCalendars.Built businessCalendars(Environment environment) {
		return BusinessCalendars.from(environment);
	}

	/**
	 * The topology itself, free of Spring so a test driver can run it; the agreements'
	 * global store ({@code AgreementSerde.STORE}) must be in the same topology. (Not
	 * called {@code route}: the binder finds the function bean's type by its method's
	 * name.)
	 */
	public static Function<KStream<String, Object>, KStream<String, LeadAssigned>> topology(Supplier<Roster> roster,
			BusinessCalendars.Built calendars, Clock clock, Duration tick, MeterRegistry meters) {
		return (events) -> events.process(new LeadRouter(roster, calendars, clock, meters))
			// One team's queue is decided in one place: every request of a team meets on
			// one partition.
			.repartition(Repartitioned.with(Serdes.String(), LeadEventsJson.serde(QueueRequest.class))
				.withName("team-queue"))
			.process(new TeamQueue(roster, calendars, clock, tick, meters));
	}

	@Bean
	Serde<LeadAssigned> leadAssignedSerde() {
		return Topics.LEADS_ASSIGNED.valueSerde();
	}

}
