package dev.idloomsync.notify;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;

/** Sends owner emails with SES v2 from the configured sender address. */
public final class SesEmailSender implements EmailSender {
    private final SesV2Client ses;
    private final String sender;

    public SesEmailSender(SesV2Client ses, String sender) {
        this.ses = ses;
        this.sender = sender;
    }

    @Override
    public void send(PendingEmail email) {
        ses.sendEmail(r -> r.fromEmailAddress(sender)
                .destination(Destination.builder().toAddresses(email.to()).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(text(email.subject()))
                        .body(Body.builder().html(text(email.html())).text(text(email.text())).build())
                        .build()).build()));
    }

    private static Content text(String value) {
        return Content.builder().data(value).charset("UTF-8").build();
    }
}
