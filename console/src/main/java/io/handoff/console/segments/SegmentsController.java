package io.handoff.console.segments;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.handoff.console.BarChart;
import io.handoff.console.services.Panel;
import io.handoff.console.services.Services;
import io.handoff.console.services.Unavailable;

/**
 * Where marketing should aim: the segments of a period's leads ranked by conversion (with
 * its interval), won amount per lead or cost per won lead, and what each attribute adds
 * in a model of them all (scoring's {@code /api/v1/segments}).
 */
@Controller
class SegmentsController {

	/** Segments drawn in the chart. */
	static final int CHART = 12;

	private static final Set<String> SORTS = Set.of("CONVERSION", "AMOUNT", "COST_PER_WON");

	private final Services services;

	SegmentsController(Services services) {
		this.services = services;
	}

	@GetMapping("/segments")
	String segments(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "30") int minLeads, @RequestParam(defaultValue = "CONVERSION") String sort,
			Model model) {
		LocalDate end = (to != null) ? to : LocalDate.now(ZoneOffset.UTC);
		LocalDate start = (from != null) ? from : end.minusDays(90);
		String order = SORTS.contains(sort) ? sort : "CONVERSION";
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("minLeads", minLeads);
		model.addAttribute("sort", order);
		Panel<Map<String, Object>> ranked = Panel.of(() -> this.services.scoring()
			.get("/api/v1/segments?from={from}&to={to}&minLeads={minLeads}&sort={sort}&limit=200",
					start.atStartOfDay(ZoneOffset.UTC).toInstant(),
					end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), minLeads, order));
		model.addAttribute("segments", ranked);
		model.addAttribute("chart", Panel.of(() -> chart(ranked.value())));
		return "segments";
	}

	/** The best segments' conversion with the ends of its interval. */
	@SuppressWarnings("unchecked")
	static BarChart chart(@Nullable Map<String, Object> ranked) {
		if (ranked == null) {
			throw new Unavailable("scoring is not answering", new IllegalStateException());
		}
		List<Map<String, Object>> segments = (List<Map<String, Object>>) ((Map<String, Object>) ranked.get("ranking"))
			.get("segments");
		return BarChart.shares("Conversion with its 95 % interval, best " + CHART + " segments as ranked", "Segment",
				List.of("Lower end", "Conversion", "Upper end"),
				segments.stream()
					.limit(CHART)
					.map((segment) -> BarChart.Row.of(String.valueOf(segment.get("name")), (Number) segment.get("low"),
							(Number) segment.get("conversion"), (Number) segment.get("high")))
					.toList());
	}

}
