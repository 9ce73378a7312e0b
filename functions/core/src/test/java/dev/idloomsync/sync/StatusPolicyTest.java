package dev.idloomsync.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPolicyTest {

    private static Attendee withStatuses(String registration, String payment) {
        return new Attendee("u1", "e1", null, registration, payment, Map.of(), null, List.of(), false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Canceled", "Cancelled", "CANCELLED", " cancelled ", "canceled",
            "Rejected", "REJECTED", " rejected",
            "Not coming", "not_coming", "Not-Coming", "NOT COMING", "notcoming",
            "To contact", "to contact", "TO_CONTACT", "to-contact"})
    void excludesEachLeftOutRegistrationStatusHoweverItIsSpelt(String status) {
        assertThat(StatusPolicy.exclusion(withStatuses(status, "Paid")))
                .hasValue("registration status is " + status.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Waiting for payment", "waiting_for_payment", "Waiting For Payment", "WAITING-FOR-PAYMENT",
            " waiting  for payment ", "Canceled", "Cancelled", "CANCELLED"})
    void excludesEachLeftOutPaymentStatusHoweverItIsSpelt(String status) {
        assertThat(StatusPolicy.exclusion(withStatuses("Registered", status)))
                .hasValue("payment status is " + status.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Registered", "Confirmed", "Paid", "Attended", "Waiting list", "Pending",
            "Not paid", "Waiting for approval", "Cancellation requested"})
    void keepsRegistrationStatusesThatAreNotAmongTheFour(String status) {
        assertThat(StatusPolicy.exclusion(withStatuses(status, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Paid", "Not paid", "Free", "Refunded", "Partially paid", "Rejected", "To contact"})
    void keepsPaymentStatusesThatAreNotAmongTheTwo(String status) {
        // Rejected and To contact exclude a registration status only, not a payment status.
        assertThat(StatusPolicy.exclusion(withStatuses("Registered", status))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "-", "_"})
    void keepsAnAttendeeWithoutStatuses(String status) {
        assertThat(StatusPolicy.exclusion(withStatuses(status, status))).isEmpty();
    }

    @Test
    void waitingForPaymentAsARegistrationStatusIsNotAnExclusion() {
        assertThat(StatusPolicy.exclusion(withStatuses("Waiting for payment", "Paid"))).isEmpty();
    }

    @Test
    void registrationStatusIsGivenAsTheReasonWhenBothExclude() {
        assertThat(StatusPolicy.exclusion(withStatuses("Rejected", "Canceled")))
                .hasValue("registration status is Rejected");
    }

    @Test
    void normalisesCaseSpacingPunctuationAndSpelling() {
        assertThat(StatusPolicy.normalise(" Not-Coming ")).isEqualTo("notcoming");
        assertThat(StatusPolicy.normalise("CANCELLED")).isEqualTo("canceled");
        assertThat(StatusPolicy.normalise("waiting_for_payment")).isEqualTo("waitingforpayment");
        assertThat(StatusPolicy.normalise(null)).isEmpty();
    }
}
