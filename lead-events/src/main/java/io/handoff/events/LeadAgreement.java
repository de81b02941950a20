package io.handoff.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The signed agreement between marketing and sales: what a qualified lead is, what sales owes it and why it may be
 * sent back. Written by scoring to the compacted {@code agreements} topic, keyed by agreement id.
 *
 * @param agreementId stable id of the agreement across its versions
 * @param version version number, starting at 1
 * @param name a name people recognise
 * @param fitRules rules on the lead's profile, each worth points
 * @param grades fit grade bands, highest first
 * @param mqlThreshold fit score from which a lead is marketing qualified
 * @param salesReadyThreshold fit score from which a lead goes to sales
 * @param requiredFields fields a lead must have to leave INQUIRY
 * @param sla what sales owes a sales-ready lead
 * @param returnReasons the agreed codes for sending a lead back
 * @param signatures who signed
 * @param activatedAt when this version became the one in force
 */
public record LeadAgreement(String agreementId, int version, String name, List<FitRule> fitRules,
		List<GradeBand> grades, int mqlThreshold, int salesReadyThreshold, List<String> requiredFields, SlaTerms sla,
		List<String> returnReasons, List<Signature> signatures, @Nullable Instant activatedAt) {

	public LeadAgreement {
		fitRules = List.copyOf(fitRules);
		grades = List.copyOf(grades);
		requiredFields = (requiredFields != null) ? List.copyOf(requiredFields) : List.of();
		returnReasons = (returnReasons != null) ? List.copyOf(returnReasons) : List.of();
		signatures = (signatures != null) ? List.copyOf(signatures) : List.of();
	}

	/**
	 * A condition on one attribute of a lead, worth points when it holds.
	 *
	 * @param id stable rule id, shown in explanations
	 * @param attribute the lead attribute (for example {@code title}, {@code company.employees}, or a custom one)
	 * @param operator how the attribute is compared
	 * @param values the values compared against
	 * @param points points when the rule holds (negative to penalise)
	 */
	public record FitRule(String id, String attribute, Operator operator, List<String> values, int points) {

		public FitRule {
			values = List.copyOf(values);
		}

	}

	/** How a fit rule compares an attribute. */
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
	 * A fit grade: leads with at least {@code minFitScore} get this grade.
	 *
	 * @param grade the grade letter
	 * @param minFitScore the lowest fit score of the band
	 */
	public record GradeBand(String grade, int minFitScore) {
	}

	/**
	 * What sales owes a sales-ready lead.
	 *
	 * @param firstTouch time from assignment to the first touch
	 * @param ignoredAfter further time after a breach before the lead counts as ignored
	 */
	public record SlaTerms(Duration firstTouch, Duration ignoredAfter) {
	}

	/**
	 * A party's signature.
	 *
	 * @param party MARKETING or SALES
	 * @param signedBy who signed
	 * @param signedAt when
	 */
	public record Signature(String party, String signedBy, Instant signedAt) {
	}

}
