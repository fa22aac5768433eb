package io.gatehouse.common.error;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Records a refused write (a 4xx on a mutating, authenticated endpoint) in the operation log. The
 * refused transaction has rolled back, so the record is written in a transaction of its own.
 */
public interface RefusalRecorder {

    void recordIfWrite(HttpServletRequest request, ApiException refusal);
}
