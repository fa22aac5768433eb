package io.gatehouse.mfa;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends sign-in codes by SMS through the operator's gateway: one JSON {@code POST} to
 * {@code GATEHOUSE_SMS_URL}, with an optional authorization header, bounded by a timeout. Any 2xx
 * answer counts as accepted; anything else, a timeout or a refused connection is a failed delivery.
 * The body (see docs/second-factor.md) carries the number in E.164 form, the signature, the template
 * and its parameters, and the rendered text, so that an adapter for any SMS provider can use either.
 */
@Component
@EnableConfigurationProperties(SmsCodeSender.Settings.class)
class SmsCodeSender {

    private final Settings settings;
    private final JsonMapper json;
    private final HttpClient http;

    SmsCodeSender(Settings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void send(VerificationCodeMessage message) {
        post(message.destination(), settings.template(),
                Map.of("code", message.code(), "minutes", String.valueOf(message.minutes())),
                render(settings.template(), message));
    }

    /**
     * Sends a text that is not a code (a risk notification, for {@link UserNotifier}): the same body, with
     * {@code template} null and no parameters, so the gateway's adapter sends {@code message} as it is.
     */
    void sendText(String destination, String text) {
        post(destination, null, Map.of(), text);
    }

    private void post(String destination, String template, Map<String, String> params, String text) {
        if (settings.url().isBlank()) {
            throw new VerificationCodeDeliveryException("SMS delivery is not configured: set GATEHOUSE_SMS_URL");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", destination);
        body.put("signature", settings.signature());
        body.put("template", template);
        body.put("params", params);
        body.put("message", text);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url())).timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (!settings.authValue().isBlank()) {
            request.header(settings.authHeader(), settings.authValue());
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new VerificationCodeDeliveryException("the SMS gateway could not be reached: "
                    + EmailCodeSender.rootCause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationCodeDeliveryException("interrupted while calling the SMS gateway", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new VerificationCodeDeliveryException("the SMS gateway answered HTTP " + response.statusCode());
        }
    }

    static String render(String template, VerificationCodeMessage message) {
        return template.replace("{code}", message.code()).replace("{minutes}", String.valueOf(message.minutes()));
    }

    /** {@code gatehouse.sms.*}: where and how to reach the SMS gateway. */
    @ConfigurationProperties("gatehouse.sms")
    record Settings(String url, String template, String signature, String authHeader, String authValue,
            Duration timeout) {
        Settings {
            url = url == null ? "" : url.trim();
            template = template == null || template.isBlank()
                    ? "Your sign-in verification code is {code}. It expires in {minutes} minutes. Never tell it to anyone."
                    : template;
            signature = signature == null ? "" : signature;
            authHeader = authHeader == null || authHeader.isBlank() ? "Authorization" : authHeader.trim();
            authValue = authValue == null ? "" : authValue;
            timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(5) : timeout;
        }
    }
}
