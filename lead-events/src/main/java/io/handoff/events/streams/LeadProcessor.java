package io.handoff.events.streams;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadErased;

/**
 * The adapter for a processor whose input is every event about a lead, keyed by lead id:
 * on top of {@link KeyedProcessor} it keeps the leads erased ({@link LeadErased#store()},
 * which the processor declares), so an erasure forgets the person in the processor's
 * stores and the person's earlier events read later come without them.
 *
 * @param <V> what the processor forwards
 */
public abstract class LeadProcessor<V> extends KeyedProcessor<Object, V> {

	private @Nullable ErasedLeads erased;

	protected LeadProcessor(MeterRegistry meters) {
		super(meters);
	}

	@Override
	protected final void take(String leadId, Object event, long timestamp) {
		if (event instanceof LeadErased erasure) {
			erase(erasure);
			erased().erase(erasure);
			return;
		}
		Object seen = seen(leadId, event);
		if (seen != null) {
			takeEvent(leadId, seen, timestamp);
		}
	}

	/**
	 * Takes one event about the lead {@code leadId}.
	 * @param leadId the record's key
	 * @param event the event, as {@link #seen} lets the processor keep it
	 * @param timestamp the record's timestamp
	 */
	protected abstract void takeEvent(String leadId, Object event, long timestamp);

	/**
	 * Forgets the person of {@code erasure} in this processor's stores; the adapter then
	 * notes the erasure, so that their events read later are {@link #seen} without them.
	 */
	protected abstract void erase(LeadErased erasure);

	/**
	 * {@code event} as this processor may keep it, or {@code null} to drop it: by default
	 * anonymized when it is about a person erased after it happened (written before the
	 * erasure, read after it).
	 */
	protected @Nullable Object seen(String leadId, Object event) {
		return erased().seen(leadId, event);
	}

	/** The leads erased in this task. */
	protected final ErasedLeads erased() {
		if (this.erased == null) {
			this.erased = new ErasedLeads(store(LeadErased.STORE));
		}
		return this.erased;
	}

}
