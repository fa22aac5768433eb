package io.gatehouse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: JSON in and out, any method, any header, status and body back. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public Response get(String path, String token) {
        return call("GET", path).token(token).send();
    }

    public Response delete(String path, String token) {
        return call("DELETE", path).token(token).send();
    }

    public Response post(String path, String token, Object body) {
        return call("POST", path).token(token).json(body).send();
    }

    public Response put(String path, String token, Object body) {
        return call("PUT", path).token(token).json(body).send();
    }

    public Response patch(String path, String token, Object body) {
        return call("PATCH", path).token(token).json(body).send();
    }

    /** Serializes maps, lists and records; a String is sent as it is (for malformed bodies). */
    public static String toJson(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            if (token != null) {
                headers.put("X-Auth-Token", token);
            }
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call json(Object value) {
            headers.putIfAbsent("Content-Type", "application/json;charset=utf8");
            this.body = toJson(value);
            return this;
        }

        public Response send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r, r.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(int status, HttpResponse<String> raw, String text) {

        public JsonNode json() {
            return text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The Huawei error code, which Gatehouse sends on both APIs. */
        public String errorCode() {
            JsonNode code = json().get("error_code");
            return code == null ? null : code.asString();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
