package io.handoff.scoring.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.Agreements;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.LeadScorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FunnelTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	final CompiledAgreement active = CompiledAgreement.of(Agreements.starter());

	@Test
	void sharesCountedOnSeveralInstancesAndSentAsJsonMergeToTheFunnelOfAllTheLeads() {
		List<DemoLeads.DemoLead> demo = DemoLeads.read(2000);
		List<LeadProfile> profiles = new ArrayList<>();
		for (int i = 0; i < demo.size(); i++) {
			LeadProfile profile = LeadProfile.EMPTY
				.withLead(demo.get(i).received(NOW.minus(Duration.ofHours(i % 300))));
			profiles.add((i % 3 == 0) ? profile.withConverted(demo.get(i).converted()) : profile);
		}
		Funnel whole = Funnel.of(this.active, profiles, Duration.ofDays(30), NOW);

		// Three instances' shares, each sent as JSON, merged in either order.
		List<Funnel> shares = List
			.of(profiles.subList(0, 700), profiles.subList(700, 1300), profiles.subList(1300, 2000))
			.stream()
			.map((share) -> LeadEventsJson.mapper()
				.readValue(LeadEventsJson.mapper()
					.writeValueAsString(Funnel.of(this.active, share, Duration.ofDays(30), NOW)), Funnel.class))
			.toList();

		assertThat(shares.get(0).plus(shares.get(1)).plus(shares.get(2))).isEqualTo(whole);
		assertThat(shares.get(2).plus(shares.get(0).plus(shares.get(1)))).isEqualTo(whole);
		assertThat(whole.plus(Funnel.of(this.active, List.of(), Duration.ofDays(30), NOW))).isEqualTo(whole);
	}

	@Test
	void onTheRealLeadsTheQualifiedVolumeAndConversionPerSourceMatchACountByHand() {
		List<DemoLeads.DemoLead> demo = DemoLeads.read(3000);
		// The last thousand have no outcome yet; a tenth arrived before the window.
		List<LeadProfile> profiles = new ArrayList<>();
		for (int i = 0; i < demo.size(); i++) {
			Instant at = (i % 10 == 0) ? NOW.minus(Duration.ofDays(60)) : NOW.minus(Duration.ofHours(i % 500));
			LeadProfile profile = LeadProfile.EMPTY.withLead(demo.get(i).received(at));
			profiles.add((i < 2000) ? profile.withConverted(demo.get(i).converted()) : profile);
		}

		Funnel funnel = Funnel.of(this.active, profiles, Duration.ofDays(30), NOW);

		List<LeadProfile> inWindow = profiles.stream()
			.filter((profile) -> !profile.lead().occurredAt().isBefore(NOW.minus(Duration.ofDays(30))))
			.toList();
		assertThat(funnel.total().leads()).isEqualTo(inWindow.size()).isEqualTo(2700);
		long salesReady = inWindow.stream()
			.filter((profile) -> LeadScorer.score(this.active, profile, NOW).stage() == Stage.SALES_READY)
			.count();
		assertThat(funnel.total().salesReady()).isEqualTo(salesReady).isPositive();
		assertThat(funnel.total().qualified()).isGreaterThan(funnel.total().salesReady());
		assertThat(funnel.total().won() + funnel.total().lost()).isEqualTo(1800);
		Map<String, Funnel.Counts> bySource = funnel.segments().get("source");
		assertThat(bySource.values().stream().mapToInt(Funnel.Counts::leads).sum()).isEqualTo(2700);
		String biggest = bySource.entrySet()
			.stream()
			.max(Comparator.comparingInt((entry) -> entry.getValue().leads()))
			.orElseThrow()
			.getKey();
		List<LeadProfile> fromBiggest = inWindow.stream()
			.filter((profile) -> biggest.equals(profile.lead().source()) && profile.converted() != null)
			.toList();
		double byHand = fromBiggest.stream().filter(LeadProfile::converted).count() / (double) fromBiggest.size();
		assertThat(bySource.get(biggest).conversion()).isCloseTo(byHand, within(1e-9));
		assertThat(funnel.segments().get("grade").keySet()).contains("A", "D");
		long salesReadyWorkingProfessionals = inWindow.stream()
			.map((profile) -> LeadScorer.score(this.active, profile, NOW))
			.filter((score) -> score.stage() == Stage.SALES_READY)
			.filter((score) -> score.explanation()
				.stream()
				.anyMatch((hit) -> hit.ruleId().equals("occupation-working-professional")))
			.count();
		assertThat(funnel.salesReadyByRule().get("occupation-working-professional"))
			.isEqualTo((int) salesReadyWorkingProfessionals)
			.isPositive();
	}

	@Test
	void aSegmentWithoutOutcomesHasNoConversionRatherThanZero() {
		Funnel funnel = Funnel.of(this.active,
				List.of(LeadProfile.EMPTY.withLead(DemoLeads.read(1).get(0).received(NOW))), Duration.ofDays(1), NOW);

		assertThat(funnel.total().leads()).isEqualTo(1);
		assertThat(funnel.total().conversion()).isNull();
	}

}
