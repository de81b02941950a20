package io.handoff.events;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The lifecycle every service's books share: readable from their start to their stop. */
class TopicBooksTests {

	@Test
	void aBookIsReadOnlyFromItsStartToItsStop() {
		Books books = new Books(false);
		assertThatIllegalStateException().isThrownBy(books::read).withMessage("The test book is not started");

		books.start();
		assertThat(books.isRunning()).isTrue();
		assertThat(books.read()).isEqualTo("entries");

		books.stop();
		assertThat(books.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(books::read).withMessage("The test book is not started");
	}

	@Test
	void booksThatFailToOpenLeaveTheServiceUnstartedAndRefuseReads() {
		Books books = new Books(true);

		assertThatIllegalStateException().isThrownBy(books::start).withMessage("the topic cannot be read");
		assertThat(books.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(books::read);
	}

	@Test
	void booksStartBeforeTheStreamProcessors() {
		assertThat(new Books(false).getPhase()).isZero();
	}

	@Test
	void versionsLeaveOutTheCopyInForce() {
		assertThat(TopicBooks.versions(Map.of("v1", "1", "v2", "2", "active", "2"), "active", Integer::parseInt))
			.containsExactly(Map.entry(1, "1"), Map.entry(2, "2"));
	}

	private static final class Books extends TopicBooks {

		private final boolean fails;

		private String entries;

		Books(boolean fails) {
			super(Map.of(), Map.of());
			this.fails = fails;
		}

		@Override
		protected void openBooks() {
			if (this.fails) {
				throw new IllegalStateException("the topic cannot be read");
			}
			this.entries = "entries";
		}

		String read() {
			return opened(this.entries, "test book");
		}

	}

}
