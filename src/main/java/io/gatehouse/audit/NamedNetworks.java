package io.gatehouse.audit;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The operator's table of networks with names (offices, VPN ranges), from
 * {@code GATEHOUSE_LOCATION_NETWORKS}: entries {@code CIDR=name} separated by {@code ;} or new lines,
 * such as {@code 10.8.0.0/16=Berlin office; 2001:db8:5::/48=VPN}. The most specific network that holds an
 * address names it. A malformed entry stops the start, naming the entry.
 */
final class NamedNetworks {

    private record Entry(byte[] network, int prefix, String name) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final int MAX_NAME = 160;

    private final List<Entry> entries;

    private NamedNetworks(List<Entry> entries) {
        this.entries = entries;
    }

    static NamedNetworks parse(String table) {
        List<Entry> entries = new ArrayList<>();
        if (table != null) {
            for (String raw : table.split("[;\\n]")) {
                String entry = raw.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry(entry));
                }
            }
        }
        entries.sort(Comparator.comparingInt(Entry::prefix).reversed());
        return new NamedNetworks(List.copyOf(entries));
    }

    /** The name of the most specific network holding {@code address}; null when none does. */
    String nameOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Entry e : entries) {
            if (e.contains(bytes)) {
                return e.name();
            }
        }
        return null;
    }

    int size() {
        return entries.size();
    }

    private static Entry entry(String entry) {
        int eq = entry.indexOf('=');
        int slash = entry.indexOf('/');
        if (eq < 0 || slash < 0 || slash > eq) {
            throw bad(entry);
        }
        String name = entry.substring(eq + 1).strip();
        String address = entry.substring(0, slash).strip();
        if (name.isEmpty() || name.length() > MAX_NAME || !InetAddresses.isInetAddress(address)) {
            throw bad(entry);
        }
        byte[] network = InetAddresses.forString(address).getAddress();
        int prefix;
        try {
            prefix = Integer.parseInt(entry.substring(slash + 1, eq).strip());
        } catch (NumberFormatException e) {
            throw bad(entry);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw bad(entry);
        }
        return new Entry(network, prefix, name);
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException("GATEHOUSE_LOCATION_NETWORKS: '" + entry
                + "' is not CIDR=name (such as 10.8.0.0/16=Berlin office)");
    }
}
