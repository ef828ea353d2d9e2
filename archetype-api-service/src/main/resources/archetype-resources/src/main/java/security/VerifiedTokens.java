package ${package}.security;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies each bearer token once, not on every request: the token parser of SmallRye JWT behind a
 * Caffeine cache of the tokens it accepted. A client sends the same token for minutes, and checking its
 * RSA signature is the largest cost of a request here (see docs/performance.md).
 * <p>
 * Only accepted tokens are kept, keyed by the whole token (header, claims and signature); an entry lives
 * until the token's {@code exp} and no longer, which is stricter than the parser (it allows clock skew).
 * At most {@code api.jwt.verified-cache-size} tokens are kept (1000; 0 turns the cache off).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private final Cache<String, JsonWebToken> verified;

    /** The parser's own configuration and principal factory are injected into its fields, as for DefaultJWTParser. */
    public VerifiedTokens(@ConfigProperty(name = "api.jwt.verified-cache-size", defaultValue = "1000") long size) {
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfter(new UntilExpiry()).build();
    }

    /** The parse of every bearer token; the other methods (explicit keys, decryption) are the parser's own. */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && Instant.now().getEpochSecond() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken jwt = super.parse(token);
        if (jwt.getExpirationTime() > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** An entry expires when its token does. */
    private static final class UntilExpiry implements Expiry<String, JsonWebToken> {

        @Override
        public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
            long left = TimeUnit.SECONDS.toNanos(jwt.getExpirationTime()) - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            return Math.max(0, left);
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long currentDuration) {
            return expireAfterCreate(token, jwt, now);
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken jwt, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
