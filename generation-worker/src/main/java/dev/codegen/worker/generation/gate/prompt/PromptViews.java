package dev.codegen.worker.generation.gate.prompt;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalised views of a prompt that the rules and the classifier read, so that an attack hidden
 * by spelling survives as plain words:
 *
 * <ul>
 *   <li>{@code original}: the text as sent (the only view whose offsets are the prompt's own);
 *   <li>{@code clean}: Unicode NFKC, zero-width and bidi controls removed, Latin diacritics
 *       stripped, lower case; other scripts stay readable for the non-English rules;
 *   <li>{@code ascii}: {@code clean} with homoglyphs and confusables folded to ASCII, leetspeak
 *       folded inside words, and split words joined ({@code i g n o r e}, {@code ig-nore});
 *   <li>{@code decoded}: base64, hex, binary and Morse runs decoded, and the whole text read
 *       reversed, in pig latin or shifted back (ROT13 and other Caesar shifts) when that reads
 *       clearly more like English than the text does; each decoded run goes through {@code ascii}.
 * </ul>
 *
 * Everything here is linear in the text and never throws on odd input.
 */
public final class PromptViews {

  /** One view of the prompt. */
  public record View(String name, String text) {}

  private static final int MAX_DECODED_RUNS = 16;

  private static final Pattern INVISIBLE =
      Pattern.compile(
          "[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180E"
              + "\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0]"
              + "|[\\x{E0000}-\\x{E007F}]");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
  private static final Pattern HEX =
      Pattern.compile("(?:0x)?[0-9A-Fa-f]{2}(?:(?:[\\s:,]|\\\\x|0x)*[0-9A-Fa-f]{2}){7,}");
  private static final Pattern BINARY = Pattern.compile("[01]{8}(?:[\\s,]*[01]{8}){3,}");
  private static final Pattern MORSE =
      Pattern.compile("[.\\-·•–—_]{1,7}(?:[ /|]+[.\\-·•–—_]{1,7}){5,}");
  private static final Pattern SINGLE_LETTERS =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])\\p{L}(?:[\\s.\\-_*|+/]{1,3}\\p{L}(?![\\p{L}\\p{N}])){2,}");
  private static final Pattern INNER_SEPARATOR = Pattern.compile("(?<=\\p{L})[-*·•](?=\\p{L})");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");
  private static final Set<String> STOPWORDS =
      Set.of(
          "the", "and", "is", "to", "of", "you", "a", "in", "what", "it", "your", "that", "for",
          "me", "are", "this", "with", "all", "tell", "give", "i", "be", "not", "do", "on", "how",
          "where", "does", "who", "was", "can", "my", "his", "her", "their", "from", "at", "have",
          "has", "an", "user", "please", "say", "said", "some", "most", "take", "live");
  private static final Map<Character, Character> CONFUSABLES = confusables();

  private PromptViews() {}

  /** Every view of {@code text}, the original first; decoded views follow when there are any. */
  public static List<View> of(String text) {
    List<View> views = new ArrayList<>();
    views.add(new View("original", text));
    String clean = clean(text);
    views.add(new View("clean", clean));
    String ascii = ascii(clean);
    views.add(new View("ascii", ascii));
    for (String decoded : decoded(text, ascii)) {
      views.add(new View("decoded", ascii(clean(decoded))));
    }
    return views;
  }

  /** NFKC, invisible controls removed, Latin diacritics stripped, lower case. */
  public static String clean(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    nfkc = INVISIBLE.matcher(nfkc).replaceAll("");
    String nfd = Normalizer.normalize(nfkc, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(nfd.length());
    char base = ' ';
    for (int i = 0; i < nfd.length(); i++) {
      char c = nfd.charAt(i);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK && (base < 0x250 || base >= 0x370 && base < 0x400)) {
        continue; // a diacritic on a Latin or Greek letter
      }
      if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK) {
        base = c;
      }
      out.append(c);
    }
    return Normalizer.normalize(out, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** {@code clean} text with confusables, leetspeak and split words folded to ASCII words. */
  public static String ascii(String clean) {
    StringBuilder folded = new StringBuilder(clean.length());
    for (String token : SPACES.split(clean, -1)) {
      if (!folded.isEmpty()) {
        folded.append(' ');
      }
      folded.append(foldToken(token));
    }
    String joined = joinSingleLetters(folded.toString().replace('_', ' '));
    return INNER_SEPARATOR.matcher(joined).replaceAll("");
  }

  private static String foldToken(String token) {
    boolean latin = false;
    boolean allConfusable = true;
    boolean letter = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c >= 'a' && c <= 'z') {
        latin = true;
        letter = true;
      } else if (Character.isLetter(c)) {
        letter = true;
        if (!CONFUSABLES.containsKey(c)) {
          allConfusable = false;
        }
      }
    }
    if (!letter) {
      return token;
    }
    boolean fold = latin || allConfusable;
    StringBuilder out = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      Character mapped = fold ? CONFUSABLES.get(c) : null;
      if (mapped != null) {
        out.append(mapped.charValue());
      } else if (fold && isLeet(token, i)) {
        out.append(leet(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A digit or symbol inside a word ("p@ssw0rd"), or a digit at its edge ("1gnore", "th3"). */
  private static boolean isLeet(String token, int i) {
    char c = token.charAt(i);
    if (leet(c) == c) {
      return false;
    }
    boolean before = i > 0 && Character.isLetterOrDigit(token.charAt(i - 1));
    boolean after = i < token.length() - 1 && Character.isLetterOrDigit(token.charAt(i + 1));
    if (before && after) {
      return true;
    }
    return Character.isDigit(c)
        && (before && Character.isLetter(token.charAt(i - 1))
            || after && Character.isLetter(token.charAt(i + 1)));
  }

  private static char leet(char c) {
    return switch (c) {
      case '0' -> 'o';
      case '1', '!', '|' -> 'i';
      case '3' -> 'e';
      case '4', '@' -> 'a';
      case '5', '$' -> 's';
      case '7', '+' -> 't';
      case '8' -> 'b';
      case '9' -> 'g';
      default -> c;
    };
  }

  private static String joinSingleLetters(String text) {
    Matcher matcher = SINGLE_LETTERS.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    do {
      out.append(text, last, matcher.start());
      String run = matcher.group();
      for (int i = 0; i < run.length(); i++) {
        if (Character.isLetter(run.charAt(i))) {
          out.append(run.charAt(i));
        }
      }
      last = matcher.end();
    } while (matcher.find());
    return out.append(text, last, text.length()).toString();
  }

  /** The decoded runs and re-read forms of the text, at most {@value #MAX_DECODED_RUNS}. */
  static List<String> decoded(String text, String ascii) {
    List<String> out = new ArrayList<>();
    Matcher base64 = BASE64.matcher(text);
    while (base64.find() && out.size() < MAX_DECODED_RUNS) {
      String run = base64.group();
      if (run.chars().anyMatch(Character::isDigit) || run.endsWith("=") || hasMixedCase(run)) {
        addIfText(out, base64(run));
      }
    }
    Matcher hex = HEX.matcher(text);
    while (hex.find() && out.size() < MAX_DECODED_RUNS) {
      String digits = hex.group().replaceAll("0x|\\\\x|[\\s:,]", "");
      if (digits.length() % 2 == 0) {
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        addIfText(out, new String(bytes, StandardCharsets.UTF_8));
      }
    }
    Matcher binary = BINARY.matcher(text);
    while (binary.find() && out.size() < MAX_DECODED_RUNS) {
      String bits = binary.group().replaceAll("[\\s,]", "");
      StringBuilder decoded = new StringBuilder();
      for (int i = 0; i + 8 <= bits.length(); i += 8) {
        decoded.append((char) Integer.parseInt(bits.substring(i, i + 8), 2));
      }
      addIfText(out, decoded.toString());
    }
    Matcher morse = MORSE.matcher(text);
    while (morse.find() && out.size() < MAX_DECODED_RUNS) {
      addIfText(out, morse(morse.group()));
    }
    String tags = tagText(text);
    if (!tags.isEmpty()) {
      out.add(tags);
    }
    if (out.size() < MAX_DECODED_RUNS) {
      String reread = reread(ascii);
      if (reread != null) {
        out.add(reread);
      }
    }
    return out;
  }

  /** The ASCII that Unicode tag characters (U+E0020..E007E, invisible) spell out. */
  private static String tagText(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp >= 0xE0020 && cp <= 0xE007E) {
        out.append((char) (cp - 0xE0000));
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static boolean hasMixedCase(String run) {
    return run.chars().anyMatch(Character::isUpperCase)
        && run.chars().anyMatch(Character::isLowerCase);
  }

  private static String base64(String run) {
    String padded = run.replace('-', '+').replace('_', '/').replace("=", "");
    if (padded.length() % 4 == 1) {
      padded = padded.substring(0, padded.length() - 1);
    }
    try {
      return new String(Base64.getDecoder().decode(pad(padded)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String pad(String s) {
    return s + "=".repeat((4 - s.length() % 4) % 4);
  }

  private static void addIfText(List<String> out, String decoded) {
    if (decoded.length() < 4) {
      return;
    }
    int printable = 0;
    int letters = 0;
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c >= 0x20 && c != 0xFFFD && c != 0x7F || c == '\n' || c == '\t' || c == '\r') {
        printable++;
      }
      if (Character.isLetter(c)) {
        letters++;
      }
    }
    if (printable >= 0.9 * decoded.length() && letters >= 0.5 * decoded.length()) {
      out.add(decoded);
    }
  }

  private static String morse(String run) {
    StringBuilder out = new StringBuilder();
    for (String word : run.trim().split("\\s*[/|]\\s*|\\s{2,}")) {
      for (String letter : word.trim().split("\\s+")) {
        String normal = letter.replaceAll("[·•]", ".").replaceAll("[–—_]", "-");
        String decoded = MORSE_TABLE.get(normal);
        if (decoded != null) {
          out.append(decoded);
        }
      }
      out.append(' ');
    }
    return out.toString().trim();
  }

  /**
   * The text reversed, in pig latin undone, or shifted back by the Caesar shift that reads most
   * like English, when that form has clearly more common English words than the text itself.
   */
  private static String reread(String ascii) {
    if (ascii.length() < 12) {
      return null;
    }
    int base = stopwords(ascii);
    String best = null;
    int bestScore = base;
    for (int shift = 1; shift < 26; shift++) {
      String shifted = caesar(ascii, shift);
      int score = stopwords(shifted);
      if (score > bestScore) {
        bestScore = score;
        best = shifted;
      }
    }
    String reversed = new StringBuilder(ascii).reverse().toString();
    int score = stopwords(reversed);
    if (score > bestScore) {
      bestScore = score;
      best = reversed;
    }
    String pig = pigLatin(ascii);
    if (pig != null) {
      score = stopwords(pig);
      if (score > bestScore) {
        bestScore = score;
        best = pig;
      }
    }
    return bestScore >= 2 && bestScore >= 2 * base + 2 ? best : null;
  }

  private static int stopwords(String text) {
    int count = 0;
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean letter = i < text.length() && text.charAt(i) >= 'a' && text.charAt(i) <= 'z';
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        if (i - start <= 5 && STOPWORDS.contains(text.substring(start, i))) {
          count++;
        }
        start = -1;
      }
    }
    return count;
  }

  private static String caesar(String text, int shift) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'a' && c <= 'z') {
        chars[i] = (char) ('a' + (c - 'a' + shift) % 26);
      }
    }
    return new String(chars);
  }

  private static String pigLatin(String ascii) {
    String[] words = ascii.split(" ");
    int pig = 0;
    for (String word : words) {
      if (word.replaceAll("[^a-z]", "").endsWith("ay")) {
        pig++;
      }
    }
    if (pig < 3 || pig < 0.6 * words.length) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String raw : words) {
      String word = raw.replaceAll("[^a-z]", "");
      String tail = raw.substring(raw.replaceAll("[^a-z]+$", "").length());
      if (word.endsWith("way") || word.endsWith("yay")) {
        word = word.substring(0, word.length() - 3);
      } else if (word.endsWith("ay") && word.length() > 2) {
        word = word.substring(0, word.length() - 2);
        int split = word.length();
        while (split > 0 && "aeiouy".indexOf(word.charAt(split - 1)) < 0) {
          split--;
        }
        word = word.substring(split) + word.substring(0, split);
      }
      out.append(word).append(tail).append(' ');
    }
    return out.toString().trim();
  }

  private static final Map<String, String> MORSE_TABLE = morseTable();

  private static Map<String, String> morseTable() {
    String[] codes = {
      ".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..", "--",
      "-.", "---", ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--..",
      "-----", ".----", "..---", "...--", "....-", ".....", "-....", "--...", "---..", "----.",
      "..--..", ".-.-.-", "--..--"
    };
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789?.,";
    Map<String, String> table = new HashMap<>();
    for (int i = 0; i < codes.length; i++) {
      table.put(codes[i], String.valueOf(letters.charAt(i)));
    }
    return Map.copyOf(table);
  }

  private static Map<Character, Character> confusables() {
    Map<Character, Character> map = new HashMap<>();
    // Cyrillic, Greek, Armenian, Latin-extended and IPA letters that look like ASCII ones.
    String from =
        "аеорсухіјѕԁһԛԝвкмнтьӏєԑгпɑɡɩɪʟɴʀʏοαιρνκτυχεηβωγδμзэ" + "ӧӓёїɛɵθѵѡԍօսհոյᴀᴄᴅᴇᴊᴋᴍᴏᴘᴛᴜᴠᴡᴢ";
    String to =
        "aeopcyxijsdhqwbkmhtbleernagiilnryoaipvktuxenbwyduze" + "oaeieoovwgouhnjacdejkmoptuvwz";
    for (int i = 0; i < Math.min(from.length(), to.length()); i++) {
      map.put(from.charAt(i), to.charAt(i));
    }
    return Map.copyOf(map);
  }
}
