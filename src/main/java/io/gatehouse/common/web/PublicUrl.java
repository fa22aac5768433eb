package io.gatehouse.common.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links to Gatehouse resources: the configured public URL, or else the URL the request came in on. */
@Component
public class PublicUrl {

    private final String configured;

    PublicUrl(@Value("${gatehouse.public-url:}") String configured) {
        this.configured = configured == null || configured.isBlank() ? null : configured.replaceAll("/+$", "");
    }

    public String of(String path) {
        String base = configured != null ? configured
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return base + path;
    }
}
