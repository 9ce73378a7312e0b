package dev.idloomsync.sync;

/** A registration of a linked event, within one app. */
public record RegistrationKey(String shortcode, String eventUid, String uid) {

    /** How a person names the registrations it is linked to. */
    public String linkName() {
        return eventUid + "/" + uid;
    }
}
