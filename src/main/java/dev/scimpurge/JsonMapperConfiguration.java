package dev.scimpurge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of every command's context: Jackson's defaults with the modules found on the class path, which is
 * what Spring Boot's {@code JacksonAutoConfiguration} builds when no {@code spring.jackson} property is set (the tool
 * sets none). The contexts leave that auto-configuration out: at each start it searched every class of the
 * application's packages for {@code @JacksonMixin}, of which the tool has none, for 5% of a small purge's CPU.
 */
@Configuration(proxyBeanMethods = false)
public class JsonMapperConfiguration {

    @Bean
    JsonMapper jsonMapper() {
        return JsonMapper.builder().findAndAddModules(JsonMapperConfiguration.class.getClassLoader()).build();
    }
}
