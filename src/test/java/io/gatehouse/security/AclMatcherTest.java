package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.security.AclMatcher.Family;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclMatcherTest {

    private static InetAddress ip(String text) {
        InetAddress address = AclMatcher.parse(text);
        assertThat(address).as(text).isNotNull();
        return address;
    }

    @Test
    void netmaskWhenIpv4CidrThenMatchesInsideOnly() {
        AclMatcher m = AclMatcher.netmask("10.1.0.0/16", Family.IPV4);

        assertThat(m.matches(ip("10.1.0.0"))).isTrue();
        assertThat(m.matches(ip("10.1.255.255"))).isTrue();
        assertThat(m.matches(ip("10.2.0.0"))).isFalse();
        assertThat(m.matches(ip("10.0.255.255"))).isFalse();
    }

    @Test
    void netmaskWhenHostBitsSetThenTheyAreIgnored() {
        AclMatcher m = AclMatcher.netmask("192.168.1.77/24", Family.IPV4);

        assertThat(m.matches(ip("192.168.1.1"))).isTrue();
        assertThat(m.matches(ip("192.168.2.77"))).isFalse();
    }

    @Test
    void netmaskWhenFullPrefixThenMatchesOneAddress() {
        AclMatcher m = AclMatcher.netmask("203.0.113.9/32", Family.IPV4);

        assertThat(m.matches(ip("203.0.113.9"))).isTrue();
        assertThat(m.matches(ip("203.0.113.10"))).isFalse();
    }

    @Test
    void netmaskWhenIpv6CidrThenMatchesInsideOnly() {
        AclMatcher m = AclMatcher.netmask("2001:db8::/32", Family.IPV6);

        assertThat(m.matches(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(m.matches(ip("2001:0db8:0000:0000:0000:0000:0000:0001"))).isTrue();
        assertThat(m.matches(ip("2001:db9::1"))).isFalse();
    }

    @Test
    void netmaskWhenZeroPrefixThenMatchesEveryAddressOfItsFamilyOnly() {
        AclMatcher v4 = AclMatcher.netmask("0.0.0.0/0", Family.IPV4);
        AclMatcher v6 = AclMatcher.netmask("::/0", Family.IPV6);

        assertThat(v4.matches(ip("198.51.100.1"))).isTrue();
        assertThat(v4.matches(ip("::1"))).isFalse();
        assertThat(v6.matches(ip("::1"))).isTrue();
        assertThat(v6.matches(ip("198.51.100.1"))).isFalse();
    }

    @Test
    void rangeWhenIpv4ThenBoundsAreInclusive() {
        AclMatcher m = AclMatcher.range("10.0.0.200-10.0.1.5", Family.IPV4);

        assertThat(m.matches(ip("10.0.0.200"))).isTrue();
        assertThat(m.matches(ip("10.0.0.255"))).isTrue();
        assertThat(m.matches(ip("10.0.1.5"))).isTrue();
        assertThat(m.matches(ip("10.0.0.199"))).isFalse();
        assertThat(m.matches(ip("10.0.1.6"))).isFalse();
    }

    @Test
    void rangeWhenItCrossesTheSignBitThenComparedAsUnsignedNumbers() {
        AclMatcher m = AclMatcher.range("127.255.255.250-128.0.0.5", Family.IPV4);
        AclMatcher high = AclMatcher.range("200.0.0.0-250.0.0.0", Family.IPV4);

        assertThat(m.matches(ip("128.0.0.0"))).isTrue();
        assertThat(m.matches(ip("127.255.255.255"))).isTrue();
        assertThat(m.matches(ip("10.0.0.1"))).isFalse();
        assertThat(m.matches(ip("200.0.0.0"))).isFalse();
        assertThat(high.matches(ip("210.1.1.1"))).isTrue();
        assertThat(high.matches(ip("100.1.1.1"))).isFalse();
    }

    @Test
    void rangeWhenIpv6ThenBoundsAreInclusive() {
        AclMatcher m = AclMatcher.range("2001:db8::1-2001:db8::ff", Family.IPV6);

        assertThat(m.matches(ip("2001:db8::1"))).isTrue();
        assertThat(m.matches(ip("2001:db8::80"))).isTrue();
        assertThat(m.matches(ip("2001:db8::ff"))).isTrue();
        assertThat(m.matches(ip("2001:db8::100"))).isFalse();
        assertThat(m.matches(ip("2001:db8::"))).isFalse();
        assertThat(m.matches(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void rangeWhenFirstAddressIsHigherThenRefused() {
        assertThatThrownBy(() -> AclMatcher.range("10.0.0.9-10.0.0.1", Family.IPV4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("higher");
    }

    @Test
    void netmaskWhenMalformedThenRefusedWithoutRepeatingTheText() {
        for (String bad : List.of("10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.256/8",
                "010.0.0.1/8", "10.0.0/8", "10.0.0.0.0/8", "example.com/8", "localhost/32", " 10.0.0.0/8",
                "10.0.0.0/8 ", "10.0.0.0/8/8", "2001:db8::/32", "", "/8")) {
            assertThatThrownBy(() -> AclMatcher.netmask(bad, Family.IPV4)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AclMatcher.netmask("evil<script>/8", Family.IPV4))
                .hasMessageNotContaining("evil").hasMessageContaining("10.0.0.0/8");
        for (String bad : List.of("2001:db8::/129", "10.0.0.0/8", "::ffff:10.0.0.0/104", "fe80::1%eth0/64",
                "2001:db8::g/32", "2001:db8:::/32")) {
            assertThatThrownBy(() -> AclMatcher.netmask(bad, Family.IPV6)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rangeWhenMalformedThenRefused() {
        for (String bad : List.of("10.0.0.1", "10.0.0.1-", "-10.0.0.1", "10.0.0.1-10.0.0.2-10.0.0.3",
                "10.0.0.1 - 10.0.0.2", "10.0.0.1-2001:db8::1", "10.0.0.1/8-10.0.0.2", "a.b.c.d-e.f.g.h")) {
            assertThatThrownBy(() -> AclMatcher.range(bad, Family.IPV4)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AclMatcher.range("10.0.0.1-10.0.0.2", Family.IPV6))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseWhenNotALiteralThenNullAndNoNameLookedUp() {
        // Each of these would be a DNS query if handed to InetAddress as it is.
        for (String text : List.of("localhost", "example.com", "300.1.1.1", "1.2.3", "1.2.3.4:80", "[::1]", "",
                "unknown", "10.0.0.1, 10.0.0.2")) {
            assertThat(AclMatcher.parse(text)).as(text).isNull();
        }
        assertThat(AclMatcher.parse(null)).isNull();
    }

    @Test
    void clientWhenIpv4MappedOrZonedThenItsAddress() {
        assertThat(AclMatcher.client("::ffff:10.0.0.1")).isInstanceOf(Inet4Address.class)
                .isEqualTo(ip("10.0.0.1"));
        assertThat(AclMatcher.client("fe80::1%1")).isEqualTo(ip("fe80::1"));
        assertThat(AclMatcher.client("0:0:0:0:0:0:0:1")).isEqualTo(ip("::1"));
    }

    @Test
    void gateWhenNoEntriesThenEveryAddressPasses() {
        AclGate gate = AclGate.of(AclPolicy.empty(AclPolicy.Type.API));

        assertThat(gate.allows("198.51.100.1")).isTrue();
        assertThat(gate.allows("not an address")).isTrue();
    }

    @Test
    void gateWhenAnyEntryMatchesThenPassesElseRefuses() {
        AclGate gate = AclGate.of(new AclPolicy(AclPolicy.Type.CONSOLE, Map.of(
                AclPolicy.Kind.IP_RANGE, List.of(new AclPolicy.Entry("192.0.2.10-192.0.2.20", "")),
                AclPolicy.Kind.ADDRESS_NETMASK, List.of(new AclPolicy.Entry("10.0.0.0/8", "")),
                AclPolicy.Kind.ADDRESS_NETMASK_IPV6, List.of(new AclPolicy.Entry("2001:db8::/32", ""))), null));

        assertThat(gate.allows("192.0.2.15")).isTrue();
        assertThat(gate.allows("10.200.0.1")).isTrue();
        assertThat(gate.allows("2001:db8::42")).isTrue();
        assertThat(gate.allows("::ffff:10.0.0.1")).isTrue();
        assertThat(gate.allows("192.0.2.21")).isFalse();
        assertThat(gate.allows("2001:db9::1")).isFalse();
        assertThat(gate.allows("example.com")).isFalse();
        assertThat(gate.allows(null)).isFalse();
    }

    @Test
    void gateWhenOnlyVpcEndpointsThenNoAddressPasses() {
        AclGate gate = AclGate.of(new AclPolicy(AclPolicy.Type.API, Map.of(AclPolicy.Kind.VPC_ENDPOINT,
                List.of(new AclPolicy.Entry("8f3a0c2e-0000-4000-8000-000000000001", ""))), null));

        assertThat(gate.isOpen()).isFalse();
        assertThat(gate.allows("10.0.0.1")).isFalse();
    }
}
