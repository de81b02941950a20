package io.handoff.console.review;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.console.CsvDownload;
import io.handoff.console.services.Panel;

/**
 * The weekly review page ({@code /review?week=}, any day of the week) and each of its tables as CSV
 * ({@code /review/{table}.csv?week=}).
 */
@Controller
class ReviewController {

	private final ReviewSources sources;

	private final ReviewSettings settings;

	ReviewController(ReviewSources sources, ReviewSettings settings) {
		this.sources = sources;
		this.settings = settings;
	}

	@GetMapping("/review")
	String review(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week,
			Model model) {
		LocalDate monday = ReviewSources.monday((week != null) ? week : LocalDate.now(this.settings.timeZone()));
		model.addAttribute("monday", monday);
		model.addAttribute("review", Panel.of(() -> this.sources.review(monday)));
		return "review";
	}

	@GetMapping("/review/{table}.csv")
	ResponseEntity<byte[]> table(@PathVariable String table,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week) {
		LocalDate monday = ReviewSources.monday((week != null) ? week : LocalDate.now(this.settings.timeZone()));
		ReviewTable found = this.sources.review(monday).table(table);
		if (found == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The weekly review has no table '" + table + "'");
		}
		return CsvDownload.of("review-" + monday + "-" + table + ".csv", found.columns(), found.values());
	}

}
