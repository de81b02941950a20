package io.handoff.events;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the scores decide the stage. A lead with all required fields is DISQUALIFIED below
 * {@code disqualifiedBelowFit}, SALES_READY when one of the {@code salesReady} thresholds
 * holds, else MQL when one of the {@code mql} thresholds holds, else INQUIRY.
 *
 * @param disqualifiedBelowFit fit score below which a lead is disqualified
 * @param mql thresholds, any of which makes a lead marketing qualified
 * @param salesReady thresholds, any of which makes a lead sales-ready
 * @param acceptance how a rep accepts a sales-ready lead (absent:
 * {@link Acceptance#FIRST_TOUCH})
 * @param recycleLostAfter how long a LOST lead stays lost before it goes back to
 * marketing as RECYCLED, its engagement reset (absent: it stays lost)
 * @param recycleNurtureAfter how long a lead stays in NURTURE, without engaging enough to
 * qualify again, before it is RECYCLED (absent: it stays in nurture)
 */
public record StageRules(int disqualifiedBelowFit, List<Threshold> mql, List<Threshold> salesReady,
		@Nullable Acceptance acceptance, @Nullable Duration recycleLostAfter, @Nullable Duration recycleNurtureAfter) {

	public StageRules {
		mql = Lists.copyOf(mql);
		salesReady = Lists.copyOf(salesReady);
	}

	public StageRules(int disqualifiedBelowFit, List<Threshold> mql, List<Threshold> salesReady) {
		this(disqualifiedBelowFit, mql, salesReady, null, null, null);
	}

	/** How a rep accepts a lead: absent means by the first touch. */
	public Acceptance acceptedBy() {
		return (this.acceptance != null) ? this.acceptance : Acceptance.FIRST_TOUCH;
	}

	/** How a rep accepts a sales-ready lead, moving it to ACCEPTED. */
	public enum Acceptance {

		/** The first call, email or meeting by the lead's rep. */
		FIRST_TOUCH,

		/**
		 * An explicit accept from the sales tool (an activity of type ACCEPT); touches
		 * alone do not accept.
		 */
		EXPLICIT

	}

	/**
	 * Both scores at or above these.
	 *
	 * @param minFit the lowest fit score
	 * @param minEngagement the lowest engagement score
	 */
	public record Threshold(int minFit, int minEngagement) {

		/** Whether a lead with these scores meets the threshold. */
		public boolean holds(int fit, int engagement) {
			return fit >= this.minFit && engagement >= this.minEngagement;
		}

	}

}
