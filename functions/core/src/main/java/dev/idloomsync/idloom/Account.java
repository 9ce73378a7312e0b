package dev.idloomsync.idloom;

/** The idloom account an API key belongs to, as {@code GET /other/auth} reports it. */
public record Account(String accountName) {
}
