package io.handoff.console.leads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.handoff.console.CsvDownload;
import io.handoff.console.services.Panel;
import io.handoff.console.services.Refusal;
import io.handoff.console.services.Services;
import io.handoff.console.services.Unavailable;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored.Stage;

/**
 * The leads page: every lead a person may see, filtered by stage, team, rep, source,
 * grade, arrival and words, sorted and paged, each opening its journey, and the whole
 * list (up to scoring's depth) as CSV. A sales rep's list holds only their own leads
 * (scoring decides it, whatever the page asks).
 */
@Controller
class LeadsController {

	/** Leads a page shows. */
	static final int PAGE = 50;

	/** Leads a CSV download holds at most: scoring's depth. */
	static final int DOWNLOAD = 10_000;

	/** Leads a download asks scoring for at once. */
	static final int DOWNLOAD_PAGE = 1000;

	/** The stages a lead can be in, in the waterfall's order, as scoring writes them. */
	static final List<String> STAGES = LeadEventsJson.writable(Stage.class).stream().map(Stage::name).toList();

	static final List<String> SORTS = List.of("ARRIVED", "CHANGED", "COMPANY", "GRADE", "STAGE");

	static final List<String> COLUMNS = List.of("leadId", "email", "name", "title", "company", "source", "country",
			"grade", "stage", "stageSince", "assignee", "arrivedAt", "agreementVersion");

	private final Services services;

	LeadsController(Services services) {
		this.services = services;
	}

	@GetMapping("/leads")
	String leads(@ModelAttribute("filter") Filter filter, Model model) {
		Panel<List<Map<String, Object>>> teams = Panel.of(() -> this.services.routing().list("/api/v1/teams"));
		model.addAttribute("teams", teams);
		model.addAttribute("stages", STAGES);
		model.addAttribute("sorts", SORTS);
		model.addAttribute("found", Panel.of(() -> this.services.scoring()
			.get("/api/v1/leads", filter.query(teams.ok() ? teams.value() : List.of(), filter.page(), PAGE))));
		return "leads";
	}

	/** The list as CSV, in the page's order, up to {@link #DOWNLOAD} leads. */
	@GetMapping("/leads.csv")
	ResponseEntity<byte[]> download(@ModelAttribute("filter") Filter filter) {
		try {
			return CsvDownload.of("leads.csv", COLUMNS, rows(filter));
		}
		catch (Refusal ex) {
			throw new ResponseStatusException(HttpStatus.valueOf(ex.status()), ex.getMessage());
		}
		catch (Unavailable ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		}
	}

	@SuppressWarnings("unchecked")
	private List<List<Object>> rows(Filter filter) {
		List<Map<String, Object>> teams = filter.team().isBlank() ? List.of()
				: this.services.routing().list("/api/v1/teams");
		List<List<Object>> rows = new ArrayList<>();
		for (int page = 0; page * DOWNLOAD_PAGE < DOWNLOAD; page++) {
			Map<String, Object> found = this.services.scoring()
				.get("/api/v1/leads", filter.query(teams, page, DOWNLOAD_PAGE));
			List<Map<String, Object>> leads = (List<Map<String, Object>>) found.getOrDefault("leads", List.of());
			leads.forEach((lead) -> rows.add(COLUMNS.stream().map(lead::get).toList()));
			if (leads.size() < DOWNLOAD_PAGE) {
				break;
			}
		}
		return rows;
	}

	/**
	 * What the page asks for, as typed; empty fields ask for nothing.
	 *
	 * @param stage a stage, or empty for any
	 * @param team a team, whose reps' leads are taken
	 * @param repId a rep, whose leads are taken
	 * @param source a source
	 * @param country a company country
	 * @param grade a grade
	 * @param from the first day of arrival (UTC)
	 * @param to the last day of arrival (UTC)
	 * @param salesReadyFrom with {@code salesReadyTo}: leads that became sales-ready
	 * between the two (a week's)
	 * @param salesReadyTo the end of that period
	 * @param q words in the email, name or company
	 * @param sort the order, one of {@link #SORTS}
	 * @param page the page, from 0
	 */
	record Filter(@Nullable String stage, @Nullable String team, @Nullable String repId, @Nullable String source,
			@Nullable String country, @Nullable String grade,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant salesReadyFrom,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant salesReadyTo, @Nullable String q,
			@Nullable String sort, @Nullable Integer page) {

		Filter {
			stage = blankless(stage);
			team = (team != null) ? team.strip() : "";
			repId = blankless(repId);
			source = blankless(source);
			country = blankless(country);
			grade = blankless(grade);
			q = blankless(q);
			sort = (sort != null && SORTS.contains(sort)) ? sort : "ARRIVED";
			page = (page != null && page >= 0) ? page : 0;
		}

		/**
		 * Scoring's query for page {@code page} of {@code size}: a team asks for its
		 * reps' leads.
		 */
		@SuppressWarnings("unchecked")
		Map<String, List<String>> query(List<Map<String, Object>> teams, int page, int size) {
			Map<String, List<String>> query = new LinkedHashMap<>();
			put(query, "stage", this.stage);
			List<String> reps = new ArrayList<>();
			if (!this.team.isBlank()) {
				for (Map<String, Object> known : teams) {
					if (this.team.equals(known.get("team"))) {
						((List<Map<String, Object>>) known.getOrDefault("reps", List.of()))
							.forEach((rep) -> reps.add(String.valueOf(rep.get("repId"))));
					}
				}
				if (this.repId != null && !reps.contains(this.repId)) {
					reps.clear();
				}
				else if (this.repId != null) {
					reps.retainAll(Set.of(this.repId));
				}
				// A team without reps (or without the rep asked for) has no leads: a rep
				// id no one has asks for none.
				if (reps.isEmpty()) {
					reps.add("(none of team " + this.team + ")");
				}
			}
			else if (this.repId != null) {
				reps.add(this.repId);
			}
			if (!reps.isEmpty()) {
				query.put("repId", reps);
			}
			put(query, "source", this.source);
			put(query, "country", this.country);
			put(query, "grade", this.grade);
			put(query, "from",
					(this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant().toString() : null);
			put(query, "to",
					(this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString() : null);
			put(query, "salesReadyFrom", (this.salesReadyFrom != null) ? this.salesReadyFrom.toString() : null);
			put(query, "salesReadyTo", (this.salesReadyTo != null) ? this.salesReadyTo.toString() : null);
			put(query, "q", this.q);
			put(query, "sort", this.sort);
			query.put("page", List.of(String.valueOf(page)));
			query.put("size", List.of(String.valueOf(size)));
			return query;
		}

		private static void put(Map<String, List<String>> query, String name, @Nullable String value) {
			if (value != null) {
				query.put(name, List.of(value));
			}
		}

		private static @Nullable String blankless(@Nullable String text) {
			return (text != null && !text.isBlank()) ? text.strip() : null;
		}

	}

}
