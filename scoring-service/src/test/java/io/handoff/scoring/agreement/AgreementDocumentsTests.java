package io.handoff.scoring.agreement;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.events.Commitment;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadEventsJson;
import io.handoff.scoring.Agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AgreementDocumentsTests {

	ObjectNode starter() {
		return LeadEventsJson.mapper().valueToTree(Agreements.starter());
	}

	@Test
	void theStarterAgreementIsValid() {
		assertThat(AgreementDocuments.check(Agreements.starter())).isEmpty();
		LeadAgreement read = AgreementDocuments.read(starter());
		assertThat(read.fitRules()).isEqualTo(Agreements.starter().fitRules());
	}

	@Test
	void everyProblemIsListedAtOnce() {
		ObjectNode document = starter();
		rule(document, 0).put("operator", "SOUNDS_LIKE");
		rule(document, 1).putArray("values");
		rule(document, 2).putArray("values").add("head of (");
		rule(document, 3).put("id", "title-executive");
		((ObjectNode) document.path("grades").get(2)).put("minFitScore", 25);
		((ObjectNode) document.path("stages").path("mql").get(0)).put("minFit", -3000);
		((ObjectNode) document.path("engagementRules").get(0)).put("type", "CARRIER_PIGEON");
		((ObjectNode) document.path("engagementRules").get(1)).put("cap", -5);
		((ArrayNode) document.path("returnReasons")).addObject().put("code", "meh").put("description", "");
		document.put("rulingWithin", "PT0S");
		document.put("colour", "blue");

		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(AgreementProblem::field)
				.contains("colour", "fitRules[0].operator", "fitRules[1].values", "fitRules[2].values[0]",
						"fitRules[3].id", "grades", "stages.mql[0].minFit", "engagementRules[0].type",
						"engagementRules[1].cap", "returnReasons[7].code", "returnReasons[7].description",
						"rulingWithin"))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(AgreementProblem::message)
				.anySatisfy((message) -> assertThat(message).contains("No grade for fit scores 20..24")));
	}

	@Test
	void aPatternThatNeedsBacktrackingIsRefusedNamingWhy() {
		ObjectNode document = starter();
		rule(document, 2).put("operator", "MATCHES").putArray("values").add("head of sales").add("(?=vp).*");

		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.satisfies((problem) -> assertThat(problem.field()).isEqualTo("fitRules[2].values[1]"))
				.satisfies((problem) -> assertThat(problem.message()).contains("linear time").contains("lookaround")));
	}

	@Test
	void aPatternTooLargeToRunOnEveryLeadIsRefusedBeforeItIsCompiled() {
		ObjectNode document = starter();
		rule(document, 2).put("operator", "MATCHES")
			.putArray("values")
			.add("((a{1000}){1000}){1000}")
			.add("(?:.{0,10}){20}x")
			.add("x".repeat(201))
			.add("(?:vp|head){1,5} of .{2,20}");

		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(AgreementProblem::field)
				.containsExactly("fitRules[2].values[0]", "fitRules[2].values[1]", "fitRules[2].values[2]"))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(AgreementProblem::message)
				.anySatisfy((message) -> assertThat(message).contains("multiply to more than 100"))
				.anySatisfy((message) -> assertThat(message).contains("at most 200 characters")));
	}

	@Test
	void overlappingGradeBandsAreNamed() {
		ObjectNode document = starter();
		((ObjectNode) document.path("grades").get(1)).put("maxFitScore", 65);

		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems())
				.containsExactly(new AgreementProblem("grades", "Bands B and A overlap on fit scores 60..65")));
	}

	@Test
	void thresholdsNoLeadCouldReachAreOutOfRange() {
		ObjectNode document = starter();
		((ObjectNode) document.path("stages").path("salesReady").get(1)).put("minEngagement", 10_000);
		document.path("stages").path("mql").forEach((threshold) -> ((ObjectNode) threshold).put("minFit", -60));

		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(AgreementProblem::field)
				.containsExactly("stages.salesReady[1].minEngagement", "stages.disqualifiedBelowFit"));
	}

	@Test
	void aTermOfTheWrongTypeIsNamedByItsPath() {
		ObjectNode document = starter();
		rule(document, 4).put("points", "lots");

		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems().get(0).field()).isEqualTo("fitRules[4].points"));
	}

	@Test
	void marketingsCommitmentIsReadAndEachWrongSegmentNamedByItsPath() {
		assertThat(AgreementDocuments.read(starter()).commitment())
			.isEqualTo(new Commitment(150, List.of(new Commitment.SegmentCommitment("grade", "A", 50),
					new Commitment.SegmentCommitment("source", "Google", 40))));

		ObjectNode document = starter();
		ObjectNode commitment = (ObjectNode) document.path("commitment");
		ArrayNode segments = (ArrayNode) commitment.path("segments");
		segments.addObject().put("dimension", "colour").put("value", "blue").put("salesReadyPerWeek", 5);
		segments.addObject().put("dimension", "grade").put("value", "Z").put("salesReadyPerWeek", 5);
		segments.addObject().put("dimension", "source").put("value", "Google").put("salesReadyPerWeek", 5);
		segments.addObject().put("dimension", "country").put("value", "India").put("salesReadyPerWeek", 151);
		segments.addObject().put("dimension", "source").put("value", "Direct").put("salesReadyPerWeek", 120);

		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new AgreementProblem("commitment.segments[2].dimension",
							"A segment is one of [source, country, grade, industry]; got 'colour'"),
					new AgreementProblem("commitment.segments[3].value", "No grade band 'Z'"),
					new AgreementProblem("commitment.segments[4]", "source Google is listed twice"),
					new AgreementProblem("commitment.segments[5].salesReadyPerWeek",
							"Between 1 and the total commitment (150) a week; got 151"),
					new AgreementProblem("commitment.segments",
							"The country segments add up to 151 a week, more than the 150 committed in total"),
					new AgreementProblem("commitment.segments",
							"The source segments add up to 165 a week, more than the 150 committed in total")));

		commitment.put("salesReadyPerWeek", 0);
		commitment.putArray("segments");
		assertThatExceptionOfType(AgreementRejectedException.class).isThrownBy(() -> AgreementDocuments.read(document))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(AgreementProblem::field)
				.containsExactly("commitment.salesReadyPerWeek"));
		document.remove("commitment");
		assertThat(AgreementDocuments.read(document).commitment()).as("a version may agree no commitment").isNull();
	}

	private static ObjectNode rule(ObjectNode document, int index) {
		return (ObjectNode) document.path("fitRules").get(index);
	}

}
