package io.handoff.sla.clock;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import io.handoff.events.AgreementSerde;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.SlaEvent;
import io.handoff.events.StateStores;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.streams.InputEnds;
import io.handoff.events.streams.KeyedProcessor;
import io.handoff.events.streams.LeadProcessor;
import io.handoff.events.streams.PolledInputEnds;
import io.handoff.events.streams.TopologyWiring;

/**
 * The SLA topology: an assignment starts a clock on the terms the agreement in force sets
 * for the lead's grade, in the business hours of the rep's team; touches by the assigned
 * rep stop the first-touch clock and count attempts; a return, an outcome or a ruling
 * that sends the lead back to marketing stops it; a ruling that orders a follow-up starts
 * a fresh one. A wall-clock punctuator fires the steps that fall due: warnings to the
 * rep, the breach to the manager, the lead ignored (to the executives and the judge), and
 * a follow-up breach when attempts are missing. A step falls due only once the touches,
 * returns and outcomes written before it have been read ({@link InputEnds}), so a touch
 * in time still waiting in its topic raises no breach; and a touch, return, outcome or
 * ruling read before the assignment it follows waits for it (the service takes each
 * record as it comes, {@code max.task.idle.ms} -1).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaSettings.class)
public class SlaTopology {

	/** Every clock by lead id. */
	public static final String CLOCKS_STORE = "sla-clocks";

	/**
	 * The steps still to come by due time:
	 * {@code <epoch millis, 20 digits>|<lead id>|<step>}, so a range scan from the start
	 * up to now finds exactly the due ones.
	 */
	public static final String DEADLINES_STORE = "sla-deadlines";

	/**
	 * How far this task has read each topic that satisfies or stops a clock:
	 * {@code <topic>|<partition>} to offset.
	 */
	public static final String READ_STORE = "sla-read";

	/**
	 * The touches, returns, outcomes and rulings read before the assignment they follow,
	 * by lead ({@code LeadProcessor.holdEarly}).
	 */
	public static final String EARLY_STORE = "sla-early";

	/**
	 * The topics whose records written before a step must have been read before it is
	 * taken.
	 */
	static final List<Topic<?>> HELD_BY = List.of(Topics.SALES_ACTIVITIES, Topics.LEADS_RETURNED,
			Topics.LEADS_OUTCOMES);

	/** The global store over the {@code agreements} topic. */
	public static final String AGREEMENTS_STORE = AgreementSerde.STORE;

	/** The buckets of the time to first touch, in business time. */
	static final Duration[] FIRST_TOUCH_BUCKETS = { Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
			Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(5) };

	/**
	 * What the function {@code watch} reads and writes: sla-monitor.yml binds the same
	 * (SlaTopologyTests).
	 */
	public static final TopologyWiring<SlaEvent> WIRING = new TopologyWiring<>("watch",
			List.of(Topics.LEADS_ASSIGNED, Topics.SALES_ACTIVITIES, Topics.LEADS_RETURNED, Topics.LEADS_OUTCOMES,
					Topics.ARBITRATION_RULINGS, Topics.LEADS_ERASURES),
			Topics.SLA_EVENTS);

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, SlaEvent>> watch(
			SlaSettings settings, BusinessCalendars.Built calendars, MeterRegistry meters, InputEnds inputEnds) {
		return (events, agreements) -> clocks(events, settings, calendars, meters, inputEnds);
	}

	/**
	 * The business calendars of {@code handoff.calendars}
	 * ({@code handoff-calendars.yml}), shared with routing.
	 */
	@Bean
	BusinessCalendars.Built businessCalendars(Environment environment) {
		return BusinessCalendars.from(environment);
	}

	/**
	 * Where the topics that satisfy or stop a clock end, asked of the broker every tick.
	 */
	@Bean
	PolledInputEnds inputEnds(KafkaProperties kafka, SlaSettings settings,
			@Value("${handoff.streams.application-id-prefix:handoff}") String prefix) {
		// The Streams application id (sla-monitor.yml) is its consumer group's id.
		// And leads.assigned: what came before its assignment waits for it.
		List<Topic<?>> asked = new ArrayList<>(HELD_BY);
		asked.add(Topics.LEADS_ASSIGNED);
		return new PolledInputEnds(kafka.buildAdminProperties(), asked, prefix + "-sla", settings.tick(),
				settings.readWait(), Clock.systemUTC());
	}

	/**
	 * The topology itself, free of Spring so a test driver can run it; it reads
	 * {@link #AGREEMENTS_STORE}.
	 */
	public static KStream<String, SlaEvent> clocks(KStream<String, Object> events, SlaSettings settings,
			BusinessCalendars.Built calendars, MeterRegistry meters, InputEnds inputEnds) {
		// Every input is keyed by lead, so one lead's assignment, touches and rulings
		// meet in one task.
		return events.process(watchClocks(settings, calendars, meters, inputEnds));
	}

	/**
	 * The processor that keeps the clocks, with its stores: for the topology and for the
	 * clock benchmark.
	 */
	public static ProcessorSupplier<String, Object, String, SlaEvent> watchClocks(SlaSettings settings,
			BusinessCalendars.Built calendars, MeterRegistry meters, InputEnds inputEnds) {
		SlaPolicy policy = new SlaPolicy(settings, calendars);
		return KeyedProcessor.withStores(() -> new ClockKeeper(policy, meters, inputEnds),
				StateStores.keyValue(CLOCKS_STORE, CLOCK_SERDE), StateStores.keyValue(DEADLINES_STORE, Serdes.String()),
				StateStores.keyValue(READ_STORE, Serdes.Long()), LeadProcessor.earlyStore(EARLY_STORE),
				LeadErased.store());
	}

	@Bean
	Serde<SlaEvent> slaEventSerde() {
		return Topics.SLA_EVENTS.valueSerde();
	}

	/**
	 * The clock store's serde: instants as epoch millis rather than ISO text, since every
	 * fired step reads and writes a clock with a dozen of them and formatting them was
	 * most of a tick's time.
	 */
	static final Serde<SlaClock> CLOCK_SERDE = clockSerde();

	private static Serde<SlaClock> clockSerde() {
		JsonMapper compact = LeadEventsJson.mapper()
			.rebuild()
			.enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
			.disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
			.build();
		JacksonJsonSerde<SlaClock> serde = new JacksonJsonSerde<>(SlaClock.class, compact);
		serde.noTypeInfo().ignoreTypeHeaders();
		return LeadEventsJson.bounded(serde);
	}

}
