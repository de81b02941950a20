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
		assertThat(BackupAdmin.compactedOnly("compact")).isTrue();
		assertThat(BackupAdmin.compactedOnly(" compact ")).isTrue();
		// Retention would delete restored entries by their (old) timestamps.
		assertThat(BackupAdmin.compactedOnly("compact,delete")).isFalse();
		assertThat(BackupAdmin.compactedOnly("delete,compact")).isFalse();
		assertThat(BackupAdmin.compactedOnly("delete")).isFalse();
		assertThat(BackupAdmin.compactedOnly("")).isFalse();
	}

}
