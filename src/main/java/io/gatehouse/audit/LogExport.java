package io.gatehouse.audit;

import io.gatehouse.common.error.IamError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a log to the response as CSV or JSON lines, row by row as the database hands them over, so
 * an export of millions of rows needs no more memory than one fetch. An export holds a database
 * connection while it runs, so each node runs at most {@link #CONCURRENT} at once; more get 429.
 */
@Component
class LogExport {

    static final int CONCURRENT = 2;
    /** A spreadsheet would run a cell starting with one of these as a formula (CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final LogReader reader;
    private final JsonMapper json;
    private final Semaphore slots = new Semaphore(CONCURRENT);

    LogExport(LogReader reader, JsonMapper json) {
        this.reader = reader;
        this.json = json;
    }

    <T extends Record> void export(LogSource<T> source, Where where, ExportFormat format, String baseName,
            HttpServletResponse response) throws IOException {
        if (!slots.tryAcquire()) {
            throw IamError.THROTTLED.exception(CONCURRENT + " concurrent exports per node");
        }
        try {
            response.setContentType(format.contentType());
            response.setHeader("Content-Disposition", "attachment; filename=\"" + baseName + "." + format.extension()
                    + "\"");
            Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                    1 << 16);
            if (format == ExportFormat.CSV) {
                List<String> columns = columns(source.type());
                try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                        .setHeader(columns.toArray(String[]::new)).get())) {
                    reader.each(source, where, row -> csvRow(csv, columns, row));
                }
            } else {
                reader.each(source, where, row -> jsonLine(out, row));
                out.flush();
            }
        } finally {
            slots.release();
        }
    }

    /** The CSV columns: the JSON members of the record, in its order. */
    static List<String> columns(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .map(name -> name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)).toList();
    }

    private void csvRow(CSVPrinter csv, List<String> columns, Record row) {
        JsonNode node = json.valueToTree(row);
        try {
            for (String column : columns) {
                JsonNode value = node.get(column);
                csv.print(value == null || value.isNull() ? null : defused(value.asString()));
            }
            csv.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defused(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private void jsonLine(Writer out, Record row) {
        try {
            out.write(json.writeValueAsString(row));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
