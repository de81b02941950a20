package io.handoff.scoring.calibration;

import java.util.Arrays;

/**
 * L2-regularised logistic regression on binary features, fitted by Newton's method
 * (iteratively reweighted least squares): a handful of iterations converge for the few
 * dozen features of an agreement.
 *
 * @param intercept the fitted intercept (log-odds of a lead with no feature)
 * @param weights the fitted weight of each feature (log-odds it adds)
 */
public record LogisticRegression(double intercept, double[] weights) {

	private static final int MAX_ITERATIONS = 50;

	/**
	 * Fits the model.
	 * @param features one row per example, one column per feature (0 or 1)
	 * @param outcomes whether each example converted
	 * @param ridge the L2 penalty on the weights (not the intercept); keeps rare rules
	 * from taking extreme weights
	 */
	public static LogisticRegression fit(boolean[][] features, boolean[] outcomes, double ridge) {
		double[] once = new double[features.length];
		Arrays.fill(once, 1);
		return fit(features, outcomes, once, ridge);
	}

	/**
	 * Fits the model on examples that stand for several alike each: row {@code i} counts
	 * {@code counts[i]} times.
	 * @param features one row per kind of example, one column per feature (0 or 1)
	 * @param outcomes whether the examples of each row converted
	 * @param counts how many examples each row stands for
	 * @param ridge the L2 penalty on the weights (not the intercept)
	 */
	public static LogisticRegression fit(boolean[][] features, boolean[] outcomes, double[] counts, double ridge) {
		int n = features.length;
		int p = (n > 0) ? features[0].length : 0;
		int d = p + 1;
		double[] beta = new double[d];
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			double[] gradient = new double[d];
			double[][] hessian = new double[d][d];
			for (int i = 0; i < n; i++) {
				double probability = sigmoid(linear(beta, features[i]));
				double error = ((outcomes[i] ? 1 : 0) - probability) * counts[i];
				double weight = probability * (1 - probability) * counts[i];
				int[] active = active(features[i]);
				gradient[0] += error;
				hessian[0][0] += weight;
				for (int a : active) {
					gradient[a + 1] += error;
					hessian[0][a + 1] += weight;
					hessian[a + 1][0] += weight;
					for (int b : active) {
						hessian[a + 1][b + 1] += weight;
					}
				}
			}
			for (int j = 1; j < d; j++) {
				gradient[j] -= ridge * beta[j];
				hessian[j][j] += ridge;
			}
			hessian[0][0] += 1e-9;
			double[] step = solve(hessian, gradient);
			double change = 0;
			for (int j = 0; j < d; j++) {
				beta[j] += step[j];
				change = Math.max(change, Math.abs(step[j]));
			}
			if (change < 1e-6) {
				break;
			}
		}
		double[] weights = new double[p];
		System.arraycopy(beta, 1, weights, 0, p);
		return new LogisticRegression(beta[0], weights);
	}

	/**
	 * Fits the probability of converting against one score (Platt scaling):
	 * {@code P = 1 / (1 + e^-(a + b * score))}, what a scorecard's points come to as a
	 * probability, so that two sets of points can be compared on one scale.
	 * @return the fitted model, its one weight the slope per point
	 */
	public static LogisticRegression fitScores(double[] scores, boolean[] outcomes) {
		double mean = 0;
		for (double score : scores) {
			mean += score / scores.length;
		}
		double spread = 0;
		for (double score : scores) {
			spread = Math.max(spread, Math.abs(score - mean));
		}
		double unit = (spread > 0) ? spread : 1;
		double a = 0;
		double b = 0;
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			double ga = 0;
			double gb = 0;
			double haa = 1e-9;
			double hab = 0;
			double hbb = 1e-9;
			for (int i = 0; i < scores.length; i++) {
				double x = (scores[i] - mean) / unit;
				double probability = sigmoid(a + b * x);
				double error = (outcomes[i] ? 1 : 0) - probability;
				double weight = probability * (1 - probability);
				ga += error;
				gb += error * x;
				haa += weight;
				hab += weight * x;
				hbb += weight * x * x;
			}
			double determinant = haa * hbb - hab * hab;
			double stepA = (hbb * ga - hab * gb) / determinant;
			double stepB = (haa * gb - hab * ga) / determinant;
			a += stepA;
			b += stepB;
			if (Math.max(Math.abs(stepA), Math.abs(stepB)) < 1e-9) {
				break;
			}
		}
		return new LogisticRegression(a - b * mean / unit, new double[] { b / unit });
	}

	/**
	 * The probability of converting for a score, of a model {@link #fitScores fitted on
	 * scores}.
	 */
	public double probability(double score) {
		return sigmoid(this.intercept + this.weights[0] * score);
	}

	/** The log-odds of conversion for one example. */
	public double logOdds(boolean[] features) {
		double sum = this.intercept;
		for (int j = 0; j < features.length; j++) {
			if (features[j]) {
				sum += this.weights[j];
			}
		}
		return sum;
	}

	private static double linear(double[] beta, boolean[] row) {
		double sum = beta[0];
		for (int j = 0; j < row.length; j++) {
			if (row[j]) {
				sum += beta[j + 1];
			}
		}
		return sum;
	}

	private static int[] active(boolean[] row) {
		int count = 0;
		for (boolean feature : row) {
			if (feature) {
				count++;
			}
		}
		int[] active = new int[count];
		int at = 0;
		for (int j = 0; j < row.length; j++) {
			if (row[j]) {
				active[at++] = j;
			}
		}
		return active;
	}

	private static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-z));
	}

	/**
	 * Solves {@code a x = b} by Gaussian elimination with partial pivoting (a is
	 * symmetric positive definite).
	 */
	private static double[] solve(double[][] a, double[] b) {
		int n = b.length;
		double[][] m = new double[n][];
		for (int i = 0; i < n; i++) {
			m[i] = Arrays.copyOf(a[i], n + 1);
			m[i][n] = b[i];
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int row = col + 1; row < n; row++) {
				if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
					pivot = row;
				}
			}
			double[] swap = m[col];
			m[col] = m[pivot];
			m[pivot] = swap;
			for (int row = col + 1; row < n; row++) {
				double factor = m[row][col] / m[col][col];
				for (int k = col; k <= n; k++) {
					m[row][k] -= factor * m[col][k];
				}
			}
		}
		double[] x = new double[n];
		for (int row = n - 1; row >= 0; row--) {
			double sum = m[row][n];
			for (int k = row + 1; k < n; k++) {
				sum -= m[row][k] * x[k];
			}
			x[row] = sum / m[row][row];
		}
		return x;
	}

	/**
	 * The area under the ROC curve of {@code scores} against {@code outcomes}: the chance
	 * that a converted example scores above one that did not (ties count half).
	 */
	public static double rocAuc(double[] scores, boolean[] outcomes) {
		Integer[] order = new Integer[scores.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
		double rankSumPositives = 0;
		long positives = 0;
		int i = 0;
		while (i < order.length) {
			int j = i;
			while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
				j++;
			}
			double averageRank = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				if (outcomes[order[k]]) {
					rankSumPositives += averageRank;
					positives++;
				}
			}
			i = j + 1;
		}
		long negatives = scores.length - positives;
		if (positives == 0 || negatives == 0) {
			return Double.NaN;
		}
		return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

}
