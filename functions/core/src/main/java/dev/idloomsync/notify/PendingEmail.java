package dev.idloomsync.notify;

/** An owner email written with the removal that caused it, sent after the commit. */
public record PendingEmail(String id, String shortcode, String to, String subject, String html, String text) {
}
