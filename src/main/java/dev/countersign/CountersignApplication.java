package dev.countersign;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CountersignApplication {

  public static void main(String[] args) {
    SpringApplication.run(CountersignApplication.class, args);
  }
}
