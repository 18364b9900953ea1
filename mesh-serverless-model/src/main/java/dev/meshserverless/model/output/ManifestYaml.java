package dev.meshserverless.model.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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
    try {
      String text = YAML.writeValueAsString(value);
      return (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
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
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");
    private static final Set<String> YAML11_WORDS =
        Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf");

    @Override
    public boolean needToQuoteName(String name) {
      return needsQuotes(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return needsQuotes(value);
    }

    private static boolean needsQuotes(String text) {
      return !PLAIN.matcher(text).matches() || YAML11_WORDS.contains(text.toLowerCase(Locale.ROOT));
    }
  }
}
