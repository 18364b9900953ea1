package dev.meshserverless.model.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the block YAML {@link ManifestYaml} writes, for the trees every generated object is, several times faster
 * than going through SnakeYAML's general emitter: block mappings and sequences indented by 2 with the sequence
 * indicator indented, plain words, double-quoted printable ASCII, literal blocks for multi-line text, {@code {}} and
 * {@code []} for empty collections.
 *
 * <p>It writes only what it is sure to write byte for byte as the general emitter does, and returns null for anything
 * else (other characters or number types, nested sequences, text SnakeYAML would not put in a literal block...), so
 * that the caller falls back to the general emitter. QuotingPropertiesTest compares both on random trees.
 */
final class BlockYaml {
  private static final int INDENT = 2;
  /** SnakeYAML writes longer keys, and the empty one, in the explicit {@code ? key} form. */
  private static final int LONGEST_SIMPLE_KEY = 100;

  private BlockYaml() {}

  /** The document for {@code root}, or null when it is not in the subset this writer is sure of. */
  static byte[] write(JsonNode root) {
    if (!root.isObject() || root.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder(1024);
    if (!mapping(root, 0, false, out)) {
      return null;
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The entries of {@code map}, keys at column {@code indent}; the first one on the current line if {@code inline}. */
  private static boolean mapping(JsonNode map, int indent, boolean inline, StringBuilder out) {
    boolean first = true;
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      if (!(first && inline)) {
        spaces(indent, out);
      }
      first = false;
      String key = entry.getKey();
      if (key.isEmpty() || key.length() > LONGEST_SIMPLE_KEY || !scalarText(key, out)) {
        return false;
      }
      out.append(':');
      if (!value(entry.getValue(), indent, out)) {
        return false;
      }
    }
    return true;
  }

  /** A mapping's value, after {@code key:}; the key is at column {@code indent}. */
  private static boolean value(JsonNode value, int indent, StringBuilder out) {
    if (value.isObject()) {
      if (value.isEmpty()) {
        out.append(" {}\n");
        return true;
      }
      out.append('\n');
      return mapping(value, indent + INDENT, false, out);
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        out.append(" []\n");
        return true;
      }
      out.append('\n');
      return sequence(value, indent + INDENT, out);
    }
    if (value.isTextual() && value.textValue().indexOf('\n') >= 0) {
      return literal(value.textValue(), indent + INDENT, out);
    }
    out.append(' ');
    if (!scalar(value, out)) {
      return false;
    }
    out.append('\n');
    return true;
  }

  /** A sequence's items, their {@code -} at column {@code indent}. */
  private static boolean sequence(JsonNode items, int indent, StringBuilder out) {
    for (JsonNode item : items) {
      spaces(indent, out);
      out.append("- ");
      if (item.isObject()) {
        if (item.isEmpty()) {
          out.append("{}\n");
        } else if (!mapping(item, indent + INDENT, true, out)) {
          return false;
        }
      } else if (item.isArray() || item.isTextual() && item.textValue().indexOf('\n') >= 0) {
        return false;
      } else {
        if (!scalar(item, out)) {
          return false;
        }
        out.append('\n');
      }
    }
    return true;
  }

  private static boolean scalar(JsonNode value, StringBuilder out) {
    if (value.isTextual()) {
      return scalarText(value.textValue(), out);
    }
    if (value.isInt() || value.isLong() || value.isBoolean()) {
      out.append(value.asText());
      return true;
    }
    return false;
  }

  /** A one-line string: plain when the quoting checker allows, else double-quoted; only printable ASCII. */
  private static boolean scalarText(String text, StringBuilder out) {
    if (!ManifestYaml.QuoteUnlessPlainWord.needsQuotes(text)) {
      out.append(text);
      return true;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
    return true;
  }

  /**
   * Multi-line text as a literal block ({@code |}, or {@code |-} without a final line break), its lines at column
   * {@code indent}, empty lines empty. Only printable ASCII, no space before a line break or at the end, not starting
   * with a space or a line break, at most one final line break: what SnakeYAML writes the same way without hints.
   */
  private static boolean literal(String text, int indent, StringBuilder out) {
    int length = text.length();
    char firstChar = text.charAt(0);
    if (firstChar == ' ' || firstChar == '\n' || text.charAt(length - 1) == ' '
        || length >= 2 && text.charAt(length - 1) == '\n' && text.charAt(length - 2) == '\n') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' ? i > 0 && text.charAt(i - 1) == ' ' : c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    out.append(text.charAt(length - 1) == '\n' ? " |\n" : " |-\n");
    int start = 0;
    while (start < length) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = length;
      }
      if (end > start) {
        spaces(indent, out);
        out.append(text, start, end);
      }
      out.append('\n');
      start = end + 1;
    }
    return true;
  }

  private static void spaces(int count, StringBuilder out) {
    for (int i = 0; i < count; i++) {
      out.append(' ');
    }
  }
}
