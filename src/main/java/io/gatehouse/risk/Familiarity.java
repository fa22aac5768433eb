package io.gatehouse.risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's successful sign-ins per day and per thing (an address, a place, a device, and the total), as
 * far as they were read: what decides whether a sign-in is usual.
 */
final class Familiarity {

    /** A thing the user uses, with its successful sign-ins in the window. */
    record Usual(String value, long signIns) {
    }

    private record Key(String dimension, String item) {
    }

    private final Map<Key, Map<LocalDate, Long>> successes = new HashMap<>();

    void add(String dimension, String item, LocalDate day, long count) {
        successes.computeIfAbsent(new Key(dimension, item), k -> new HashMap<>()).merge(day, count, Long::sum);
    }

    /** Successful sign-ins from {@code item} on {@code since} or later. */
    long successes(String dimension, String item, LocalDate since) {
        Map<LocalDate, Long> days = successes.get(new Key(dimension, item));
        return days == null ? 0 : sum(days, since);
    }

    long total(LocalDate since) {
        return successes(SignInDaily.TOTAL, SignInDaily.ALL, since);
    }

    /** The things of {@code dimension} used for at least {@code threshold} successes since {@code since}, most used first. */
    List<Usual> usual(String dimension, LocalDate since, int threshold, int limit) {
        List<Usual> found = new ArrayList<>();
        successes.forEach((key, days) -> {
            if (key.dimension().equals(dimension)) {
                long n = sum(days, since);
                if (n >= threshold) {
                    found.add(new Usual(key.item(), n));
                }
            }
        });
        found.sort(Comparator.comparingLong(Usual::signIns).reversed().thenComparing(Usual::value));
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    private static long sum(Map<LocalDate, Long> days, LocalDate since) {
        long n = 0;
        for (Map.Entry<LocalDate, Long> e : days.entrySet()) {
            if (!e.getKey().isBefore(since)) {
                n += e.getValue();
            }
        }
        return n;
    }
}
