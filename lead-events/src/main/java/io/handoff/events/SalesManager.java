package io.handoff.events;

import org.jspecify.annotations.Nullable;

/**
 * A sales manager: the person a rep's missed deadlines reach. On the compacted
 * {@code sales.managers} topic, keyed by manager id; a rep names their manager by this id
 * or by the manager's name.
 *
 * @param managerId stable id
 * @param name full name
 * @param email work e-mail, where breaches and escalations of their reps' leads go
 * @param team the team they lead
 */
public record SalesManager(String managerId, String name, @Nullable String email, @Nullable String team) {
}
