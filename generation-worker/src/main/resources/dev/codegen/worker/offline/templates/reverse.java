// {{banner}}
public class {{Type}} {

  /** Returns the characters of {@code text} in reverse order. */
  public static String {{name}}(String text) {
    return new StringBuilder(text).reverse().toString();
  }

  public static void main(String[] args) {
    String text = args.length > 0 ? String.join(" ", args) : "hello world";
    System.out.println({{name}}(text));
  }
}
