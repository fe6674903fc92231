package dev.codegen.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the API description. The file is {@code docs/openapi.yaml}, copied into the jar at build
 * time, so the served and the documented contract are the same bytes.
 */
@RestController
class OpenApiController {

  static final String LOCATION = "openapi/openapi.yaml";
  static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  private final byte[] document;

  OpenApiController() throws IOException {
    try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
      this.document = in.readAllBytes();
    }
  }

  @GetMapping(path = "/openapi.yaml")
  ResponseEntity<byte[]> openapi() {
    return ResponseEntity.ok().contentType(YAML).body(document);
  }
}
