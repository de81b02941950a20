package io.handoff.scoring.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.Agreements;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.LeadScorer;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ImpactPreviewTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	final CompiledAgreement active = CompiledAgreement.of(Agreements.starter());

	/** The draft values executives at 10 points instead of 30. */
	final CompiledAgreement draft = CompiledAgreement
		.of(Agreements.withFitRules(2, (rules) -> Agreements.repoint(rules, "title-executive", 10)));

	@Test
	void sharesPreviewedOnSeveralInstancesAndSentAsJsonMergeToThePreviewOfAllTheLeads() {
		List<LeadProfile> profiles = DemoLeads.all()
			.stream()
			.map((lead) -> LeadProfile.EMPTY.withLead(lead.received(NOW)))
			.toList();
		// A draft that leaves out the points for the lead add form: many leads change
		// stage.
		CompiledAgreement draft = CompiledAgreement
			.of(Agreements.withFitRules(2, (rules) -> Agreements.repoint(rules, "origin-lead-add-form", 0)));
		ImpactPreview whole = ImpactPreview.of(draft, this.active, profiles, Duration.ofDays(30), NOW);

		ImpactPreview merged = null;
		for (int from = 0; from < profiles.size(); from += 2500) {
			ImpactPreview share = LeadEventsJson.mapper()
				.readValue(LeadEventsJson.mapper()
					.writeValueAsString(ImpactPreview.of(draft, this.active,
							profiles.subList(from, Math.min(profiles.size(), from + 2500)), Duration.ofDays(30), NOW)),
						ImpactPreview.class);
			merged = (merged != null) ? share.plus(merged) : share;
		}

		assertThat(whole.changed()).as("enough changes to list only the first").isGreaterThan(ImpactPreview.MAX_LISTED);
		assertThat(merged).isEqualTo(whole);
	}

	@Test
	void theDraftsVolumesPerStageAndSegmentAndTheLeadsThatChangeStageOnAFixedSet() {
		LeadReceived enterpriseVp = Leads.lead("vp@northwind.com", "VP Marketing", 1200, "US", NOW);
		LeadReceived manager = Leads.lead("m@contoso.fr", "Marketing Manager", 50, "FR", NOW);
		LeadReceived analyst = withSource(Leads.lead("a@contoso.fr", "Analyst", 50, "FR", NOW), "google");
		LeadReceived midMarketVp = withSource(Leads.lead("vp@fabrikam.com", "VP Sales", 500, "US", NOW), "google");
		LeadReceived lastYear = Leads.lead("old@northwind.com", "VP Marketing", 1200, "US",
				NOW.minus(Duration.ofDays(365)));

		ImpactPreview preview = ImpactPreview.of(this.draft, this.active,
				profiles(enterpriseVp, manager, analyst, midMarketVp, lastYear), Duration.ofDays(30), NOW);

		assertThat(preview.leads()).isEqualTo(4);
		assertThat(preview.stages().active()).contains(entry(Stage.SALES_READY, 2), entry(Stage.MQL, 1),
				entry(Stage.INQUIRY, 1));
		assertThat(preview.stages().draft()).contains(entry(Stage.SALES_READY, 0), entry(Stage.MQL, 3),
				entry(Stage.INQUIRY, 1));
		assertThat(preview.segments().get("source").get("webinar").active()).contains(entry(Stage.SALES_READY, 1),
				entry(Stage.MQL, 1));
		assertThat(preview.segments().get("source").get("webinar").draft()).contains(entry(Stage.MQL, 2));
		assertThat(preview.segments().get("country").get("US").draft()).contains(entry(Stage.MQL, 2));
		Map<String, ImpactPreview.Volume> grades = preview.segments().get("grade");
		assertThat(grades.get("A").active()).contains(entry(Stage.SALES_READY, 1));
		assertThat(grades.get("B").active()).contains(entry(Stage.SALES_READY, 1));
		assertThat(grades.get("C").draft()).contains(entry(Stage.MQL, 3));
		assertThat(grades.get("D").draft()).contains(entry(Stage.INQUIRY, 1));
		assertThat(preview.changed()).isEqualTo(2);
		assertThat(preview.changes())
			.extracting(ImpactPreview.StageChange::leadId, ImpactPreview.StageChange::from,
					ImpactPreview.StageChange::to, ImpactPreview.StageChange::fitNow,
					ImpactPreview.StageChange::fitUnderDraft)
			.containsExactly(Tuple.tuple(enterpriseVp.leadId().toString(), Stage.SALES_READY, Stage.MQL, 60, 40),
					Tuple.tuple(midMarketVp.leadId().toString(), Stage.SALES_READY, Stage.MQL, 55, 35));
	}

	@Test
	void onTheRealLeadsEveryStageChangeIsCountedAndVolumesAddUp() {
		List<LeadProfile> leads = DemoLeads.read(2000)
			.stream()
			.map((lead) -> LeadProfile.EMPTY.withLead(lead.received(NOW)))
			.toList();

		ImpactPreview preview = ImpactPreview.of(this.draft, this.active, leads, Duration.ofDays(30), NOW);
		ImpactPreview unchanged = ImpactPreview.of(this.active, this.active, leads, Duration.ofDays(30), NOW);

		long expectedChanges = leads.stream()
			.filter((lead) -> LeadScorer.score(this.draft, lead, NOW)
				.stage() != LeadScorer.score(this.active, lead, NOW).stage())
			.count();
		assertThat(preview.leads()).isEqualTo(2000);
		assertThat(preview.changed()).isEqualTo(expectedChanges);
		assertThat(preview.stages().draft().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2000);
		assertThat(preview.segments()
			.get("source")
			.values()
			.stream()
			.mapToInt((volume) -> volume.active().values().stream().mapToInt(Integer::intValue).sum())
			.sum()).isEqualTo(2000);
		assertThat(unchanged.changed()).isZero();
		assertThat(unchanged.stages().draft()).isEqualTo(unchanged.stages().active());
	}

	private static List<LeadProfile> profiles(LeadReceived... leads) {
		return Arrays.stream(leads).map(LeadProfile.EMPTY::withLead).toList();
	}

	private static LeadReceived withSource(LeadReceived lead, String source) {
		return new LeadReceived(lead.eventId(), lead.occurredAt(), lead.leadId(), lead.email(), lead.firstName(),
				lead.lastName(), lead.title(), lead.phone(), lead.company(), source, lead.campaign(), lead.externalId(),
				lead.attributes());
	}

}
