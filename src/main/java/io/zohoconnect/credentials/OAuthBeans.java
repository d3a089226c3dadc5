package io.zohoconnect.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OAuthBeans {

    @Bean
    TokenResponseParser tokenResponseParser(ObjectMapper objectMapper) {
        return new TokenResponseParser(objectMapper);
    }
}
