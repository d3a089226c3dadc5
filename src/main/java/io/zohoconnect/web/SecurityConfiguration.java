package io.zohoconnect.web;

import jakarta.servlet.DispatcherType;

import io.zohoconnect.ZohoProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Who may do what:
 * <ul>
 * <li>{@code /api/**} and the metrics: {@code Authorization: Bearer <zoho.admin.api-key>}, stateless.</li>
 * <li>the dashboard: a login as {@code admin} with the admin key as password.</li>
 * <li>{@code /connect}: a login, the admin key, or a single-use connect link — so no stranger can
 * bind their Zoho account to an existing connection id.</li>
 * <li>{@code /oauth/callback} and health: open (the callback is protected by its single-use state).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    ApiKey adminApiKey(ZohoProperties properties) {
        return new ApiKey(properties.admin().apiKey());
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKey apiKey) throws Exception {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKey, entryPoint), AnonymousAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> entryPoint.reject(response,
                                "Send Authorization: Bearer <zoho.admin.api-key>.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browserChain(HttpSecurity http, ApiKey apiKey) throws Exception {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/oauth/callback", "/login", "/error", "/favicon.ico").permitAll()
                        .requestMatchers(new ConnectLinkAccess()).permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKey, entryPoint), AnonymousAuthenticationFilter.class)
                .formLogin(form -> form.defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // scripts that send a (wrong or no) bearer token get a 401, browsers get the login page
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(entryPoint, new RequestHeaderRequestMatcher("Authorization"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
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
