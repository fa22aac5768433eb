package io.gatehouse.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

/**
 * One compiled entry of an access control list: a CIDR block ({@code 10.0.0.0/8}), matched by Spring
 * Security's {@link InetAddressMatcher}, or an inclusive range ({@code 10.0.0.1-10.0.0.99}), matched by
 * comparing the addresses' bytes as unsigned numbers. An entry matches only addresses of its own family.
 *
 * <p>Text becomes an address only when it is an address literal: {@link #parse} checks the form before
 * {@link InetAddress} sees it, so no host name is ever looked up, on a request or on a write.
 */
final class AclMatcher {

    /** Four decimal octets of 0 to 255, without leading zeros (which some parsers read as octal). */
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** Hex groups, colons and an embedded dotted quad; InetAddress reads text with a colon only as a literal. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    enum Family {
        IPV4(Inet4Address.class, 32, "IPv4", "10.0.0.0/8", "10.0.0.1-10.0.0.255"),
        IPV6(Inet6Address.class, 128, "IPv6", "2001:db8::/32", "2001:db8::1-2001:db8::ff");

        private final Class<? extends InetAddress> type;
        private final int bits;
        private final String label;
        private final String netmaskExample;
        private final String rangeExample;

        Family(Class<? extends InetAddress> type, int bits, String label, String netmaskExample, String rangeExample) {
            this.type = type;
            this.bits = bits;
            this.label = label;
            this.netmaskExample = netmaskExample;
            this.rangeExample = rangeExample;
        }
    }

    private final Family family;
    private final InetAddressMatcher block;
    private final byte[] low;
    private final byte[] high;

    private AclMatcher(Family family, InetAddressMatcher block, byte[] low, byte[] high) {
        this.family = family;
        this.block = block;
        this.low = low;
        this.high = high;
    }

    boolean matches(InetAddress address) {
        if (!family.type.isInstance(address)) {
            return false;
        }
        if (block != null) {
            return block.matches(address);
        }
        byte[] bytes = address.getAddress();
        return Arrays.compareUnsigned(low, bytes) <= 0 && Arrays.compareUnsigned(bytes, high) <= 0;
    }

    /**
     * A CIDR block, {@code address/prefix}. Bits of the address beyond the prefix are ignored.
     *
     * @throws IllegalArgumentException with a reason that does not repeat the text
     */
    static AclMatcher netmask(String text, Family family) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/') || !PREFIX.matcher(text.substring(slash + 1)).matches()) {
            throw new IllegalArgumentException(netmaskForm(family));
        }
        InetAddress address = parse(text.substring(0, slash), family);
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (address == null || prefix > family.bits) {
            throw new IllegalArgumentException(netmaskForm(family));
        }
        // The text handed on is InetAddress's own rendering of a literal, so the matcher cannot resolve a name.
        return new AclMatcher(family, InetAddressMatchers.fromIpAddress(address.getHostAddress() + "/" + prefix),
                null, null);
    }

    /**
     * An inclusive range, {@code first-last}, with the lower address first.
     *
     * @throws IllegalArgumentException with a reason that does not repeat the text
     */
    static AclMatcher range(String text, Family family) {
        int dash = text.indexOf('-');
        if (dash < 0 || dash != text.lastIndexOf('-')) {
            throw new IllegalArgumentException(rangeForm(family));
        }
        InetAddress first = parse(text.substring(0, dash), family);
        InetAddress last = parse(text.substring(dash + 1), family);
        if (first == null || last == null) {
            throw new IllegalArgumentException(rangeForm(family));
        }
        if (Arrays.compareUnsigned(first.getAddress(), last.getAddress()) > 0) {
            throw new IllegalArgumentException("the first address of the range is higher than the last");
        }
        return new AclMatcher(family, null, first.getAddress(), last.getAddress());
    }

    /** The address of a literal of the family, or null when the text is not one. */
    static InetAddress parse(String text, Family family) {
        InetAddress address = parse(text);
        return family.type.isInstance(address) ? address : null;
    }

    /**
     * The address a literal denotes, or null when the text is not an IPv4 or IPv6 literal. An IPv6
     * zone ({@code %eth0}) is not accepted. An IPv4-mapped IPv6 literal denotes its IPv4 address.
     */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    /** A client's address as the request path resolved it; a zone suffix is dropped. */
    static InetAddress client(String ip) {
        if (ip == null) {
            return null;
        }
        int zone = ip.indexOf('%');
        return parse(zone < 0 ? ip : ip.substring(0, zone));
    }

    private static String netmaskForm(Family family) {
        return "it must be an " + family.label + " address and a prefix length of 0 to " + family.bits + ", such as "
                + family.netmaskExample;
    }

    private static String rangeForm(Family family) {
        return "it must be two " + family.label + " addresses joined by '-', such as " + family.rangeExample;
    }

    @Override
    public String toString() {
        return block != null ? block.toString() : family.label + " range";
    }
}
