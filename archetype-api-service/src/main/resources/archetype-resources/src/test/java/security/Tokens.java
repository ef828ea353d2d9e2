package ${package}.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens for tests, signed with the dev key pair of dev/jwt (never used in prod). */
public final class Tokens {

    public static final String ISSUER = "https://dev.msframework.local";
    /** The audience the API verifies (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "${appName}-api";
    private static final PrivateKey KEY = readKey(Path.of("dev/jwt/privateKey.pem"));

    private Tokens() {
    }

    /** A token of {@code user} with the given roles (claim {@code groups}). */
    public static String of(String user, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(user).groups(Set.of(roles)).expiresIn(300).jws().sign(KEY);
    }

    /** A token of {@code user} issued for another audience ({@code null}: without one): must be rejected. */
    public static String forAudience(String audience, String user, String... roles) {
        var claims = Jwt.issuer(ISSUER).upn(user).groups(Set.of(roles)).expiresIn(300);
        return (audience == null ? claims : claims.audience(audience)).jws().sign(KEY);
    }

    /** A token of {@code user} with the given roles that expires {@code seconds} from now. */
    public static String expiringIn(long seconds, String user, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(user).groups(Set.of(roles)).expiresIn(seconds).jws().sign(KEY);
    }

    /** A well-formed token signed with another key: must be rejected. */
    public static String forged() {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("mallory").groups(Set.of("user", "admin")).jws()
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the dev signing key " + pem.toAbsolutePath(), e);
        }
    }
}
