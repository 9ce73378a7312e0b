package dev.idloomsync.sync;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which registrations are never in the app: registration status Canceled, Rejected, Not coming or
 * To contact, payment status Waiting for payment or Canceled. Compared without case, spacing,
 * punctuation or the Cancelled/Canceled spelling.
 */
public final class StatusPolicy {
    private static final Set<String> EXCLUDED_REGISTRATION = Set.of("canceled", "rejected", "notcoming", "tocontact");
    private static final Set<String> EXCLUDED_PAYMENT = Set.of("waitingforpayment", "canceled");

    private StatusPolicy() {
    }

    /** The reason the attendee is left out, or empty when it belongs in the app. */
    public static Optional<String> exclusion(Attendee attendee) {
        if (EXCLUDED_REGISTRATION.contains(normalise(attendee.registrationStatus()))) {
            return Optional.of("registration status is " + attendee.registrationStatus().strip());
        }
        if (EXCLUDED_PAYMENT.contains(normalise(attendee.paymentStatus()))) {
            return Optional.of("payment status is " + attendee.paymentStatus().strip());
        }
        return Optional.empty();
    }

    static String normalise(String status) {
        if (status == null) {
            return "";
        }
        StringBuilder letters = new StringBuilder(status.length());
        for (int i = 0; i < status.length(); i++) {
            char c = status.charAt(i);
            if (Character.isLetter(c)) {
                letters.append(Character.toLowerCase(c));
            }
        }
        return letters.toString().toLowerCase(Locale.ROOT).replace("cancelled", "canceled");
    }
}
