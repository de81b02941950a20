package io.handoff.routing.plan;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.Company;
import io.handoff.events.Matching;
import io.handoff.events.RoutingDocument;
import io.handoff.events.Territory;
import io.handoff.routing.assignment.FairnessReport;
import io.handoff.routing.assignment.RoutingTrials;
import io.handoff.routing.roster.Roster;
import io.handoff.routing.roster.RosterProblem;
import io.handoff.routing.roster.SalesOrganisation;

/**
 * Routing you can try before you trust it: the version in force and its history, drafts
 * with their diff and their preview on the recent leads, approval and activation; the dry
 * run of one lead; the fairness report.
 */
@RestController
@RequestMapping("/api/v1/routing")
class RoutingController {

	/** The longest period a preview replays or a fairness report covers, in days. */
	static final int MOST_DAYS = 92;

	private final RoutingBook book;

	private final RoutingTrials trials;

	private final SalesOrganisation organisation;

	RoutingController(RoutingBook book, RoutingTrials trials, SalesOrganisation organisation) {
		this.book = book;
		this.trials = trials;
		this.organisation = organisation;
	}

	/** The version in force. */
	@GetMapping
	RoutingDocument inForce() {
		return this.book.active();
	}

	/** Every version, newest first: who changed what and when. */
	@GetMapping("/versions")
	List<RoutingDocument> versions() {
		return this.book.all();
	}

	@GetMapping("/versions/{version}")
	RoutingDocument version(@PathVariable int version) {
		return this.book.get(version);
	}

	/**
	 * A new draft: the version in force with what the body changes (territories, reps'
	 * routing, matching).
	 */
	@PostMapping("/versions")
	ResponseEntity<RoutingDocument> draft(@RequestBody(required = false) @Nullable Draft body, Authentication caller) {
		Draft given = (body != null) ? body.checked() : new Draft(null, null, null, null, null);
		RoutingDocument draft = this.book.draft(given::over, given.basedOn(), given.note(), caller.getName());
		return ResponseEntity.status(HttpStatus.CREATED).body(draft);
	}

	/**
	 * Replaces a draft's routing with the body's (what it leaves out stays as the draft
	 * had it).
	 */
	@PutMapping("/versions/{version}")
	RoutingDocument edit(@PathVariable int version, @RequestBody Draft body, Authentication caller) {
		Draft given = body.checked();
		return this.book.edit(version, given::over, given.note(), caller.getName());
	}

	/**
	 * What the version changes against the one in force (or the one it superseded, for a
	 * past version).
	 */
	@GetMapping("/versions/{version}/diff")
	Diff diff(@PathVariable int version) {
		RoutingDocument document = this.book.get(version);
		RoutingDocument against = (document.status() == RoutingDocument.Status.ACTIVE
				|| document.status() == RoutingDocument.Status.SUPERSEDED) && document.basedOn() != null
						? this.book.get(document.basedOn()) : this.book.active();
		return new Diff(document.version(), against.version(), RoutingDocuments.diff(against, document));
	}

