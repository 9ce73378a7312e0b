package dev.idloomsync.local;

import java.util.List;

import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.app.Session;
import dev.idloomsync.store.ApiKeyCipher;
import dev.idloomsync.store.SetupStore;

/**
 * The demo app {@code demo}, linked to the fake idloom's account {@code acme-events} and its event
 * {@code evt-2024-summit}, so that the bodies in {@code events/} sync as soon as the runner is up.
 * Written straight to the table; seeding again overwrites the same items.
 */
final class DemoSeed {
    static final String SHORTCODE = "demo";
    static final String APP_NAME = "Acme Summit 2024 app";
    static final String ACCOUNT = "acme-events";
    static final String API_KEY = "demo-key";
    static final String OWNER_EMAIL = "owner@acme.example";
    static final String WEBHOOK_SECRET = "demo-webhook-secret";
    static final String EVENT_UID = "evt-2024-summit";
    static final String EVENT_NAME = "Acme Summit 2024";

    private DemoSeed() {
    }

    static void seed(SetupStore setups, ApiKeyCipher cipher, String idloomServer) {
        setups.putApp(SHORTCODE, APP_NAME);
        setups.putGroup(SHORTCODE, new Group("g-attendees", "Attendees"));
        setups.putGroup(SHORTCODE, new Group("g-speakers", "Speakers"));
        setups.putSession(SHORTCODE, new Session("s-workshop-a", "Workshop A"));
        setups.putSession(SHORTCODE, new Session("s-dinner", "Networking dinner"));
        setups.putCustomField(SHORTCODE, new CustomField("cf-dietary", "Dietary requirements", "text"));
        setups.putCustomField(SHORTCODE, new CustomField("cf-newsletter", "Newsletter", "checkbox"));
        // confirmWithIdloom off: the demo's delete body is sent by hand while the fake idloom still
        // has att-1001, and a confirmed delete would be refused.
        setups.putIntegration(SHORTCODE, new Integration(ACCOUNT, idloomServer, cipher.encrypt(SHORTCODE, API_KEY),
                OWNER_EMAIL, true, WEBHOOK_SECRET, false));
        setups.putEvent(SHORTCODE, new LinkedEvent(EVENT_UID, EVENT_NAME, "g-attendees", List.of()));
        for (MappingRule rule : RULES) {
            setups.putMapping(SHORTCODE, EVENT_UID, rule);
        }
    }

    static final List<MappingRule> RULES = List.of(
            rule("rule-dietary", SourceKind.FIELD, "free_field1", TargetKind.CUSTOM, "cf-dietary", false),
            rule("rule-linkedin", SourceKind.FIELD, "free_field2", TargetKind.PROFILE, "linkedin", false),
            rule("rule-about", SourceKind.FIELD, "free_field3", TargetKind.PROFILE, "about", false),
            rule("rule-newsletter", SourceKind.FIELD, "free_field4", TargetKind.CUSTOM, "cf-newsletter", true),
            rule("rule-country", SourceKind.FIELD, "cpy_country", TargetKind.PROFILE, "country", false),
            rule("rule-speakers", SourceKind.CATEGORY, "cat-2", TargetKind.GROUP, "g-speakers", false),
            rule("rule-workshop-a", SourceKind.OPTION, "opt-1", TargetKind.SESSION, "s-workshop-a", false),
            rule("rule-dinner", SourceKind.OPTION, "opt-2", TargetKind.SESSION, "s-dinner", false));

    private static MappingRule rule(String id, SourceKind source, String sourceId, TargetKind target, String targetId,
                                    boolean tickbox) {
        return new MappingRule(id, new MappingRule.Source(source, sourceId), new MappingRule.Target(target, targetId),
                tickbox);
    }
}
