package dev.scimpurge.scim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client every SCIM call goes through: bounded connect and read timeouts, no redirects
 * (a SCIM API has no reason to redirect, and following one could hand the Authorization header
 * to another host), no cookies, no automatic retries (a retried DELETE must be a decision).
 */
public final class ScimHttpClientFactory {

    private ScimHttpClientFactory() {
    }

    /**
     * @param caCertificate    a private CA to trust besides the JVM's defaults (null: none)
     * @param skipVerification trust any certificate and host name (only on explicit request)
     * @param proxy            an HTTP proxy, e.g. {@code http://proxy:3128} (null: direct)
     */
    public static CloseableHttpClient create(Duration connectTimeout, Duration readTimeout, int maxConnections,
            Path caCertificate, boolean skipVerification, URI proxy) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .build();
        RequestConfig request = RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(readTimeout))
                .setRedirectsEnabled(false)
                .build();
        return HttpClients.custom()
                .setProxy(proxy == null ? null : new HttpHost(proxy.getScheme(), proxy.getHost(), proxy.getPort()))
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(TlsTrust.strategy(caCertificate, skipVerification))
                        .setDefaultConnectionConfig(connection)
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .build())
                .setDefaultRequestConfig(request)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .setUserAgent("scim-purge")
                .build();
    }
}
