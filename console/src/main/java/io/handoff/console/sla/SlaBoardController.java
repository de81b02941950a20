package io.handoff.console.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.handoff.access.Caller;
import io.handoff.console.BarChart;
import io.handoff.console.services.Panel;
import io.handoff.console.services.ServiceClient;
import io.handoff.console.services.Services;

/**
 * The SLA board, live: what each team and rep owes now, and how they kept the SLA day by
 * day.
 */
@Controller
class SlaBoardController {

	/** The states of a clock still owed something, most urgent first. */
	static final List<String> OPEN = List.of("BREACHED", "RUNNING", "TOUCHED");

	/** How many days of compliance the board draws. */
	static final int DAYS = 7;

	private final ServiceClient sla;

	private final ServiceClient scoring;

	private final Clock clock;

	SlaBoardController(Services services, Optional<Clock> clock) {
		this.sla = services.sla();
		this.scoring = services.scoring();
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@GetMapping("/sla")
	String board(@RequestParam(required = false) @Nullable String team, Model model, Authentication person) {
		clocks(team, model, person);
		model.addAttribute("compliance", Panel.of(() -> this.sla.get("/api/v1/compliance")));
		model.addAttribute("trend", Panel.of(this::trend));
		return "sla";
	}

	/** The clocks alone, for the page's live refresh. */
	@GetMapping("/sla/clocks")
	String clocksOnly(@RequestParam(required = false) @Nullable String team, Model model, Authentication person) {
		clocks(team, model, person);
		return "sla :: clocks";
	}

	/**
	 * The clocks on the board: a sales rep (and nobody else) sees only their own leads'
	 * clocks.
	 */
	private void clocks(@Nullable String team, Model model, Authentication person) {
		Caller caller = Caller.of(person);
		String own = caller.onlyOwnLeads() ? caller.repId() : null;
		model.addAttribute("ownRep", own);
		Panel<List<ClockOnTheBoard>> all = Panel
			.of(() -> (own != null) ? this.sla.list(ClockOnTheBoard.class, "/api/v1/clocks?repId={repId}", own)
					: this.sla.list(ClockOnTheBoard.class, "/api/v1/clocks"));
		model.addAttribute("team", team);
		model.addAttribute("clocks", all);
		if (!all.ok()) {
			return;
		}
		Set<String> teams = new TreeSet<>();
		all.value().forEach((found) -> teams.add(found.team()));
		List<ClockOnTheBoard> mine = all.value()
			.stream()
			.filter((found) -> team == null || team.isBlank() || team.equals(found.team()))
			.toList();
		model.addAttribute("teams", teams);
		List<ClockOnTheBoard> open = mine.stream()
			.filter((found) -> OPEN.contains(found.state()))
			.filter((found) -> !"TOUCHED".equals(found.state()) || found.owed() > 0)
			.sorted(Comparator.comparing((ClockOnTheBoard found) -> OPEN.indexOf(found.state()))
				.thenComparing(ClockOnTheBoard::firstTouchDue))
			.toList();
		List<ClockOnTheBoard> ignored = mine.stream().filter((found) -> "IGNORED".equals(found.state())).toList();
		model.addAttribute("open", open);
		model.addAttribute("ignored", ignored);
		model.addAttribute("stages",
				stages(Stream.concat(open.stream(), ignored.stream())
					.map(ClockOnTheBoard::leadId)
					.limit(MAX_STAGES)
					.toList()));
		model.addAttribute("summary", summary(mine));
	}

	/** The most leads whose stage the board shows: the most urgent. */
	static final int MAX_STAGES = 100;

	/**
	 * Where each lead on the board stands in the waterfall, by lead id: one question to
	 * scoring (as the person signed in, so a rep sees only their own leads'); none when
	 * scoring does not answer, and the board stands.
	 */
	private Map<UUID, ClockOnTheBoard.Stage> stages(List<UUID> leadIds) {
		if (leadIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, ClockOnTheBoard.Stage> byLead = new HashMap<>();
		Panel
			.of(() -> this.scoring.list(ClockOnTheBoard.Stage.class, "/api/v1/stages?leadId={ids}",
					String.join(",", leadIds.stream().map(UUID::toString).toList())))
			.orElse(List.of())
			.forEach((stage) -> byLead.put(stage.leadId(), stage));
		return byLead;
	}

	/** Per team: clocks running, warned, breached, ignored. */
	private static List<TeamSummary> summary(List<ClockOnTheBoard> clocks) {
		Map<String, int[]> counts = new TreeMap<>();
		for (ClockOnTheBoard found : clocks) {
			int[] team = counts.computeIfAbsent(found.team(), (name) -> new int[4]);
			switch (found.state()) {
				case "RUNNING" -> {
					team[0]++;
					if (found.warned()) {
						team[1]++;
					}
				}
				case "BREACHED" -> team[2]++;
				case "IGNORED" -> team[3]++;
				default -> {
				}
			}
		}
		List<TeamSummary> summary = new ArrayList<>();
		counts.forEach((team, n) -> summary.add(new TeamSummary(team, n[0], n[1], n[2], n[3])));
		return summary;
	}

	/** Share of leads touched in time per team, day by day over the last week. */
	@SuppressWarnings("unchecked")
	private BarChart trend() {
		Instant today = this.clock.instant().truncatedTo(ChronoUnit.DAYS);
		List<Map<String, Object>> days = new ArrayList<>();
		Set<String> teams = new TreeSet<>();
		for (int back = DAYS - 1; back >= 0; back--) {
			Instant from = today.minus(Duration.ofDays(back));
			Map<String, Object> day = this.sla.get("/api/v1/compliance?from={from}&to={to}", from,
					from.plus(Duration.ofDays(1)));
			days.add(day);
			teams.addAll(((Map<String, Object>) day.getOrDefault("teams", Map.of())).keySet());
		}
		List<BarChart.Row> rows = new ArrayList<>();
		for (Map<String, Object> day : days) {
			Map<String, Map<String, Object>> perTeam = (Map<String, Map<String, Object>>) day.getOrDefault("teams",
					Map.of());
			rows.add(new BarChart.Row(String.valueOf(day.get("from")).substring(0, 10),
					teams.stream()
						.map((name) -> perTeam.get(name))
						.map((counts) -> (counts != null && counts.get("shareTouchedInTime") instanceof Number share)
								? share.doubleValue() : null)
						.toList()));
		}
		return BarChart.shares("Share of assigned leads touched within the SLA, per day (UTC)", "Day",
				List.copyOf(teams), rows);
	}

	/**
	 * One team's clocks now.
	 *
	 * @param team the team
	 * @param running waiting for a first touch within the SLA
	 * @param warned of those, the rep was warned
	 * @param breached first touch overdue
	 * @param ignored untouched long past the deadline
	 */
	record TeamSummary(String team, int running, int warned, int breached, int ignored) {
	}

}
