package io.handoff.scoring.leads;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;
import io.handoff.events.LeadScored.Stage;
import io.handoff.instances.ClusterStores;
import io.handoff.instances.StoreFigure;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.ScoringTopology;

/**
 * {@code GET /api/v1/leads}: the leads that match a filter (stage, rep, source, country,
 * grade, arrival, when they became sales-ready, words in the email, name or company),
 * paged and sorted, gathered from every instance; a sales rep's list holds only their own
 * leads. Each instance scans the profiles it holds and sends only the first matches a
 * page needs (see {@code docs/scaling.md}, "Finding leads", for how far that goes).
 */
@RestController
class LeadListController {

	/** The most rows of one page. */
	static final int MAX_SIZE = 1000;

	/** How deep a list may be paged: past it, narrow the filter. */
	static final int MAX_DEPTH = 10_000;

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	/** The most reps one list may name. */
	static final int MAX_REPS = 200;

	private final ClusterStores stores;

	private final StoreFigure<LeadProfile, LeadList> list;

	LeadListController(ClusterStores stores) {
		this.stores = stores;
		this.list = stores
			.register(StoreFigure.of("lead-list", ScoringTopology.PROFILES_STORE, LeadProfile.class, LeadList.class,
					(profiles, asked) -> LeadList.of(profiles, LeadList.Filter.of(asked),
							LeadList.Sort.valueOf(asked.get("sort")), Integer.parseInt(asked.get("keep"))),
					LeadList::plus));
	}

	@GetMapping("/api/v1/leads")
	Page leads(@RequestParam(name = "stage", required = false) @Nullable List<Stage> stages,
			@RequestParam(name = "repId", required = false) @Nullable List<String> reps,
			@RequestParam(required = false) @Nullable String source,
			@RequestParam(required = false) @Nullable String country,
			@RequestParam(required = false) @Nullable String grade,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant salesReadyFrom,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant salesReadyTo,
			@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "ARRIVED") LeadList.Sort sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Authentication authentication) {
		if (size < 1 || size > MAX_SIZE) {
			throw refused("size: between 1 and " + MAX_SIZE + " leads a page; got " + size);
		}
		if (page < 0 || (page + 1L) * size > MAX_DEPTH) {
			throw refused("page: the first " + MAX_DEPTH + " leads of a list can be paged through (page " + page
					+ " of " + size + " goes past them); narrow the filter");
		}
		if (reps != null && reps.size() > MAX_REPS) {
			throw refused("repId: at most " + MAX_REPS + " reps at once; got " + reps.size());
		}
		if (reps != null
				&& reps.stream().anyMatch((rep) -> rep == null || rep.isBlank() || CONTROL.matcher(rep).find())) {
			throw refused("repId: a rep's id, not blank and without control characters");
		}
		if (stages != null && stages.contains(null)) {
			throw refused("stage: one of the waterfall's stages each time it is given, none blank");
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw refused("from (" + from + ") must be before to (" + to + ")");
		}
		if ((salesReadyFrom == null) != (salesReadyTo == null)
				|| (salesReadyFrom != null && !salesReadyFrom.isBefore(salesReadyTo))) {
			throw refused("salesReadyFrom and salesReadyTo: both, the first before the second; got " + salesReadyFrom
					+ " and " + salesReadyTo);
		}
		if (stages != null && stages.contains(Stage.UNKNOWN)) {
			throw refused("stage: UNKNOWN is no stage a lead is in");
		}
		if (q != null && q.length() > 200) {
			throw refused("q: at most 200 characters; got " + q.length());
		}
		Caller caller = Caller.of(authentication);
		// A rep sees their own leads only, whatever the filter asks; a caller without a
		// rep id who reads only their own sees none.
		LeadList.Filter filter = new LeadList.Filter((stages != null) ? Set.copyOf(stages) : Set.of(),
				(reps != null) ? Set.copyOf(reps) : Set.of(), blankless(source), blankless(country), blankless(grade),
				from, to, salesReadyFrom, salesReadyTo, q, caller.readsEveryLead() ? null : caller.repId(),
				!caller.readsEveryLead() && caller.repId() == null);
		Map<String, String> asked = filter.parameters();
		asked.put("sort", sort.name());
		asked.put("keep", String.valueOf((page + 1) * size));
		LeadList found = this.stores.figure(this.list, asked);
		int first = Math.min(page * size, found.rows().size());
		return new Page(found.total(), page, size, sort, found.rows().subList(first, found.rows().size()));
	}

	private static @Nullable String blankless(@Nullable String text) {
		return (text != null && !text.isBlank()) ? text.strip() : null;
	}

	private static ResponseStatusException refused(String why) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, why);
	}

	/**
	 * One page of a list.
	 *
	 * @param total how many leads match the filter
	 * @param page which page this is, from 0
	 * @param size leads a page
	 * @param sort the order
	 * @param leads the page's leads
	 */
	record Page(int total, int page, int size, LeadList.Sort sort, List<LeadList.Row> leads) {
	}

}
