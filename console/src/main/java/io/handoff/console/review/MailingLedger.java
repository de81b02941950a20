package io.handoff.console.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who sends a weekly review's e-mail, decided from the ledger every console instance
 * reads in the same order (one partition of a topic): the first claim for a review holds
 * it; a holder that has not said it sent within {@link #LEASE} of its claim (it stopped,
 * say) has lost it to the next claim after that. Once a holder says it sent, the review
 * is sent. Every instance reading the same entries decides the same, so one sends however
 * many run; an instance that stops between sending and saying so leaves the review to be
 * sent again after the lease (the e-mail is at least once, as every notification).
 */
public final class MailingLedger {

	/** How long a claim holds a review without its holder saying it sent. */
	public static final Duration LEASE = Duration.ofMinutes(10);

	private MailingLedger() {
	}

	/**
	 * Where a review stands after {@code entries}, the ledger's entries for it in the
	 * ledger's order.
	 */
	public static Standing standing(List<Entry> entries) {
		String holder = null;
		Instant heldSince = null;
		for (Entry entry : entries) {
			if (entry.kind() == Kind.SENT && holder != null) {
				// Sent is sent, by whichever holder: one whose lease ran out while it was
				// sending sent all the same.
				return new Standing(entry.instance(), heldSince, true);
			}
			if (entry.kind() == Kind.CLAIM && (holder == null || !entry.at().isBefore(heldSince.plus(LEASE)))) {
				holder = entry.instance();
				heldSince = entry.at();
			}
		}
		return new Standing(holder, heldSince, false);
	}

	/** What an entry says. */
	public enum Kind {

		/** An instance will send the review. */
		CLAIM,

		/** It did. */
		SENT

	}

	/**
	 * One entry of the ledger.
	 *
	 * @param review the review, {@code weekly:2026-11-23} (the week's Monday)
	 * @param kind a claim or a sent
	 * @param instance the console instance that wrote it
	 * @param at when
	 */
	public record Entry(String review, Kind kind, String instance, Instant at) {
	}

	/**
	 * Where a review stands.
	 *
	 * @param holder the instance that holds it, {@code null} while none claimed it
	 * @param heldSince when it claimed it
	 * @param sent whether its holder sent it
	 */
	public record Standing(@Nullable String holder, @Nullable Instant heldSince, boolean sent) {

		/**
		 * Whether {@code instance} should send now: it holds the review, unsent, within
		 * the lease.
		 */
		public boolean sendsNow(String instance, Instant now) {
			return !this.sent && instance.equals(this.holder) && now.isBefore(this.heldSince.plus(LEASE));
		}

		/**
		 * Whether {@code instance} should claim the review: nobody holds it, or the
		 * holder's lease ran out unsent.
		 */
		public boolean claimable(Instant now) {
			return !this.sent && (this.holder == null || !now.isBefore(this.heldSince.plus(LEASE)));
		}

	}

}
