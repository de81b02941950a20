package io.handoff.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of the 4,238 won deals of the Maven CRM sales pipeline (a real 35-rep sales
 * organisation's), on the classpath as {@code demo/won-deal-values.csv}: the amounts the
 * demo's sales tool reports for the leads it wins, as the X Education leads come without
 * deal values.
 */
public final class DemoDeals {

	/** Where the values are on the classpath. */
	public static final String RESOURCE = "/demo/won-deal-values.csv";

	private static final List<BigDecimal> VALUES = read();

	private DemoDeals() {
	}

	/** The value of the {@code n}-th won deal, counting round the data set. */
	public static BigDecimal wonAmount(int n) {
		return VALUES.get(Math.floorMod(n, VALUES.size()));
	}

	/** How many won deals the data set has. */
	public static int count() {
		return VALUES.size();
	}

	private static List<BigDecimal> read() {
		List<BigDecimal> values = new ArrayList<>();
		try (InputStream in = DemoDeals.class.getResourceAsStream(RESOURCE);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				values.add(new BigDecimal(line.substring(line.lastIndexOf(',') + 1).strip()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
		return List.copyOf(values);
	}

}
