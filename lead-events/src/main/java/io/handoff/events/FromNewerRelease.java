package io.handoff.events;

/**
 * An event carries a value a newer release added (read as its enum's {@code UNKNOWN}) and
 * this reader would have to act on it: thrown so the record goes to its dead-letter topic
 * whole, to replay once every instance runs the newer release, rather than being acted on
 * wrongly or passed over. Readers that do not act on the value carry on.
 */
public class FromNewerRelease extends RuntimeException {

	public FromNewerRelease(String what) {
		super(what + " this release does not know (a newer one wrote it); replay it from the dead letters after "
				+ "the upgrade");
	}

}
