package io.handoff.routing.assignment;

import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.stereotype.Component;

import io.handoff.events.AgreementSerde;

/**
 * What the agreement in force says that routing's answers need: read from the agreements'
 * global table, which every instance holds whole, so no other instance is asked.
 */
@Component
class AgreementInForce {

	private final InteractiveQueryService queries;

	AgreementInForce(InteractiveQueryService queries) {
		this.queries = queries;
	}

	/**
	 * Whether leads go only to reps inside their working hours (and not on their
	 * calendar's days off).
	 */
	boolean workingHoursOnly() {
		ReadOnlyKeyValueStore<String, Object> agreements = this.queries.getQueryableStore(AgreementSerde.STORE,
				QueryableStoreTypes.keyValueStore());
		return TeamPick.workingHoursOnly(AgreementSerde.inForce(agreements));
	}

}
