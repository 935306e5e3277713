package dev.scimpurge.job;

import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalLong;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.scimpurge.job.RunRefusedException.Reason;
import dev.scimpurge.provider.AuthenticationSchemes;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimAuthorizationException;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimException;
import dev.scimpurge.scim.ScimListPage;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimTransportException;

/**
 * Before an execution starts, one request shows that the target is a SCIM server that takes the credentials:
 * {@code GET {base}/Users?startIndex=1&count=1}. A wrong token, a wrong URL (404, or an answer that is not SCIM) and an
 * untrusted certificate are configuration errors, found before anything is collected, resolved or removed; a server
 * that cannot be reached or does not answer may be tried again. Any other error status passes: a server may refuse an
 * unfiltered list and still serve what the run needs, and the run finds out.
 */
@Component
public class TargetCheck {

    private static final Logger log = LoggerFactory.getLogger(TargetCheck.class);

    private final ScimClient client;
    private final Retrying retrying;
    private final ProviderRun provider;

    public TargetCheck(ScimClient client, Retrying retrying, ProviderRun provider) {
        this.client = client;
        this.retrying = retrying;
        this.provider = provider;
    }

    /**
     * @return the directory's size ({@code totalResults}) as the answer gave it, or empty when no check applies or the
     *         answer did not say
     * @throws RunRefusedException when the target is misconfigured or cannot be reached
     */
    public OptionalLong verify() {
        if (provider.removal().takesIds()) {
            return OptionalLong.empty(); // a removal by a URL of its own (onlyDeleteUserInDB) sends nothing to a SCIM Users endpoint
        }
        try {
            ScimListPage page = retrying.call(attempt -> client.firstPage(null, 1));
            // a cursor page (AWS IAM Identity Center) says no totalResults: the directory's size is not known from it
            return page.totalReported() ? OptionalLong.of(page.totalResults()) : OptionalLong.empty();
        } catch (ScimAuthorizationException e) {
            throw new RunRefusedException(Reason.TARGET_MISCONFIGURED, e.getMessage() + " The credentials come from "
                    + credentialSources() + "; fix them, then run the same command again. Nothing was changed.");
        } catch (ScimErrorResponseException e) {
            if (e.status() != 404) {
                log.warn("{} answers a plain listing with HTTP {} ({}); going on", client.usersUri(), e.status(), e.detail());
                return OptionalLong.empty();
            }
            throw new RunRefusedException(Reason.TARGET_MISCONFIGURED, "Nothing answers at " + client.usersUri() + " (HTTP 404: "
                    + e.detail() + "). " + urlAdvice());
        } catch (ScimProtocolException e) {
            throw new RunRefusedException(Reason.TARGET_MISCONFIGURED, client.usersUri() + " does not answer like a SCIM server ("
                    + e.getMessage() + "). " + urlAdvice());
        } catch (ScimTransportException | IsolatedTransportFailureException e) {
            throw transportRefusal(e);
        }
    }

    private RunRefusedException transportRefusal(ScimException e) {
        String host = client.base().host();
        if (cause(e, SSLException.class).isPresent()) {
            String reason = cause(e, SSLException.class).map(Throwable::getMessage).orElse("");
            return new RunRefusedException(Reason.TARGET_MISCONFIGURED, "The TLS connection to " + host + " failed: "
                    + reason.substring(reason.lastIndexOf(": ") + 1).strip() + ". If the service uses a private certificate "
                    + "authority, pass its certificate with --ca-cert FILE (PEM). Nothing was changed.");
        }
        if (cause(e, UnknownHostException.class).isPresent()) {
            return new RunRefusedException(Reason.TARGET_MISCONFIGURED, "The host " + host + " is not known (DNS). "
                    + urlAdvice());
        }
        return new RunRefusedException(Reason.TARGET_UNREACHABLE, e.getMessage() + ". Run the same command again once the "
                + "service answers (check --url if it keeps failing). Nothing was changed.");
    }

    private String urlAdvice() {
        return "Check --url" + (provider.profile().name().equals("generic")
                ? ": it is the SCIM base, the part before /Users (--scim-base for the other providers)."
                : " and --scim-base (this run uses the SCIM base " + client.base() + ").") + " Nothing was changed.";
    }

    private String credentialSources() {
        return AuthenticationSchemes.needsUserAndPassword(provider.profile())
                ? "ANAPLAN_USER and ANAPLAN_PASSWORD, or --credentials-file"
                : "SCIM_TOKEN or --token-file (or --token)";
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
