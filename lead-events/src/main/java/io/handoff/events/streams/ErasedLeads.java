package io.handoff.events.streams;

import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadErased;

/**
 * The leads a task has erased ({@link LeadErased#STORE}: lead id to the erasure's epoch
 * millis), so an event about one of them that was written before the erasure and read
 * after it is taken without the person.
 */
public final class ErasedLeads {

	private final KeyValueStore<String, Long> store;

	ErasedLeads(KeyValueStore<String, Long> store) {
		this.store = store;
	}

	/** When the lead was erased here, or {@code null} if it was not. */
	public @Nullable Long erasedAt(String leadId) {
		return this.store.get(leadId);
	}

	public boolean erased(String leadId) {
		return erasedAt(leadId) != null;
	}

	/**
	 * Notes the erasure: from now on the lead's earlier events are {@link #seen seen}
	 * without the person.
	 */
	public void erase(LeadErased erasure) {
		this.store.put(erasure.leadId().toString(), erasure.occurredAt().toEpochMilli());
	}

	/**
	 * The person came back after being forgotten (a new inquiry): their new events are
	 * theirs again.
	 */
	public void forget(String leadId) {
		this.store.delete(leadId);
	}

	/**
	 * {@code event} as this task may keep it: anonymized if it is about a person erased
	 * after it happened.
	 */
	public Object seen(String leadId, Object event) {
		Long erasedAt = erasedAt(leadId);
		return (erasedAt != null && LeadErased.before(event, erasedAt)) ? LeadErased.anonymized(event) : event;
	}

}
