package dev.idloomsync.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerEmailTest {

    private static final RemovalNotice NOTICE = new RemovalNotice("owner@acme.example", "acme-events", "Summit 2024");

    @Test
    void tellsTheOwnerWhoWasRemovedFromWhichEvent() {
        PendingEmail email = OwnerEmail.compose("id-1", "acme24", NOTICE, "Ada", "Lovelace", "ada@example.org",
                "deleted in idloom");

        assertThat(email.id()).isEqualTo("id-1");
        assertThat(email.shortcode()).isEqualTo("acme24");
        assertThat(email.to()).isEqualTo("owner@acme.example");
        assertThat(email.subject()).isEqualTo("idloom-sync: Ada Lovelace was removed in idloom but is still in app acme24");
        assertThat(email.text()).contains("Ada Lovelace <ada@example.org> was removed from the idloom event \"Summit 2024\" (deleted in idloom)")
                .contains("added to the app acme24 by hand");
        assertThat(email.html()).contains("<strong>Ada Lovelace</strong> &lt;ada@example.org&gt;")
                .contains("&ldquo;Summit 2024&rdquo;")
                .contains("<strong>acme24</strong>");
    }

    @Test
    void escapesWhatAnAttendeeTypedInTheHtmlPart() {
        PendingEmail email = OwnerEmail.compose("id-2", "acme24",
                new RemovalNotice("owner@acme.example", "acme", "<script>alert('x')</script> Gala"),
                "<img src=x onerror=alert(1)>", "O'Brien & \"Sons\"", "ada@example.org",
                "registration status is <b>Canceled</b>");

        assertThat(email.html())
                .doesNotContain("<img").doesNotContain("<script").doesNotContain("<b>")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Gala")
                .contains("O&#39;Brien &amp; &quot;Sons&quot;")
                .contains("registration status is &lt;b&gt;Canceled&lt;/b&gt;");
        assertThat(email.text())
                .contains("<img src=x onerror=alert(1)> O'Brien & \"Sons\" <ada@example.org>")
                .contains("\"<script>alert('x')</script> Gala\"")
                .doesNotContain("&lt;").doesNotContain("&amp;");
    }

    @Test
    void theSubjectIsOneLine() {
        PendingEmail email = OwnerEmail.compose("id-3", "acme24", NOTICE, "Ada\r\nBcc: evil@example.org", "Love\nlace\t",
                "ada@example.org", "deleted in idloom");

        assertThat(email.subject()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\t")
                .startsWith("idloom-sync: Ada Bcc: evil@example.org Love lace");
    }

    @Test
    void theSubjectHasNoUnicodeLineBreaksEither() {
        PendingEmail email = OwnerEmail.compose("id-4", "acme24", NOTICE, "Ada\u2028Bcc", "Love\u0085lace\u2029",
                "ada@example.org", "deleted in idloom");

        assertThat(email.subject()).doesNotContainPattern("\\R").doesNotContainPattern("\\p{Cc}")
                .startsWith("idloom-sync: Ada Bcc Love lace was removed");
    }

    @Test
    void aPersonWithoutNameOrEmailIsStillDescribed() {
        PendingEmail email = OwnerEmail.compose("id-5", "acme24", NOTICE, null, "  ", null, "deleted in idloom");

        assertThat(email.subject()).contains("(no name)");
        assertThat(email.text()).contains("(no name) <(no email)>");
        assertThat(email.html()).contains("<strong>(no name)</strong> &lt;(no email)&gt;");
    }

    @Test
    void aPersonWithOnlyALastNameIsNamedWithoutALeadingSpace() {
        PendingEmail email = OwnerEmail.compose("id-6", "acme24", NOTICE, null, "Lovelace", "  ", "deleted in idloom");

        assertThat(email.subject()).startsWith("idloom-sync: Lovelace was removed");
        assertThat(email.text()).contains("Lovelace <(no email)>");
    }

    @Test
    void escapeHandlesTheFiveCharactersAndNull() {
        assertThat(OwnerEmail.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(OwnerEmail.escape(null)).isEmpty();
        assertThat(OwnerEmail.escape("plain text")).isEqualTo("plain text");
    }
}
