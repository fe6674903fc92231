package bench.empty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accept path's ceiling on this machine: same framework, same servlet container, same request
 * body (read, not parsed into a record), 202 and no work.
 */
@SpringBootApplication
@RestController
public class EmptyEndpointApplication {

  public static void main(String[] args) {
    SpringApplication.run(EmptyEndpointApplication.class, args);
  }

  @PostMapping("/generate")
  ResponseEntity<Void> generate(@RequestBody String body) {
    return ResponseEntity.accepted().build();
  }
}
