package io.gatehouse.audit;

/**
 * What a sign-in came from, as its User-Agent says: the kind of device ({@code desktop}, {@code mobile},
 * {@code tablet}, {@code bot} or {@code other}), the operating system and the browser or client, by family
 * and without versions, so that an update does not make a device look new.
 */
public record Device(String type, String os, String browser) {

    public static final Device UNKNOWN = new Device("other", "Other", "Other");

    /** How a person reads it, and the key that risk detection compares: {@code desktop, Windows, Chrome}. */
    public String label() {
        return type + ", " + os + ", " + browser;
    }
}
