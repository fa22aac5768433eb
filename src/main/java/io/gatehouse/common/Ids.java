package io.gatehouse.common;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Resource ids: 32 lowercase hex characters from a CSPRNG, the shape Huawei IAM uses. Every request
 * takes one (its request id), so each thread has its own generator rather than all queueing on one.
 */
public final class Ids {

    /** DRBG instances are independent; NativePRNG instances would all share one locked source. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private Ids() {
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
