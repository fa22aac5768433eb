package io.gatehouse.security;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One access control list of an account, the console's or the API's: its entries, list by list, in
 * the order they were given. A list with no entries at all allows every address.
 */
public record AclPolicy(Type type, Map<Kind, List<Entry>> entries, Instant updateTime) {

    /** At most this many entries in one access control list, all its lists together. */
    public static final int MAX_ENTRIES = 200;

    public AclPolicy {
        Map<Kind, List<Entry>> copy = new EnumMap<>(Kind.class);
        for (Kind kind : type.kinds()) {
            copy.put(kind, List.copyOf(entries.getOrDefault(kind, List.of())));
        }
        entries = Map.copyOf(copy);
    }

    public static AclPolicy empty(Type type) {
        return new AclPolicy(type, Map.of(), null);
    }

    public List<Entry> list(Kind kind) {
        return entries.getOrDefault(kind, List.of());
    }

    public int size() {
        return entries.values().stream().mapToInt(List::size).sum();
    }

    /** An address range, a CIDR block or a VPC endpoint id, with the administrator's description. */
    public record Entry(String value, String description) {
    }

    /** Which access control list: the console's sign-in, or the API (token issue and every request). */
    public enum Type {
        CONSOLE("console", "console_acl_policy",
                List.of(Kind.IP_RANGE, Kind.ADDRESS_NETMASK, Kind.IP_RANGE_IPV6, Kind.ADDRESS_NETMASK_IPV6)),
        API("api", "api_acl_policy", List.of(Kind.IP_RANGE, Kind.ADDRESS_NETMASK, Kind.VPC_ENDPOINT));

        private final String column;
        private final String wire;
        private final List<Kind> kinds;

        Type(String column, String wire, List<Kind> kinds) {
            this.column = column;
            this.wire = wire;
            this.kinds = kinds;
        }

        /** The value of {@code acl_policy.acl}. */
        public String column() {
            return column;
        }

        /** The body's key, such as {@code api_acl_policy}. */
        public String wire() {
            return wire;
        }

        public List<Kind> kinds() {
            return kinds;
        }

        static Type fromColumn(String value) {
            for (Type t : values()) {
                if (t.column.equals(value)) {
                    return t;
                }
            }
            throw new IllegalStateException("Unknown ACL " + value);
        }
    }

    /** One list of an ACL, as the wire names it and its entries' member. */
    public enum Kind {
        IP_RANGE("ip_range", "allow_ip_ranges", "ip_range", AclMatcher.Family.IPV4),
        ADDRESS_NETMASK("address_netmask", "allow_address_netmasks", "address_netmask", AclMatcher.Family.IPV4),
        IP_RANGE_IPV6("ip_range_ipv6", "allow_ip_ranges_ipv6", "ip_range", AclMatcher.Family.IPV6),
        ADDRESS_NETMASK_IPV6("address_netmask_ipv6", "allow_address_netmasks_ipv6", "address_netmask",
                AclMatcher.Family.IPV6),
        /** Stored and returned; no request reaches Gatehouse through a VPC endpoint, so none matches. */
        VPC_ENDPOINT("vpc_endpoint", "allow_vpc_endpoints", "vpc_endpoint_id", null);

        private final String column;
        private final String wire;
        private final String member;
        private final AclMatcher.Family family;

        Kind(String column, String wire, String member, AclMatcher.Family family) {
            this.column = column;
            this.wire = wire;
            this.member = member;
            this.family = family;
        }

        /** The value of {@code acl_entry.kind}. */
        public String column() {
            return column;
        }

        /** The list's key in the body, such as {@code allow_ip_ranges}. */
        public String wire() {
            return wire;
        }

        /** The entry's member that holds the value, such as {@code ip_range}. */
        public String member() {
            return member;
        }

        /** The address family of its entries; null for VPC endpoints. */
        AclMatcher.Family family() {
            return family;
        }

        boolean isRange() {
            return this == IP_RANGE || this == IP_RANGE_IPV6;
        }

        static Kind fromColumn(String value) {
            for (Kind k : values()) {
                if (k.column.equals(value)) {
                    return k;
                }
            }
            throw new IllegalStateException("Unknown ACL entry kind " + value);
        }
    }
}
