// {{banner}}
// Requested: {{summary}}
import java.util.Arrays;

public class {{Type}} {

  /** Offline stand-in: counts the words of {@code text}. */
  public static int {{name}}(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return 0;
    }
    return (int) Arrays.stream(trimmed.split("\\s+")).count();
  }

  public static void main(String[] args) {
    String text = args.length > 0 ? String.join(" ", args) : "hello offline world";
    System.out.println({{name}}(text));
  }
}
