package io.gatehouse.audit;

import java.util.List;

/** One page of a log, newest first, and the marker of the next page (null on the last). */
record Page<T>(List<T> items, String nextMarker) {

    /** Huawei's {@code page_info} of paged lists. */
    record Info(int currentCount, String nextMarker) {
    }

    Info info() {
        return new Info(items.size(), nextMarker);
    }
}
