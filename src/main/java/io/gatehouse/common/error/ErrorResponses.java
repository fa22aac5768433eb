package io.gatehouse.common.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes error bodies in the style of the namespace that was called: Keystone's
 * {@code {"error":{code,message,title}}} under {@code /v3/}, Huawei's {@code {error_msg,error_code}} elsewhere.
 * Keystone bodies also carry the Huawei code at the top level, so the official SDK (which reads
 * {@code error_code} first) can tell, say, IAM.0081 from a wrong password.
 */
@Component
public class ErrorResponses {

    private final JsonMapper json;

    public ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    public ResponseEntity<Map<String, Object>> entity(String path, HttpStatus status, String code, String message) {
        return entity(path, status, code, message, Map.of());
    }

    /** As above, with extra top-level members after the standard ones (which they never replace). */
    public ResponseEntity<Map<String, Object>> entity(String path, HttpStatus status, String code, String message,
            Map<String, Object> extra) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(body(path, status, code, message, extra));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiException error) throws IOException {
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(),
                body(request.getRequestURI(), error.status(), error.code(), error.getMessage(), error.extra()));
    }

    static boolean isKeystonePath(String path) {
        return path != null && (path.equals("/v3") || path.startsWith("/v3/"));
    }

    private static Map<String, Object> body(String path, HttpStatus status, String code, String message,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (isKeystonePath(path)) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", status.value());
            error.put("message", message);
            error.put("title", status.getReasonPhrase());
            body.put("error", error);
        }
        body.put("error_msg", message);
        body.put("error_code", code);
        extra.forEach(body::putIfAbsent);
        return body;
    }
}
