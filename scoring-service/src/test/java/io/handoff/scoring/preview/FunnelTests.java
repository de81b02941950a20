package io.handoff.scoring.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.Agreements;
import io.handoff.scoring.scoring.CompiledAgreement;
import io.handoff.scoring.scoring.LeadProfile;
import io.handoff.scoring.scoring.LeadScorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FunnelTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	final CompiledAgreement active = CompiledAgreement.of(Agreements.starter());

	@Test
	void onTheRealLeadsTheQualifiedVolumeAndConversionPerSourceMatchACountByHand() {
		List<DemoLeads.DemoLead> demo = DemoLeads.read(3000);
		// The last thousand have no outcome yet; a tenth arrived before the window.
		List<LeadProfile> profiles = new java.util.ArrayList<>();
		for (int i = 0; i < demo.size(); i++) {
			Instant at = (i % 10 == 0) ? NOW.minus(Duration.ofDays(60)) : NOW.minus(Duration.ofHours(i % 500));
			LeadProfile profile = LeadProfile.EMPTY.withLead(demo.get(i).received(at));
			profiles.add((i < 2000) ? profile.withConverted(demo.get(i).converted()) : profile);
		}

		Funnel funnel = Funnel.of(this.active, profiles, Duration.ofDays(30), NOW);

		List<LeadProfile> inWindow = profiles.stream()
			.filter((profile) -> !profile.lead().occurredAt().isBefore(NOW.minus(Duration.ofDays(30))))
			.toList();
		assertThat(funnel.total().getLeads()).isEqualTo(inWindow.size()).isEqualTo(2700);
		long salesReady = inWindow.stream()
			.filter((profile) -> LeadScorer.score(this.active, profile, NOW).stage() == Stage.SALES_READY)
			.count();
		assertThat(funnel.total().getSalesReady()).isEqualTo(salesReady).isPositive();
		assertThat(funnel.total().getQualified()).isGreaterThan(funnel.total().getSalesReady());
		assertThat(funnel.total().getWon() + funnel.total().getLost()).isEqualTo(1800);
		Map<String, Funnel.Counts> bySource = funnel.segments().get("source");
		assertThat(bySource.values().stream().mapToInt(Funnel.Counts::getLeads).sum()).isEqualTo(2700);
		String biggest = bySource.entrySet().stream()
			.max(java.util.Comparator.comparingInt((entry) -> entry.getValue().getLeads()))
			.orElseThrow()
			.getKey();
		List<LeadProfile> fromBiggest = inWindow.stream()
			.filter((profile) -> biggest.equals(profile.lead().source()) && profile.converted() != null)
			.toList();
		double byHand = fromBiggest.stream().filter(LeadProfile::converted).count() / (double) fromBiggest.size();
		assertThat(bySource.get(biggest).getConversion()).isCloseTo(byHand, within(1e-9));
		assertThat(funnel.segments().get("grade").keySet()).contains("A", "D");
		long salesReadyWorkingProfessionals = inWindow.stream()
			.map((profile) -> LeadScorer.score(this.active, profile, NOW))
			.filter((score) -> score.stage() == Stage.SALES_READY)
			.filter((score) -> score.explanation().stream().anyMatch((hit) -> hit.ruleId().equals("occupation-working-professional")))
			.count();
		assertThat(funnel.salesReadyByRule().get("occupation-working-professional")).isEqualTo((int) salesReadyWorkingProfessionals)
			.isPositive();
	}

	@Test
	void aSegmentWithoutOutcomesHasNoConversionRatherThanZero() {
		Funnel funnel = Funnel.of(this.active,
				List.of(LeadProfile.EMPTY.withLead(DemoLeads.read(1).get(0).received(NOW))), Duration.ofDays(1), NOW);

		assertThat(funnel.total().getLeads()).isEqualTo(1);
		assertThat(funnel.total().getConversion()).isNull();
	}

}
