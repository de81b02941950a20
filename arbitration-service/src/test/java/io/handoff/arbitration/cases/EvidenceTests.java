package io.handoff.arbitration.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.ScoreLine;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceTests {

	static final Instant HANDOFF = Instant.parse("2026-11-23T09:30:00Z");

	@Test
	void theScoreHistoryKeepsTheHandoffsScoreAndTheLatestOnesEachOnce() {
		LeadReceived lead = Leads.salesReady("dana@northwind.com", HANDOFF);
		Evidence evidence = Evidence.none();
		for (int i = 0; i < Evidence.SCORES + 5; i++) {
			evidence = evidence.withScore(score(lead, i));
		}
		Evidence again = evidence.withScore(score(lead, Evidence.SCORES + 4));

		assertThat(again).isSameAs(evidence);
		assertThat(evidence.scores()).hasSize(Evidence.SCORES);
		assertThat(evidence.scores().get(0).engagementScore()).isZero();
		assertThat(evidence.scores().get(1).engagementScore()).isEqualTo(6);
		assertThat(evidence.scores().get(Evidence.SCORES - 1).engagementScore()).isEqualTo(Evidence.SCORES + 4);
		assertThat(evidence.scores().get(0).explanation()).containsExactly(new ScoreLine.Rule("title-executive", 30));
		assertThat(evidence.erased().scores())
			.allSatisfy((line) -> assertThat(line.stageReason()).isEqualTo("(erased)"));
	}

	private static LeadScored score(LeadReceived lead, int engagement) {
		return new LeadScored(UUID.nameUUIDFromBytes(new byte[] { (byte) engagement }), HANDOFF.plusSeconds(engagement),
				lead.leadId(), lead, 60, engagement, "A", LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "v1", 1,
				List.of(new LeadScored.RuleHit("title-executive", "title 'VP Marketing'", 30)), "sales-ready");
	}

}
