import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pre-signs the AK/SK workload's requests (wrk's Lua cannot compute HMAC-SHA256): for every user id of
 * the users file ("<name> <password> <id>" rows) one SDK-HMAC-SHA256 signature of
 * GET /v3.0/OS-USER/users/<id> with the signed headers host and x-sdk-date, the way the Huawei SDK signs
 * it, all with one X-Sdk-Date = now. The server accepts them for 15 minutes from that date, and the
 * signature check is the same work whether or not a signature was seen before (no replay cache), so
 * replaying them measures the real check. bench/run.sh re-runs this before every wrk run of the workload.
 *
 *   java SignRequests.java <host:port> <access key> <secret key> <users file> <out file>
 *
 * Writes one row per user: "<path> <x-sdk-date> <access key> <signature>".
 */
public class SignRequests {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        String ak = args[1];
        byte[] sk = args[2].getBytes(StandardCharsets.UTF_8);
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String emptyHash = hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sk, "HmacSHA256"));
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[3]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            String path = "/v3.0/OS-USER/users/" + f[2];
            // The canonical URI ends with '/'; no query; the canonical headers end with '\n'.
            String canonical = "GET\n" + path + "/\n\nhost:" + host + "\nx-sdk-date:" + date + "\n\nhost;x-sdk-date\n"
                    + emptyHash;
            String toSign = "SDK-HMAC-SHA256\n" + date + "\n"
                    + hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            out.add(path + " " + date + " " + ak + " " + hex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8))));
        }
        Files.write(Path.of(args[4]), out);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
