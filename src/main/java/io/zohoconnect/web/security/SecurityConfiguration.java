package io.zohoconnect.web.security;

import io.zohoconnect.web.Html;
import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import jakarta.servlet.DispatcherType;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.bulk.BulkCallbacks;
import io.zohoconnect.notifications.NotificationStreams;
import io.zohoconnect.web.connect.ConnectRoutes;
import io.zohoconnect.web.dashboard.DashboardAssets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.DefaultLoginPageConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Who may do what:
 * <ul>
 * <li>{@code /api/**}, the gateway's {@code /proxy/**} and the metrics: {@code Authorization: Bearer
 * <zoho.admin.api-key>} or a scoped API key, stateless; what a scoped key may do is decided by {@link ApiGrants}.</li>
 * <li>the dashboard: a login as {@code admin} with the admin key as password.</li>
 * <li>{@code /connect}: an admin only, the admin key or a login ({@link ConnectAccess}); a {@code link}
 * parameter there is refused — so no stranger can bind their Zoho account to an existing connection id.</li>
 * <li>{@code /connect/link/{token}}: open; the single-use link is the credential, checked by the route.</li>
 * <li>{@code /zoho/bulk-callbacks/{token}}: open; the per-job token is the credential, checked by the route.</li>
 * <li>{@code /oauth/callback} and health: open (the callback is protected by its single-use state,
 * bound to the starting browser); the callback has a chain of its own with the page headers only.</li>
 * <li>{@code POST /zoho/notifications}: open, no CSRF (Zoho calls it); a call is taken only for one of our
 * watch channels with its token, decided in one place (the notifications package's NotificationCallbackGate).</li>
 * </ul>
 * Wrong admin keys and login passwords count per client address ({@link FailedLogins}): the socket's, or
 * the one a proxy of {@code zoho.trusted-proxies} reports ({@link TrustedProxies}). Behind such a TLS proxy,
 * requests are secure: cookies get {@code Secure} and HSTS is sent. Anonymous requests create no session.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CALLBACK_PATH = "/oauth/callback";

    @Bean
    ApiKey adminApiKey(ZohoProperties properties) {
        return new ApiKey(properties.admin().apiKey());
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKey apiKey, ScopedKeyStore keys, FailedLogins failedLogins)
            throws Exception {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
        // path patterns on the whole path: the gateway is a servlet of its own, which Spring MVC's matchers do not see
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/actuator/**"),
                        paths.matcher(ApiGrants.PROXY_PREFIX + "**")))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().access(new ApiGrants()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKey, keys, entryPoint, failedLogins),
                        AnonymousAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> {
                            ScopedKey key = ApiGrants.keyOf(request);
                            if (key == null) {
                                entryPoint.reject(request, response, "Send Authorization: Bearer <zoho.admin.api-key>.");
                            } else {
                                ProblemResponses.write(request, response, new Problem(403, "forbidden", "API key '"
                                        + Html.printable(key.name(), 100) + "' may not do this:"
                                        + " outside its permissions or connections."));
                            }
                        }));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain browserChain(HttpSecurity http, ApiKey apiKey, ScopedKeyStore keys, FailedLogins failedLogins)
            throws Exception {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
        LoginLockout loginLockout = new LoginLockout(failedLogins);
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.GET, DashboardAssets.SCRIPT_PATH).permitAll()
                        .requestMatchers(HttpMethod.GET, ConnectRoutes.LINK_PATH_PATTERN).permitAll()
                        .requestMatchers(HttpMethod.POST, ConnectRoutes.LINK_PATH_PATTERN).permitAll()
                        .requestMatchers(ConnectAccess.PATH, ConnectAccess.PATH + "/").access(new ConnectAccess())
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new ConnectAccess.LinkRefusal(), WebAsyncManagerIntegrationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKey, keys, entryPoint, failedLogins),
                        AnonymousAuthenticationFilter.class)
                .addFilterBefore(loginLockout, UsernamePasswordAuthenticationFilter.class)
                // Anonymous requests leave no state: no saved request (a login lands on the dashboard), the
                // forms' CSRF token in a cookie; so only a successful login makes a session (BoundedSessions caps them)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.csrfTokenRepository(new CsrfCookies()))
                .formLogin(form -> form.defaultSuccessUrl("/", false).failureHandler(loginLockout))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // scripts that send a (wrong or no) bearer token get a 401, browsers get the login page
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(entryPoint, new RequestHeaderRequestMatcher("Authorization"))
                        .defaultAuthenticationEntryPointFor(loginPage(), AnyRequestMatcher.INSTANCE))
                .headers(SecurityConfiguration::pageHeaders);
        // With a failure handler of our own, Spring's generated login page no longer knows its failure
        // URL, and /login?error (where a wrong password lands) fell through to a JSON 404: tell it.
        http.getConfigurer(DefaultLoginPageConfigurer.class).withObjectPostProcessor(
                new ObjectPostProcessor<DefaultLoginPageGeneratingFilter>() {
                    @Override
                    public <O extends DefaultLoginPageGeneratingFilter> O postProcess(O filter) {
                        filter.setFailureUrl(LoginLockout.RETRY_URL);
                        return filter;
                    }
                });
        return http.build();
    }

    /**
     * Zoho's redirect back: open (its single-use state, bound to the starting browser, is the
     * credential) and under load at every consent, so its chain holds only what it needs — the page
     * headers. No session, security context, CSRF token, request cache, admin key or login: the
     * callback reads none of them. Errors it raises are rendered by {@code /error} under the browser chain.
     */
    @Bean
    @Order(2)
    SecurityFilterChain callbackChain(HttpSecurity http) throws Exception {
        openToCallers(http, CALLBACK_PATH).headers(SecurityConfiguration::pageHeaders);
        return http.build();
    }

    /**
     * Zoho's watch callbacks: open, as the OAuth callback is — Zoho has no login and no CSRF token; the
     * channel id and its token in the body are the credential, checked by the route's gate (one place).
     */
    @Bean
    @Order(2)
    SecurityFilterChain notificationsChain(HttpSecurity http) throws Exception {
        openToCallers(http, NotificationStreams.CALLBACK_PATH)
                .addFilterBefore(new NotificationCallbackScreen(), HeaderWriterFilter.class);
        return http.build();
    }

    /**
     * Zoho's Bulk Read callbacks: open and stateless (Zoho has no session, CSRF token or admin key); the
     * random per-job token in the path is the credential, checked by {@link BulkCallbackRoutes}. Bodies are
     * screened as the watch callbacks' are (JSON only, at most 512 KiB, a body without a length read no
     * further than that): the endpoint is open to anyone.
     */
    @Bean
    @Order(2)
    SecurityFilterChain bulkCallbackChain(HttpSecurity http) throws Exception {
        openToCallers(http, BulkCallbacks.PATH + "**")
                .addFilterBefore(new NotificationCallbackScreen(), HeaderWriterFilter.class);
        return http.build();
    }

    /**
     * A chain for callers that have no session, login or CSRF token (Zoho, a browser back from consent):
     * the request carries its own credential (a state, a channel token, a job token), which its route
     * checks. No authorization filter, so every request passes; and none of the machinery the browser
     * chain needs — session, security context, CSRF, request cache, anonymous user, logout, entry points.
     */
    private static HttpSecurity openToCallers(HttpSecurity http, String path) throws Exception {
        return http.securityMatcher(path)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.disable())
                .securityContext(c -> c.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(api -> api.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(e -> e.disable());
    }

    /**
     * To the login page by a relative redirect, as every redirect of the service (server.tomcat.use-relative-redirects):
     * the browser resolves it against the address it used, so no Host or X-Forwarded-Host header has to be believed.
     */
    private static LoginUrlAuthenticationEntryPoint loginPage() {
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        loginPage.setFavorRelativeUris(true);
        return loginPage;
    }

    /** The headers of every page: CSP with frame-ancestors none, no referrer, and Spring's defaults (HSTS, no-store, nosniff). */
    private static void pageHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                // written while the filters run: routes answer on another thread, after the filter chain returned
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                });
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** One user, {@code admin}, whose password is the admin API key (stored only as a bcrypt hash). */
    @Bean
    UserDetailsService adminUser(ZohoProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(User.withUsername("admin")
                .password(encoder.encode(properties.admin().apiKey()))
                .roles("ADMIN")
                .build());
    }
}
