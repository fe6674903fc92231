// {{banner}}
public class {{Type}} {

  /** Returns n! for 0 <= n <= 20 (the largest that fits in a long). */
  public static long {{name}}(int n) {
    if (n < 0 || n > 20) {
      throw new IllegalArgumentException("n must be between 0 and 20");
    }
    long result = 1;
    for (int i = 2; i <= n; i++) {
      result *= i;
    }
    return result;
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    System.out.println(n + "! = " + {{name}}(n));
  }
}
