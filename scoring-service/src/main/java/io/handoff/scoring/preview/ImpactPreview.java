package io.handoff.scoring.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.LeadScorer;

/**
 * What a draft would do to the recent leads compared with the agreement in force: the
 * volume per stage, per segment (source, country, grade) under each, and the leads that
 * would change stage. The lead definition dictates volume, so both sides see it before
 * they sign.
 *
 * @param draft the draft's id
 * @param active the id of the agreement in force
 * @param window how far back leads were taken
 * @param leads how many leads were scored under both
 * @param stages leads per stage under the draft and under the agreement in force
 * @param segments per dimension ({@code source}, {@code country}, {@code grade}), per
 * segment value, the stages under each
 * @param changed how many leads would change stage
 * @param changes the first {@link #MAX_LISTED} of them by lead id
 */
public record ImpactPreview(String draft, String active, Duration window, int leads, Volume stages,
		Map<String, Map<String, Volume>> segments, int changed, List<StageChange> changes) {

	/** The most changed leads listed one by one. */
	public static final int MAX_LISTED = 100;

	private static final String NONE = "(none)";

	/**
	 * Scores every profile whose lead arrived within {@code window} before {@code now}
	 * under both agreements.
	 */
	public static ImpactPreview of(CompiledAgreement draft, CompiledAgreement active, Collection<LeadProfile> profiles,
			Duration window, Instant now) {
		Instant since = now.minus(window);
		Volume stages = new Volume();
		Map<String, Map<String, Volume>> segments = new TreeMap<>();
		TreeSet<StageChange> changes = new TreeSet<>(BY_LEAD);
		int leads = 0;
		int changed = 0;
		for (LeadProfile profile : profiles) {
			LeadReceived lead = profile.lead();
			if (lead == null || lead.occurredAt().isBefore(since)) {
				continue;
			}
			leads++;
			LeadScorer.Score underDraft = LeadScorer.score(draft, profile, now);
			LeadScorer.Score underActive = LeadScorer.score(active, profile, now);
			stages.count(underDraft.stage(), underActive.stage());
			segment(segments, "source", lead.source()).count(underDraft.stage(), underActive.stage());
			segment(segments, "country", lead.company().country()).count(underDraft.stage(), underActive.stage());
			segment(segments, "grade", underDraft.grade()).draft(underDraft.stage());
			segment(segments, "grade", underActive.grade()).active(underActive.stage());
			if (underDraft.stage() != underActive.stage()) {
				changed++;
				changes.add(new StageChange(lead.leadId().toString(), underActive.stage(), underDraft.stage(),
						underActive.fit(), underDraft.fit(), underDraft.why().sentence()));
				if (changes.size() > MAX_LISTED) {
					changes.pollLast();
				}
			}
		}
		return new ImpactPreview(draft.agreement().agreementId(), active.agreement().agreementId(), window, leads,
				stages, segments, changed, firstListed(changes));
	}

	/**
	 * This preview and {@code other}, of other leads under the same agreements and
	 * window, as one: what two instances' shares of the leads come to together.
	 */
	public ImpactPreview plus(ImpactPreview other) {
		Map<String, Map<String, Volume>> segments = new TreeMap<>();
		for (Map<String, Map<String, Volume>> share : List.of(this.segments, other.segments)) {
			share.forEach((dimension, values) -> values
				.forEach((value, volume) -> segments.computeIfAbsent(dimension, (name) -> new TreeMap<>())
					.merge(value, volume, Volume::plus)));
		}
		List<StageChange> changes = new ArrayList<>(this.changes);
		changes.addAll(other.changes);
		return new ImpactPreview(this.draft, this.active, this.window, this.leads + other.leads,
				this.stages.plus(other.stages), segments, this.changed + other.changed, firstListed(changes));
	}

	private static final Comparator<StageChange> BY_LEAD = Comparator.comparing(StageChange::leadId);

	/**
	 * The first {@link #MAX_LISTED} by lead id: the same list however the leads were
	 * shared out.
	 */
	private static List<StageChange> firstListed(Collection<StageChange> changes) {
		return changes.stream().sorted(BY_LEAD).limit(MAX_LISTED).toList();
	}

	private static Volume segment(Map<String, Map<String, Volume>> segments, String dimension, @Nullable String value) {
		return segments.computeIfAbsent(dimension, (name) -> new TreeMap<>())
			.computeIfAbsent((value != null) ? value : NONE, (name) -> new Volume());
	}

	/**
	 * Leads per stage under the draft and under the agreement in force.
	 *
	 * @param draft per stage under the draft
	 * @param active per stage under the agreement in force
	 */
	public record Volume(Map<Stage, Integer> draft, Map<Stage, Integer> active) {

		Volume() {
			this(zeros(), zeros());
		}

		private static Map<Stage, Integer> zeros() {
			Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
			for (Stage stage : LeadEventsJson.writable(Stage.class)) {
				counts.put(stage, 0);
			}
			return counts;
		}

		void count(Stage underDraft, Stage underActive) {
			draft(underDraft);
			active(underActive);
		}

		void draft(Stage stage) {
			this.draft.merge(stage, 1, Integer::sum);
		}

		void active(Stage stage) {
			this.active.merge(stage, 1, Integer::sum);
		}

		Volume plus(Volume other) {
			Volume sum = new Volume();
			for (Volume share : List.of(this, other)) {
				share.draft.forEach((stage, count) -> sum.draft.merge(stage, count, Integer::sum));
				share.active.forEach((stage, count) -> sum.active.merge(stage, count, Integer::sum));
			}
			return sum;
		}

	}

	/**
	 * A lead that would change stage.
	 *
	 * @param leadId the lead
	 * @param from its stage under the agreement in force
	 * @param to its stage under the draft
	 * @param fitNow its fit score under the agreement in force
	 * @param fitUnderDraft its fit score under the draft
	 * @param reason why the draft puts it there
	 */
	public record StageChange(String leadId, Stage from, Stage to, int fitNow, int fitUnderDraft, String reason) {
	}

}
