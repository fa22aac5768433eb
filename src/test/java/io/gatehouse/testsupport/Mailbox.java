package io.gatehouse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what Gatehouse sent to the in-process SMTP server (GreenMail) of a test. */
public final class Mailbox {

    public static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private Mailbox() {
    }

    /** The mails to {@code address}, waiting up to 5 s for at least {@code expected} (1 s when none is). */
    public static List<MimeMessage> mailsTo(GreenMailExtension smtp, String address, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(expected == 0 ? 1 : 5);
        List<MimeMessage> found;
        do {
            found = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                try {
                    if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
                        found.add(m);
                    }
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (found.size() >= expected && expected > 0) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        return found;
    }

    public static MimeMessage onlyMailTo(GreenMailExtension smtp, String address) {
        List<MimeMessage> mails = mailsTo(smtp, address, 1);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    public static String text(MimeMessage mail) {
        try {
            return ((String) mail.getContent()).replace("\r\n", "\n");
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 6-digit code in a mail. */
    public static String codeIn(MimeMessage mail) {
        Matcher m = CODE.matcher(text(mail));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A free port on the loopback address, for a test server. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
