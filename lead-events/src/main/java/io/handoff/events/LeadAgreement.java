package io.handoff.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The agreement between marketing and sales: what a qualified lead is, what sales owes it
 * and why it may be sent back. Each version is its own document, written by scoring to
 * the compacted {@code agreements} topic keyed by agreement id; the record keyed
 * {@link #ACTIVE_KEY} holds a copy of the one in force, so every reader finds it with one
 * lookup.
 *
 * @param agreementId id of this version ({@code v1}, {@code v2}, ...)
 * @param version version number, starting at 1
 * @param name a name people recognise
 * @param status draft, active or superseded
 * @param fitRules rules on the lead's profile, each worth points
 * @param targetProfiles the buyer profiles sales wants, each worth points when all its
 * conditions hold
 * @param engagementRules points per kind of engagement, with caps and decay
 * @param grades fit grade bands, which must neither overlap nor leave gaps
 * @param stages how the fit and engagement scores decide the stage
 * @param requiredFields fields a lead must have to leave INQUIRY
 * @param sla what sales owes a sales-ready lead, per grade
 * @param returnReasons the agreed codes for sending a lead back
 * @param rulingWithin how long the judge has to rule on a case before it goes to the
 * executives
 * @param author who wrote this version
 * @param changeNote what changed and why
 * @param createdAt when this version was drafted
 * @param signatures who signed this version (cleared when a draft is edited)
 * @param activatedAt when this version came into force
 * @param supersededAt when a later version replaced it
 * @param commitment marketing's side of the SLA: the sales-ready leads it hands to sales
 * each week, {@code null} for none agreed (versions before it was part of the agreement)
 */
public record LeadAgreement(String agreementId, int version, String name, Status status, List<FitRule> fitRules,
		List<TargetProfile> targetProfiles, List<EngagementRule> engagementRules, List<GradeBand> grades,
		StageRules stages, List<String> requiredFields, SlaTerms sla, List<ReturnReason> returnReasons,
		Duration rulingWithin, String author, String changeNote, Instant createdAt, List<Signature> signatures,
		@Nullable Instant activatedAt, @Nullable Instant supersededAt, @Nullable Commitment commitment) {

	/** The key of the record on {@code agreements} that holds the agreement in force. */
	public static final String ACTIVE_KEY = "active";

	public LeadAgreement {
		fitRules = Lists.copyOf(fitRules);
		targetProfiles = Lists.copyOf(targetProfiles);
		engagementRules = Lists.copyOf(engagementRules);
		grades = Lists.copyOf(grades);
		requiredFields = Lists.copyOf(requiredFields);
		returnReasons = Lists.copyOf(returnReasons);
		signatures = Lists.copyOf(signatures);
		status = (status != null) ? status : Status.DRAFT;
	}

	/** A version without marketing's commitment. */
	public LeadAgreement(String agreementId, int version, String name, Status status, List<FitRule> fitRules,
			List<TargetProfile> targetProfiles, List<EngagementRule> engagementRules, List<GradeBand> grades,
			StageRules stages, List<String> requiredFields, SlaTerms sla, List<ReturnReason> returnReasons,
			Duration rulingWithin, String author, String changeNote, Instant createdAt, List<Signature> signatures,
			@Nullable Instant activatedAt, @Nullable Instant supersededAt) {
		this(agreementId, version, name, status, fitRules, targetProfiles, engagementRules, grades, stages,
				requiredFields, sla, returnReasons, rulingWithin, author, changeNote, createdAt, signatures,
				activatedAt, supersededAt, null);
	}

	/** The signature of {@code party}, if this version has one. */
	public Optional<Signature> signatureOf(Party party) {
		return this.signatures.stream().filter((signature) -> signature.party() == party).findFirst();
	}

	/** Whether {@code code} is one of the agreed return reasons. */
	public boolean allowsReturnReason(String code) {
		return returnReason(code) != null;
	}

	/**
	 * The agreed return reason {@code code}, {@code null} if the agreement lists none
	 * such.
	 */
	public @Nullable ReturnReason returnReason(@Nullable String code) {
		return this.returnReasons.stream().filter((reason) -> reason.code().equals(code)).findFirst().orElse(null);
	}

	/**
	 * Whether a return for {@code code} ends the rep's hold on a lead under
	 * {@code inForce}: only for an agreed reason, or with no agreement in force to hold
	 * it to. Any other return leaves the lead with its rep, on its clock, and puts it
	 * before the judge.
	 */
	public static boolean agreedReturn(@Nullable LeadAgreement inForce, String code) {
		return inForce == null || inForce.allowsReturnReason(code);
	}

	/** This version with another status and signatures, for the lifecycle. */
	public LeadAgreement with(Status status, List<Signature> signatures, @Nullable Instant activatedAt,
			@Nullable Instant supersededAt) {
		return new LeadAgreement(this.agreementId, this.version, this.name, status, this.fitRules, this.targetProfiles,
				this.engagementRules, this.grades, this.stages, this.requiredFields, this.sla, this.returnReasons,
				this.rulingWithin, this.author, this.changeNote, this.createdAt, signatures, activatedAt, supersededAt,
				this.commitment);
	}

	/** Where a version stands in its lifecycle. */
	public enum Status {

		/** Being written or signed; applies to no lead. */
		DRAFT,
		/** The one version in force. */
		ACTIVE,
		/** Was in force; kept for the record. */
		SUPERSEDED

	}

	/** The two parties who sign. */
	public enum Party {

		MARKETING, SALES

	}

	/**
	 * A condition on one attribute of a lead.
	 *
	 * @param attribute the lead attribute ({@code title}, {@code company.employees},
	 * {@code email.domain}, or a custom one)
	 * @param operator how the attribute is compared
	 * @param values the values compared against
	 */
	public record Condition(String attribute, Operator operator, List<String> values) {

		public Condition {
			values = Lists.copyOf(values);
		}

	}

	/**
	 * A condition on the lead's profile, worth points when it holds.
	 *
	 * @param id stable rule id, shown in explanations
	 * @param attribute the lead attribute
	 * @param operator how the attribute is compared
	 * @param values the values compared against
	 * @param points points when the rule holds (negative to penalise)
	 */
	public record FitRule(String id, String attribute, Operator operator, List<String> values, int points) {

		public FitRule {
			values = Lists.copyOf(values);
		}

		/** The rule's condition. */
		public Condition condition() {
			return new Condition(this.attribute, this.operator, this.values);
		}

	}

	/**
	 * A buyer profile sales wants (a title, a pain point, a use case): worth points when
	 * every condition holds.
	 *
	 * @param id stable profile id, shown in explanations
	 * @param name the profile as sales calls it
	 * @param conditions what a lead must match, all of them
	 * @param points points for a lead matching the profile
	 */
	public record TargetProfile(String id, String name, List<Condition> conditions, int points) {

		public TargetProfile {
			conditions = Lists.copyOf(conditions);
		}

	}

	/** How a condition compares an attribute. */
	public enum Operator {

		/** Equal to one of the values, ignoring case. */
		IN,
		/** Contains one of the values as a whole word, ignoring case. */
		CONTAINS_WORD,
		/** Matches one of the values as a regular expression, ignoring case. */
		MATCHES,
		/** Numerically between the two values, inclusive. */
		BETWEEN,
		/** Present and not blank. */
		PRESENT,
		/** Missing or blank. */
		ABSENT

	}

	/**
	 * Points for one kind of engagement.
	 *
	 * @param type the engagement type (see {@link EngagementTypes})
	 * @param points points per engagement, when fresh
	 * @param cap the most points this type can add, {@code null} for no cap
	 * @param halfLife the age at which an engagement is worth half, {@code null} for no
	 * decay
	 */
	public record EngagementRule(String type, int points, @Nullable Integer cap, @Nullable Duration halfLife) {
	}

	/**
	 * A fit grade: leads whose fit score lies in the band get this grade.
	 *
	 * @param grade the grade letter
	 * @param minFitScore the lowest fit score of the band, {@code null} for no lower
	 * bound
	 * @param maxFitScore the highest fit score of the band, {@code null} for no upper
	 * bound
	 */
	public record GradeBand(String grade, @Nullable Integer minFitScore, @Nullable Integer maxFitScore) {

		/** Whether {@code fit} lies in this band. */
		public boolean contains(int fit) {
			return (this.minFitScore == null || fit >= this.minFitScore)
					&& (this.maxFitScore == null || fit <= this.maxFitScore);
		}

	}

	/**
	 * An agreed reason for sending a lead back.
	 *
	 * @param code the code a sales tool sends
	 * @param description what it means
	 */
	public record ReturnReason(String code, String description) {
	}

	/**
	 * A party's signature.
	 *
	 * @param party who signed for
	 * @param signedBy who signed
	 * @param signedAt when
	 */
	public record Signature(Party party, String signedBy, Instant signedAt) {
	}

}
