package kit.validators;

import java.util.Date;

/** The two JSON values the report needs, strings and dates, without a JSON library on the classpath. */
final class Json {
  private Json() {
  }

  static String str(String value) {
    if (value == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }

  static String date(Date value) {
    return value == null ? "null" : str(value.toInstant().toString());
  }
}
