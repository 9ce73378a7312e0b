package dev.idloomsync.store;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encrypts idloom API keys with a KMS key; the app's shortcode is bound in as encryption context,
 * so that a ciphertext copied to another app does not decrypt.
 */
public final class KmsApiKeyCipher implements ApiKeyCipher {
    private final KmsClient kms;
    private final String keyId;

    public KmsApiKeyCipher(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] encrypt(String shortcode, String apiKey) {
        if (keyId == null) {
            throw new IllegalStateException("environment variable KMS_KEY_ID is not set: set it to the KMS key for API keys");
        }
        return kms.encrypt(r -> r.keyId(keyId).encryptionContext(context(shortcode))
                .plaintext(SdkBytes.fromString(apiKey, StandardCharsets.UTF_8))).ciphertextBlob().asByteArray();
    }

    @Override
    public String decrypt(String shortcode, byte[] encrypted) {
        return kms.decrypt(r -> r.keyId(keyId).encryptionContext(context(shortcode))
                .ciphertextBlob(SdkBytes.fromByteArray(encrypted))).plaintext().asString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> context(String shortcode) {
        return Map.of("app", shortcode);
    }
}
