package io.handoff.events.backup;

import org.junit.jupiter.api.Test;

import io.handoff.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/** What a backup holds and which topics it may be restored into. */
class BackupTests {

	@Test
	void aBackupHoldsEveryCompactedTopicAndNothingElse() {
		assertThat(Backup.TOPICS).containsExactly(Topics.AGREEMENTS, Topics.SALES_REPS, Topics.SALES_MANAGERS,
				Topics.SALES_ACCOUNTS, Topics.SALES_TERRITORIES, Topics.ROUTING_DOCUMENTS, Topics.SALES_WEBHOOKS);
	}

	@Test
	void onlyATopicThatIsCompactedAndNothingElseKeepsWhatIsRestored() {
		assertThat(Backup.compactedOnly("compact")).isTrue();
		assertThat(Backup.compactedOnly(" compact ")).isTrue();
		// Retention would delete restored entries by their (old) timestamps.
		assertThat(Backup.compactedOnly("compact,delete")).isFalse();
		assertThat(Backup.compactedOnly("delete,compact")).isFalse();
		assertThat(Backup.compactedOnly("delete")).isFalse();
		assertThat(Backup.compactedOnly("")).isFalse();
	}

}
