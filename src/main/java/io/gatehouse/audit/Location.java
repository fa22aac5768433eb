package io.gatehouse.audit;

/**
 * Where an address is, as a person reads it ({@code label}: "Berlin, Germany", "Berlin office",
 * "internal network", "unknown") and, when a GeoIP database said so, its country code and city.
 */
public record Location(Source source, String label, String countryCode, String city) {

    /** Where the answer came from. */
    public enum Source {
        /** The operator's table of named networks. */
        NAMED,
        /** The GeoIP database. */
        GEOIP,
        /** A private, loopback or link-local address that no named network covers. */
        INTERNAL,
        /** Nothing knew the address (or there was none). */
        UNKNOWN
    }

    public static final String INTERNAL_NETWORK = "internal network";
    public static final Location UNKNOWN = new Location(Source.UNKNOWN, "unknown", null, null);
    static final Location INTERNAL = new Location(Source.INTERNAL, INTERNAL_NETWORK, null, null);

    /** A location as {@link SignInEvents} stored it: label, country code and city. */
    public static Location stored(String label, String countryCode, String city) {
        if (label == null || UNKNOWN.label.equals(label) && countryCode == null) {
            return UNKNOWN;
        }
        if (countryCode != null) {
            return new Location(Source.GEOIP, label, countryCode, city);
        }
        return INTERNAL_NETWORK.equals(label) ? INTERNAL : new Location(Source.NAMED, label, null, null);
    }

    /** Granularity of the comparison of two locations. */
    public enum Granularity {
        COUNTRY, CITY
    }

    /**
     * What two sign-ins must share to count as the same place; null when the place is unknown, which
     * nothing can be compared with. A named network or the internal network is one place at both
     * granularities; a GeoIP answer is its country ("Australia"), or its city within the country
     * ("Sydney, Australia").
     */
    public String key(Granularity granularity) {
        return switch (source) {
            case UNKNOWN -> null;
            case NAMED, INTERNAL -> label;
            case GEOIP -> granularity == Granularity.COUNTRY ? country() : label;
        };
    }

    /** The country as a person reads it: "Australia" of "Sydney, Australia". */
    private String country() {
        if (city == null) {
            return label;
        }
        int comma = label.lastIndexOf(", ");
        return comma < 0 ? label : label.substring(comma + 2);
    }
}