	/**
	 * The sales-ready leads of the last {@code days} replayed under the version in force
	 * and under this one.
	 */
	@GetMapping("/versions/{version}/preview")
	RoutingTrials.Preview preview(@PathVariable int version, @RequestParam(defaultValue = "7") int days) {
		if (days < 1 || days > MOST_DAYS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"days must be 1 to " + MOST_DAYS + " (it is " + days + ")");
		}
		Roster now = this.organisation.roster();
		return this.trials.preview(RoutingDocuments.apply(this.book.active(), now),
				RoutingDocuments.apply(this.book.get(version), now), days);
	}

	/** Sales ops approve a draft as it is. */
	@PostMapping("/versions/{version}/approval")
	RoutingDocument approve(@PathVariable int version, Authentication caller) {
		return this.book.approve(version, caller.getName());
	}

	/** Puts an approved version in force. */
	@PostMapping("/versions/{version}/activation")
	RoutingDocument activate(@PathVariable int version, Authentication caller) {
		return this.book.activate(version, caller.getName());
	}

	/**
	 * A dry run: who would get the lead (given, or by id as it became sales-ready) if it
	 * became sales-ready now, under the version in force or under {@code version}, with
	 * every step; nothing is written, no credit or capacity taken.
	 */
	@PostMapping("/simulate")
	RoutingTrials.Simulation simulate(@RequestBody Trial trial) {
		if ((trial.leadId() == null) == (trial.lead() == null)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Give either a leadId or a lead ({\"company\": {...}, \"email\": ...}), not both nor neither");
		}
		Company company;
		String emailDomain;
		if (trial.leadId() != null) {
			RoutingTrials.RoutedLead routed = this.trials.routedAs(trial.leadId());
			company = routed.company();
			emailDomain = routed.emailDomain();
		}
		else {
			company = (trial.lead().company() != null) ? trial.lead().company() : Company.unknown();
			emailDomain = RoutingTrials.domainOf(trial.lead().email());
		}
		Roster roster = this.organisation.roster();
		if (trial.version() != null) {
			roster = RoutingDocuments.apply(this.book.get(trial.version()), roster);
		}
		return this.trials.simulate(roster, company, emailDomain);
	}

	/**
	 * Each team's and rep's distribution over the period (UTC days, both included; the
	 * last 7 by default).
	 */
	@GetMapping("/fairness")
	Fairness fairness(@RequestParam(required = false) @Nullable LocalDate from,
			@RequestParam(required = false) @Nullable LocalDate to) {
		LocalDate last = (to != null) ? to : LocalDate.now(ZoneOffset.UTC);
		LocalDate first = (from != null) ? from
				: LocalDate.ofEpochDay(Math.max(LocalDate.MIN.toEpochDay(), last.toEpochDay() - 6));
		if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) > MOST_DAYS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from (" + first + ") must be on or before to ("
					+ last + "), at most " + MOST_DAYS + " days apart");
		}
		return new Fairness(first, last, this.trials.fairness(this.organisation.roster(), first, last));
	}

	/**
	 * A draft's routing: what it gives replaces what the version it is drafted over has.
	 *
	 * @param territories every territory (all of them: one left out is removed)
	 * @param reps reps' routing by rep id (those left out keep theirs)
	 * @param matching how accounts are matched (a setting left out keeps its value)
	 * @param note what the change is for
	 * @param basedOn the version in force the change was made to: refused (409) when
	 * another is in force now
	 */
	record Draft(@Nullable List<Territory> territories, @Nullable Map<String, RoutingDocument.RepRouting> reps,
			@Nullable DraftMatching matching, @Nullable String note, @Nullable Integer basedOn) {

		/**
		 * This draft, refused (400) when it holds no territory or rep where one is named.
		 */
		Draft checked() {
			List<String> problems = new ArrayList<>();
			if (this.territories != null && this.territories.contains(null)) {
				problems.add("territories holds an empty entry: give each territory, or leave territories out");
			}
			if (this.reps != null) {
				this.reps.forEach((repId, routing) -> {
					if (routing == null) {
						problems.add(
								"reps." + repId + " is empty: give its team, weight and maxOpenLeads, or leave it out");
					}
				});
			}
			if (this.note != null && this.note.length() > 500) {
				problems.add("note has " + this.note.length() + " characters; at most 500");
			}
			if (!problems.isEmpty()) {
				throw new RosterProblem("Not a valid routing draft", problems);
			}
			return this;
		}

		RoutingDocument over(RoutingDocument base) {
			Map<String, RoutingDocument.RepRouting> merged = new TreeMap<>(base.reps());
			if (this.reps != null) {
				merged.putAll(this.reps);
			}
			Matching matching = (this.matching == null) ? base.matching()
					: new Matching((this.matching.byName() != null) ? this.matching.byName() : base.matching().byName(),
							(this.matching.nameThreshold() != null) ? this.matching.nameThreshold()
									: base.matching().nameThreshold());
			return new RoutingDocument(0, RoutingDocument.Status.DRAFT,
					(this.territories != null) ? this.territories : base.territories(), merged, matching, null,
					this.note, "", base.createdAt(), null, null, null, null);
		}

	}

	/**
	 * A draft's matching: a setting left out keeps its value.
	 *
	 * @param byName whether accounts are matched by company name
	 * @param nameThreshold the least similarity that matches
	 */
	record DraftMatching(@Nullable Boolean byName, @Nullable Double nameThreshold) {
	}

	/**
	 * A lead to try.
	 *
	 * @param leadId a lead routing has seen become sales-ready
	 * @param lead or a lead's company and e-mail
	 * @param version the routing version to try it under (the one in force by default)
	 */
	record Trial(@Nullable UUID leadId, @Nullable TrialLead lead, @Nullable Integer version) {
	}

	/**
	 * A lead given by hand.
	 *
	 * @param company its company: name, domain, employees, industry, country, region
	 * @param email its e-mail address
	 */
	record TrialLead(@Nullable Company company, @Nullable String email) {
	}

	/**
	 * A diff.
	 *
	 * @param version the version
	 * @param against the version it is compared with
	 * @param changes every change
	 */
	record Diff(int version, int against, List<RoutingDocuments.Change> changes) {
	}

	/**
	 * The fairness report.
	 *
	 * @param from its first day
	 * @param to its last day
	 * @param teams each team's figures
	 */
	record Fairness(LocalDate from, LocalDate to, List<FairnessReport.Team> teams) {
	}

}
