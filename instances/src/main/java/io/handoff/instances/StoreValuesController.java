package io.handoff.instances;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.LeadEventsJson;

/**
 * What this instance holds of a store's partitions, and its share of a figure over them,
 * for the other instances of the same service (only they may call it:
 * {@code /internal/**} needs an instance token). It answers from its own copies and never
 * asks further.
 */
@RestController
class StoreValuesController {

	private final ClusterStores stores;

	StoreValuesController(ClusterStores stores) {
		this.stores = stores;
	}

	@GetMapping(path = "/internal/v1/stores/{store}/values", produces = MediaType.APPLICATION_JSON_VALUE)
	byte[] values(@PathVariable String store, @RequestParam List<Integer> partitions,
			@RequestParam(required = false) @Nullable String key, @RequestParam(defaultValue = "false") boolean stale) {
		ClusterStore<?> known = this.stores.known(store);
		if (known == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No store " + store + " is read across instances");
		}
		if (partitions.isEmpty() || partitions.size() > 1024) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partitions: from 1 to 1024 partition numbers");
		}
		return LeadEventsJson.mapper().writeValueAsBytes(known.local(partitions, key, stale));
	}

	/**
	 * This instance's share of a figure over {@code partitions}; the figure's parameters
	 * come as {@code p.<name>}.
	 */
	@GetMapping(path = "/internal/v1/stores/{store}/figures/{figure}", produces = MediaType.APPLICATION_JSON_VALUE)
	byte[] figure(@PathVariable String store, @PathVariable String figure, @RequestParam List<Integer> partitions,
			@RequestParam(defaultValue = "false") boolean stale, @RequestParam Map<String, String> query) {
		StoreFigure<?, ?> known = this.stores.knownFigure(figure);
		if (known == null || !known.store().equals(store)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No figure " + figure + " of store " + store + " is computed across instances");
		}
		if (partitions.isEmpty() || partitions.size() > 1024) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partitions: from 1 to 1024 partition numbers");
		}
		Map<String, String> parameters = new TreeMap<>();
		query.forEach((name, value) -> {
			if (name.startsWith("p.")) {
				parameters.put(name.substring(2), value);
			}
		});
		return LeadEventsJson.mapper()
			.writeValueAsBytes(List.of(this.stores.partialHere(known, partitions, stale, parameters)));
	}

}
