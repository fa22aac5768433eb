package io.gatehouse.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Reads the device and the client application out of a User-Agent with ua-parser ({@code uap-java} and
 * its maintained regexes). Parsing runs dozens of regular expressions, so each distinct string is parsed
 * once per node and kept (Caffeine, 20,000 strings): clients send the same few strings over and over.
 */
@Component
public class UserAgents {

    /** A parsed User-Agent: the device, and the application or client that sent it when one is named. */
    public record Parsed(Device device, String application) {
    }

    private static final int MAX_APPLICATION = 64;
    private static final Set<String> MOBILE_OS = Set.of("iOS", "Android", "Windows Phone", "BlackBerry OS",
            "HarmonyOS", "KaiOS", "Symbian OS", "Firefox OS");
    private static final Set<String> DESKTOP_OS = Set.of("Windows", "Mac OS X", "Linux", "Ubuntu", "Fedora",
            "Debian", "Chrome OS", "FreeBSD", "OpenBSD", "NetBSD", "Red Hat", "SUSE", "Solaris");

    private final Parser parser = new Parser();
    private final Cache<String, Parsed> parsed = Caffeine.newBuilder().maximumSize(20_000).build();

    public Parsed parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Parsed(Device.UNKNOWN, null);
        }
        return parsed.get(userAgent, this::parseNew);
    }

    private Parsed parseNew(String userAgent) {
        Client client = parser.parse(userAgent);
        String os = known(client.os.family);
        String browser = known(client.userAgent.family);
        String application = "Other".equals(browser) ? firstProduct(userAgent) : browser;
        return new Parsed(new Device(type(client, os), os, browser), application);
    }

    /**
     * ua-parser names the device family (iPhone, iPad, Spider, a phone model) but not its kind, so the kind
     * comes from the family first and the operating system second.
     */
    private static String type(Client client, String os) {
        String family = client.device.family == null ? "" : client.device.family.toLowerCase(Locale.ROOT);
        if (family.equals("spider") || family.contains("bot")) {
            return "bot";
        }
        if (family.contains("ipad") || family.contains("tablet") || family.contains("kindle")) {
            return "tablet";
        }
        if (MOBILE_OS.contains(os)) {
            return "mobile";
        }
        if (DESKTOP_OS.contains(os)) {
            return "desktop";
        }
        return "other";
    }

    private static String known(String family) {
        return family == null || family.isBlank() ? "Other" : truncate(family);
    }

    /** The product of a client ua-parser does not know: {@code huaweicloud-usdk-java} of {@code huaweicloud-usdk-java/3.0}. */
    private static String firstProduct(String userAgent) {
        String first = userAgent.strip().split("[/\\s;(]", 2)[0];
        return first.isEmpty() ? null : truncate(first);
    }

    private static String truncate(String value) {
        return value.length() <= MAX_APPLICATION ? value : value.substring(0, MAX_APPLICATION);
    }
}
