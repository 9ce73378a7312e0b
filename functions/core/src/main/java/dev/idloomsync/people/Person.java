package dev.idloomsync.people;

import java.util.List;
import java.util.Map;

/**
 * A profile in the app. {@code profile} and {@code custom} are keyed by profile key and custom
 * field id; {@code groups}/{@code sessions} are all memberships, {@code handGroups}/{@code
 * handSessions} the ones not made by the sync; {@code links} names the registrations it follows
 * as {@code eventUid/uid}.
 */
public record Person(String id, Origin origin, String title, String firstName, String lastName, String email,
                     String jobTitle, String company, String phone, Map<String, String> profile,
                     Map<String, String> custom, List<String> groups, List<String> sessions,
                     List<String> handGroups, List<String> handSessions, List<String> links) {
}
