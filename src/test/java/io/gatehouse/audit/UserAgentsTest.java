package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Devices and applications read out of real User-Agent strings by ua-parser. */
class UserAgentsTest {

    private final UserAgents agents = new UserAgents();

    @Test
    void parseWhenBrowsersThenTypeOsAndBrowserByFamily() {
        assertThat(agents.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/124.0.0.0 Safari/537.36")).isEqualTo(parsed("desktop", "Windows", "Chrome", "Chrome"));
        assertThat(agents.parse("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
                + "Gecko) Version/17.4 Safari/605.1.15")).isEqualTo(parsed("desktop", "Mac OS X", "Safari", "Safari"));
        assertThat(agents.parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
                + "like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"))
                .isEqualTo(parsed("mobile", "iOS", "Mobile Safari", "Mobile Safari"));
        assertThat(agents.parse("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                + "Gecko) Version/17.4 Mobile/15E148 Safari/604.1").device().type()).isEqualTo("tablet");
        assertThat(agents.parse("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/124.0.0.0 Mobile Safari/537.36")).isEqualTo(parsed("mobile", "Android", "Chrome Mobile",
                        "Chrome Mobile"));
        assertThat(agents.parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").device()
                .type()).isEqualTo("bot");
    }

    @Test
    void parseWhenNewBrowserVersionThenTheSameDevice() {
        String older = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
        String newer = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";
        assertThat(agents.parse(older).device().label()).isEqualTo("desktop, Ubuntu, Firefox")
                .isEqualTo(agents.parse(newer).device().label());
    }

    @Test
    void parseWhenToolOrSdkThenItsProductIsTheApplication() {
        assertThat(agents.parse("curl/8.5.0").application()).isEqualTo("curl");
        assertThat(agents.parse("huaweicloud-usdk-java/3.0")).isEqualTo(parsed("other", "Other", "Other",
                "huaweicloud-usdk-java"));
        assertThat(agents.parse("").device()).isEqualTo(Device.UNKNOWN);
        assertThat(agents.parse(null).application()).isNull();
    }

    @Test
    void parseWhenSameStringAgainThenTheSameAnswerFromTheCache() {
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0";
        assertThat(agents.parse(ua)).isSameAs(agents.parse(ua));
    }

    private static UserAgents.Parsed parsed(String type, String os, String browser, String application) {
        return new UserAgents.Parsed(new Device(type, os, browser), application);
    }
}
