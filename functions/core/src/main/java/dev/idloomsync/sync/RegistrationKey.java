package dev.idloomsync.sync;

/** A registration of a linked event, within one app. */
public record RegistrationKey(String shortcode, String eventUid, String uid) {

    /** How a person names the registrations it is linked to. */
    public String linkName() {
        return eventUid + "/" + uid;
    }

    /** The registration a person's link name stands for; null for a name that is not one. */
    public static RegistrationKey fromLinkName(String shortcode, String linkName) {
        int slash = linkName == null ? -1 : linkName.indexOf('/');
        return slash > 0 ? new RegistrationKey(shortcode, linkName.substring(0, slash), linkName.substring(slash + 1)) : null;
    }
}
