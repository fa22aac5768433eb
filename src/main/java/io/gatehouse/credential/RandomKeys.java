package io.gatehouse.credential;

import java.security.SecureRandom;

/**
 * New access keys and secret keys, in Huawei's shapes: a 20-character access key of upper-case letters
 * and digits (about 103 bits, an identifier), and a 40-character secret key of letters and digits
 * (about 238 bits), both from {@link SecureRandom}.
 */
final class RandomKeys {

    private static final String AK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomKeys() {
    }

    static String accessKey() {
        return draw(AK_ALPHABET, 20);
    }

    static String secretKey() {
        return draw(SK_ALPHABET, 40);
    }

    private static String draw(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
