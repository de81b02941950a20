package io.handoff.arbitration.cases;

import io.handoff.events.LeadReturned;

/**
 * A return that opened no case, and why: only the rep a lead is assigned to may send it
 * back.
 *
 * @param returned the return as the sales tool sent it
 * @param reason why it was refused
 */
public record RefusedReturn(LeadReturned returned, String reason) {
}
