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
import io.handoff.console.services.Refusal;
import io.handoff.console.services.Unavailable;

/**
 * The weekly review page ({@code /review?week=}, any day of the week) and each of its
 * tables as CSV ({@code /review/{table}.csv?week=}).
 */
@Controller
class ReviewController {

	private final ReviewSources sources;

	ReviewController(ReviewSources sources) {
		this.sources = sources;
	}

	/**
	 * The Monday of the week asked for (this week's without one); a day far outside any
	 * review is refused.
	 */
	private LocalDate monday(@Nullable LocalDate week) {
		LocalDate day = (week != null) ? week : this.sources.today();
		if (day.getYear() < 2000 || day.getYear() > 2999) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"week: a day between the years 2000 and 2999; got " + day);
		}
		return ReviewSources.monday(day);
	}

	@GetMapping("/review")
	String review(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week,
			Model model) {
		LocalDate monday = monday(week);
		model.addAttribute("monday", monday);
		model.addAttribute("review", Panel.of(() -> this.sources.review(monday)));
		return "review";
	}

	@GetMapping("/review/{table}.csv")
	ResponseEntity<byte[]> table(@PathVariable String table,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week) {
		LocalDate monday = monday(week);
		ReviewTable found;
		try {
			found = this.sources.review(monday).table(table);
		}
		catch (Refusal ex) {
			throw new ResponseStatusException(HttpStatus.valueOf(ex.status()), ex.getMessage());
		}
		catch (Unavailable ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		}
		if (found == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The weekly review has no table '" + table + "'");
		}
		return CsvDownload.of("review-" + monday + "-" + table + ".csv", found.columns(), found.values());
	}

}
