package io.gatehouse.audit;

import io.gatehouse.common.error.IamError;
import java.util.Locale;

/** The formats of a log export, chosen by {@code format} or else by {@code Accept}; CSV by default. */
enum ExportFormat {
    CSV("text/csv;charset=UTF-8", "csv"),
    JSON_LINES("application/x-ndjson;charset=UTF-8", "jsonl");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    static ExportFormat choose(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "jsonl", "ndjson" -> JSON_LINES;
                default -> throw IamError.INVALID_PARAMETER.exception("format");
            };
        }
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (a.contains("application/x-ndjson") || a.contains("application/jsonl")) {
            return JSON_LINES;
        }
        return CSV;
    }
}
