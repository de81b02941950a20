package io.handoff.console.review;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.handoff.access.PersonTokens;
import io.handoff.events.Ticker;

/**
 * Sends the weekly review to both sides: every Monday at {@link ReviewSettings#sendAt()}
 * (the company's time zone) the review of the week just ended, and, where configured, the
 * current week's once at start. However many console instances run, each review goes out
 * once: they agree on who sends it through the {@link MailingLedger} on Kafka. The
 * figures are gathered as {@link ReviewSettings#readAs()}; a review that cannot be
 * gathered or sent is logged and tried again, later after each failure in a row
 * ({@link #retryAfter}).
 */
@Component
class ReviewMailer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReviewMailer.class);

	/**
	 * How long after Monday's hour last week's review is still sent by an instance that
	 * was not running then.
	 */
	static final Duration CATCH_UP = Duration.ofDays(2);

	/** How often the mailer looks whether a review is due. */
	static final Duration TICK = Duration.ofSeconds(30);

	/** The longest the mailer waits after failures before it tries again. */
	static final Duration LONGEST_RETRY = Duration.ofHours(1);

	private final ReviewSettings settings;

	private final ReviewSources sources;

	private final ObjectProvider<JavaMailSender> mail;

	private final ITemplateEngine templates;

	private final Environment environment;

	private final Clock clock;

	/** This instance's name in the ledger. */
	private final String instance = "console-" + UUID.randomUUID();

	/** The reviews this instance knows are sent. */
	private final Set<String> sent = ConcurrentHashMap.newKeySet();

	/**
	 * The reviews this instance sent whose "sent" the ledger has not taken yet: said
	 * again on every tick.
	 */
	private final Set<String> unrecorded = ConcurrentHashMap.newKeySet();

	private final Instant startedAt;

	private final Ticker ticks = new Ticker("weekly-review-mailer", Duration.ofSeconds(5), TICK, this::tick);

	private volatile @Nullable LedgerTopic ledger;

	/** How many ticks in a row failed. */
	private int failures;

	/** When the mailer tries again after a failure. */
	private Instant retryAt = Instant.MIN;

	private final PersonTokens tokens;

	ReviewMailer(ReviewSettings settings, ReviewSources sources, ObjectProvider<JavaMailSender> mail,
			ITemplateEngine templates, Environment environment, Optional<Clock> clock, PersonTokens tokens) {
		this.tokens = tokens;
		this.settings = settings;
		this.sources = sources;
		this.mail = mail;
		this.templates = templates;
		this.environment = environment;
		this.clock = clock.orElse(Clock.systemUTC());
		this.startedAt = this.clock.instant();
	}

	@Override
	public void start() {
		String notMailed = this.settings.notMailedBecause(this.tokens.canIssue());
		if (notMailed != null) {
			log.info("The weekly review is not e-mailed: {}", notMailed);
			return;
		}
		this.ticks.start();
	}

	@Override
	public void stop() {
		// A tick under way ends before the ledger is closed under it.
		this.ticks.stop();
		LedgerTopic topic = this.ledger;
		if (topic != null) {
			topic.close();
			this.ledger = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticks.isRunning();
	}

	/**
	 * The reviews due now: last week's once Monday's hour has come, this week's at start
	 * where configured.
	 */
	List<Due> due(Instant now) {
		List<Due> due = new ArrayList<>();
		ZonedDateTime here = now.atZone(this.settings.timeZone());
		LocalDate monday = ReviewSources.monday(here.toLocalDate());
		ZonedDateTime sendAt = monday.atTime(this.settings.sendAt()).atZone(this.settings.timeZone());
		// Due from Monday's hour, and caught up for two days by an instance that was not
		// running then.
		if (!here.isBefore(sendAt) && here.isBefore(sendAt.plus(CATCH_UP))) {
			due.add(new Due("weekly:" + monday.minusWeeks(1), monday.minusWeeks(1)));
		}
		if (this.settings.sendOnStart() && !now.isBefore(this.startedAt.plus(this.settings.startDelay()))) {
			// The week this instance started in, once: not each new week after it.
			LocalDate started = ReviewSources.monday(this.startedAt.atZone(this.settings.timeZone()).toLocalDate());
			due.add(new Due("start:" + started, started));
		}
		return due;
	}

	void tick() {
		Instant now = this.clock.instant();
		try {
			// A review sent is said on the ledger every tick until it is, also while
			// gathering backs off: another instance would send it again.
			for (String review : List.copyOf(this.unrecorded)) {
				ledger().append(
						new MailingLedger.Entry(review, MailingLedger.Kind.SENT, this.instance, this.clock.instant()));
				this.unrecorded.remove(review);
			}
			if (now.isBefore(this.retryAt)) {
				return;
			}
			for (Due review : due(now)) {
				if (!this.sent.contains(review.key())) {
					offer(review);
				}
			}
			this.failures = 0;
		}
		catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return;
			}
			this.failures++;
			Duration wait = retryAfter(this.failures);
			this.retryAt = now.plus(wait);
			log.warn("The weekly review could not be sent now; it is tried again in {}: {}", wait, ex.toString());
		}
	}

	/**
	 * How long the mailer waits after {@code failures} failed ticks in a row: a tick,
	 * doubled with each failure up to {@link #LONGEST_RETRY}. Gathering a review reads
	 * every service's figures for the week; one that takes longer than the console waits
	 * for an answer would otherwise be asked for again every tick, each time in full.
	 */
	static Duration retryAfter(int failures) {
		Duration wait = TICK;
		for (int i = 1; i < failures && wait.compareTo(LONGEST_RETRY) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(LONGEST_RETRY) < 0) ? wait : LONGEST_RETRY;
	}

	/** Claims {@code review} if nobody holds it, and sends it if this instance does. */
	private void offer(Due review) throws InterruptedException, ExecutionException, TimeoutException {
		LedgerTopic topic = ledger();
		MailingLedger.Standing standing = MailingLedger.standing(topic.entries(review.key()));
		if (standing.sent()) {
			this.sent.add(review.key());
			return;
		}
		if (standing.claimable(this.clock.instant())) {
			topic.append(new MailingLedger.Entry(review.key(), MailingLedger.Kind.CLAIM, this.instance,
					this.clock.instant()));
			standing = MailingLedger.standing(topic.entries(review.key()));
		}
		if (standing.sendsNow(this.instance, this.clock.instant())) {
			WeeklyReview gathered = asReader(() -> this.sources.review(review.monday()));
			// Gathering may take a while: the lease is looked at again just before
			// sending.
			if (!standing.sendsNow(this.instance, this.clock.instant())) {
				return;
			}
			send(gathered);
			// Known sent here at once, so this instance does not send it again if saying
			// so on the ledger fails: it says so again on the next tick until the ledger
			// takes it.
			this.sent.add(review.key());
			this.unrecorded.add(review.key());
			topic.append(new MailingLedger.Entry(review.key(), MailingLedger.Kind.SENT, this.instance,
					this.clock.instant()));
			this.unrecorded.remove(review.key());
			log.info("Sent the weekly review {} to {} recipients", review.key(), this.settings.recipients().size());
		}
	}

	private void send(WeeklyReview review) {
		JavaMailSender sender = this.mail.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("No mail server: set spring.mail.host");
		}
		Context context = new Context(Locale.ENGLISH);
		context.setVariable("review", review);
		context.setVariable("base", this.settings.consoleUrl().toString().replaceAll("/$", ""));
		String html = this.templates.process("review-mail", context);
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(this.settings.from());
			helper.setTo(this.settings.recipients().toArray(String[]::new));
			helper.setSubject("Weekly review: " + review.title());
			helper.setText(html, true);
			sender.send(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("The weekly review could not be written as an e-mail", ex);
		}
	}

	/** Runs {@code read} as the review's reader, as if they were signed in. */
	private <T> T asReader(Supplier<T> read) {
		SecurityContextHolder.getContext()
			.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(this.settings.readAs(), null, List.of()));
		try {
			return read.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private LedgerTopic ledger() throws InterruptedException, ExecutionException, TimeoutException {
		LedgerTopic topic = this.ledger;
		if (topic == null) {
			Map<String, Object> client = new HashMap<>(Binder.get(this.environment)
				.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
				.orElse(Map.of()));
			client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
					this.environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092"));
			// The topic first: a producer is made only for a ledger that is there.
			LedgerTopic.create(this.settings.ledgerTopic(), client);
			topic = new LedgerTopic(this.settings.ledgerTopic(), client);
			this.ledger = topic;
		}
		return topic;
	}

	/**
	 * A review that is due.
	 *
	 * @param key its name in the ledger
	 * @param monday the Monday of its week
	 */
	record Due(String key, LocalDate monday) {
	}

}
