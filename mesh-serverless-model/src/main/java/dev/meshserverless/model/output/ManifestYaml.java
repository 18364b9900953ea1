package dev.meshserverless.model.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Arrays;
import java.util.List;

/**
 * The one YAML writer of the project: map keys sorted, no document marker, no line folding, and quotes
 * on every scalar that YAML 1.1 (what kubectl and Argo CD read) could take for something other than a
 * string.
 */
public final class ManifestYaml {
  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER) // one document per file
          .disable(YAMLGenerator.Feature.SPLIT_LINES) // never fold long values
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES) // readable: name: knative-serving
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .stringQuotingChecker(new QuoteUnlessPlainWord())
          .build())
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS) // determinism by construction
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private ManifestYaml() {}

  /** {@code value} as UTF-8 YAML ending with exactly one newline. */
  public static byte[] write(Object value) {
    byte[] fast = BlockYaml.write(YAML.valueToTree(value));
    return fast != null ? fast : writeWithSnakeYaml(value);
  }

  /** What {@link #write} writes, always through SnakeYAML's general emitter; {@link BlockYaml} must match it. */
  static byte[] writeWithSnakeYaml(Object value) {
    try {
      byte[] bytes = YAML.writeValueAsBytes(value);
      if (bytes.length > 0 && bytes[bytes.length - 1] == '\n') {
        return bytes;
      }
      byte[] terminated = Arrays.copyOf(bytes, bytes.length + 1);
      terminated[bytes.length] = '\n';
      return terminated;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
    }
  }

  /**
   * Leaves a scalar plain only when it is a word YAML 1.1 reads back as the same string:
   * {@code "8080"}, {@code yes}, {@code 0o17}, {@code 1:20}, {@code 2024-01-01} and {@code .inf} are quoted.
   */
  static final class QuoteUnlessPlainWord extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;
    /** The plain words YAML 1.1 reads as booleans, null or numbers, matched ignoring case; none longer than 5. */
    private static final List<String> YAML11_WORDS =
        List.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf");
    private static final int LONGEST_WORD = 5;

    @Override
    public boolean needToQuoteName(String name) {
      return needsQuotes(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return needsQuotes(value);
    }

    /** Plain is {@code [A-Za-z][A-Za-z0-9._/-]*} and not one of {@link #YAML11_WORDS}; a loop, as it runs per scalar. */
    static boolean needsQuotes(String text) {
      if (text.isEmpty() || !isLetter(text.charAt(0))) {
        return true;
      }
      for (int i = 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '/' && c != '-') {
          return true;
        }
      }
      if (text.length() <= LONGEST_WORD) {
        for (String word : YAML11_WORDS) {
          if (word.equalsIgnoreCase(text)) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean isLetter(char c) {
      return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
  }
}
