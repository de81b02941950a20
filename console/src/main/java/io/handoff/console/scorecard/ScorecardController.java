package io.handoff.console.scorecard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.handoff.console.BarChart;
import io.handoff.console.services.Panel;
import io.handoff.console.services.ServiceClient;
import io.handoff.console.services.Services;
import io.handoff.console.services.Unavailable;

/**
 * The numbers both sides are measured on, over the last 30 days: marketing's qualified
 * volume and conversion (scoring), sales' SLA compliance (sla-monitor), the returns and
 * how the judge ruled on them, and the rules whose leads come back for cause (arbitration
 * against scoring). Each panel comes from one service.
 */
@Controller
class ScorecardController {

	/** Segments drawn per chart. */
	static final int TOP = 10;

	private final Services services;

	ScorecardController(Services services) {
		this.services = services;
	}

	@GetMapping("/scorecard")
	String scorecard(Model model) {
		Panel<Map<String, Object>> funnel = Panel.of(() -> this.services.scoring().get("/api/v1/funnel"));
		model.addAttribute("funnel", funnel);
		model.addAttribute("funnelCharts", Panel.of(() -> funnelCharts(funnel.value())));
		model.addAttribute("compliance", Panel.of(() -> compliance(this.services.sla().get("/api/v1/compliance"))));
		Panel<Map<String, Object>> cases = Panel.of(() -> this.services.arbitration().get("/api/v1/scorecard"));
		model.addAttribute("cases", cases);
		model.addAttribute("returns", Panel.of(() -> returns(cases.value())));
		model.addAttribute("rules", Panel.of(() -> rules(cases.value(), funnel.value())));
		return "scorecard";
	}

	@SuppressWarnings("unchecked")
	static List<BarChart> funnelCharts(Map<String, Object> funnel) {
		if (funnel == null) {
			throw new Unavailable("scoring is not answering", new IllegalStateException());
		}
		Map<String, Map<String, Map<String, Object>>> segments = (Map<String, Map<String, Map<String, Object>>>) funnel
			.get("segments");
		List<BarChart> charts = new ArrayList<>();
		Map<String, Map<String, Object>> sources = largest(segments.getOrDefault("source", Map.of()));
		charts.add(BarChart.counts("Leads and qualified leads per source (ten largest)", "Source",
				List.of("Leads", "Qualified", "Sales-ready"),
				sources.entrySet()
					.stream()
					.map((e) -> BarChart.Row.of(e.getKey(), (Number) e.getValue().get("leads"),
							(Number) e.getValue().get("qualified"), (Number) e.getValue().get("salesReady")))
					.toList()));
		charts.add(
				BarChart.shares("Conversion (won of leads with an outcome) per source", "Source", List.of("Conversion"),
						sources.entrySet()
							.stream()
							.map((e) -> BarChart.Row.of(e.getKey(), (Number) e.getValue().get("conversion")))
							.toList()));
		Map<String, Map<String, Object>> grades = new TreeMap<>(segments.getOrDefault("grade", Map.of()));
		charts.add(BarChart.shares("Conversion per grade", "Grade", List.of("Conversion"),
				grades.entrySet()
					.stream()
					.map((e) -> BarChart.Row.of(e.getKey(), (Number) e.getValue().get("conversion")))
					.toList()));
		Map<String, Map<String, Object>> countries = largest(segments.getOrDefault("country", Map.of()));
		charts.add(BarChart.shares("Conversion per country (ten largest)", "Country", List.of("Conversion"),
				countries.entrySet()
					.stream()
					.map((e) -> BarChart.Row.of(e.getKey(), (Number) e.getValue().get("conversion")))
					.toList()));
		return charts;
	}

	@SuppressWarnings("unchecked")
	static BarChart compliance(Map<String, Object> compliance) {
		Map<String, Map<String, Object>> teams = (Map<String, Map<String, Object>>) compliance.getOrDefault("teams",
				Map.of());
		return BarChart.shares("Assigned leads touched within the SLA, per team", "Team", List.of("Touched in time"),
				teams.entrySet()
					.stream()
					.map((e) -> BarChart.Row.of(e.getKey(), (Number) e.getValue().get("shareTouchedInTime")))
					.toList());
	}

	@SuppressWarnings("unchecked")
	static BarChart returns(Map<String, Object> cases) {
		if (cases == null) {
			throw new Unavailable("arbitration is not answering", new IllegalStateException());
		}
		Map<String, Number> byReason = (Map<String, Number>) cases.getOrDefault("returnsByReason", Map.of());
		return BarChart.counts("Leads returned, per agreed reason", "Reason", List.of("Returned"),
				byReason.entrySet().stream().map((e) -> BarChart.Row.of(e.getKey(), e.getValue())).toList());
	}

	/**
	 * Per rule: sales-ready leads it fired for, of those returned for cause, and the
	 * rate.
	 */
	@SuppressWarnings("unchecked")
	static List<RuleRate> rules(Map<String, Object> cases, Map<String, Object> funnel) {
		if (cases == null || funnel == null) {
			throw new Unavailable("the rule rates need both scoring and arbitration", new IllegalStateException());
		}
		Map<String, Number> returned = (Map<String, Number>) cases.getOrDefault("rules", Map.of());
		Map<String, Number> fired = (Map<String, Number>) funnel.getOrDefault("salesReadyByRule", Map.of());
		List<RuleRate> rates = new ArrayList<>();
		fired.forEach((rule, count) -> {
			int forCause = (returned.get(rule) != null) ? returned.get(rule).intValue() : 0;
			rates.add(new RuleRate(rule, count.intValue(), forCause,
					(count.intValue() > 0) ? (double) forCause / count.intValue() : 0));
		});
		returned.forEach((rule, count) -> {
			if (!fired.containsKey(rule)) {
				rates.add(new RuleRate(rule, 0, count.intValue(), 0));
			}
		});
		rates.sort(Comparator.comparingDouble(RuleRate::rate).reversed().thenComparing(RuleRate::ruleId));
		return rates;
	}

	private static Map<String, Map<String, Object>> largest(Map<String, Map<String, Object>> segments) {
		Map<String, Map<String, Object>> top = new LinkedHashMap<>();
		segments.entrySet()
			.stream()
			.sorted(Comparator.comparingInt(
					(Map.Entry<String, Map<String, Object>> e) -> -((Number) e.getValue().get("leads")).intValue()))
			.limit(TOP)
			.forEach((e) -> top.put(e.getKey(), e.getValue()));
		return top;
	}

	/**
	 * How often a rule's sales-ready leads come back for cause.
	 *
	 * @param ruleId the rule
	 * @param salesReady sales-ready leads of the last 30 days it fired for
	 * @param forCause leads it qualified that the judge sent back to marketing for cause
	 * @param rate for cause over sales-ready
	 */
	record RuleRate(String ruleId, int salesReady, int forCause, double rate) {
	}

}
