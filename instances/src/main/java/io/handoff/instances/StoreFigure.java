package io.handoff.instances;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;

/**
 * A figure over every value of a store (a funnel's counts, say), computed where the
 * values live: each instance reduces the partitions it holds to a share, and only the
 * shares travel, to be merged at the instance asked ({@link ClusterStores#figure}). Every
 * instance of a service must know the same figures under the same names: each registers
 * them when it starts ({@link ClusterStores#register}).
 *
 * <p>
 * {@link #merge} must not depend on the order of the shares (counts add; lists are kept
 * sorted), so that every instance asked answers the same.
 *
 * @param <V> the store's values
 * @param <P> a share: what one instance's values come to, read and written as JSON
 */
public interface StoreFigure<V, P> {

	/**
	 * The figure's name, unique in its service: the other instances ask for a share by
	 * it.
	 */
	String name();

	/** The store it reads. */
	String store();

	Class<V> valueType();

	Class<P> shareType();

	/**
	 * What {@code values} (the values of some of the store's partitions) come to under
	 * {@code parameters}: the same parameters at every instance, given by the instance
	 * asked (the agreement, the moment counted from).
	 */
	P partial(List<V> values, Map<String, String> parameters);

	/** Two shares as one. */
	P merge(P one, P other);

	/**
	 * A figure of these parts; register it at start ({@link ClusterStores#register}), so
	 * every instance knows it.
	 */
	static <V, P> StoreFigure<V, P> of(String name, String store, Class<V> values, Class<P> shares,
			BiFunction<List<V>, Map<String, String>, P> partial, BinaryOperator<P> merge) {
		return new StoreFigure<>() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public String store() {
				return store;
			}

			@Override
			public Class<V> valueType() {
				return values;
			}

			@Override
			public Class<P> shareType() {
				return shares;
			}

			@Override
			public P partial(List<V> valuesHere, Map<String, String> parameters) {
				return partial.apply(valuesHere, parameters);
			}

			@Override
			public P merge(P one, P other) {
				return merge.apply(one, other);
			}

		};
	}

}
