package dev.meshserverless.model.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The quoting checker's loop decides exactly what its specification, a regular expression and a word list, says; and
 * {@link BlockYaml} writes exactly what SnakeYAML writes, or leaves it to SnakeYAML.
 */
class QuotingPropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final AtomicInteger FAST = new AtomicInteger();
  private static final AtomicInteger FALLBACK = new AtomicInteger();

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");
  private static final Set<String> WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf");

  @Property(tries = 3000)
  void decidesAsTheSpecification(@ForAll("scalars") String text) {
    boolean specification = !PLAIN.matcher(text).matches() || WORDS.contains(text.toLowerCase(Locale.ROOT));
    assertThat(ManifestYaml.QuoteUnlessPlainWord.needsQuotes(text)).as("'%s'", text).isEqualTo(specification);
  }

  @Provide
  Arbitrary<String> scalars() {
    Arbitrary<String> mixed = Arbitraries.strings().withChars("aAyYnNoOfFtTrRuUeEsSlLiI09._/-: \u00e9\u0130#")
        .ofMinLength(0).ofMaxLength(7);
    Arbitrary<String> words = Arbitraries.of(WORDS).map(w -> w.toUpperCase(Locale.ROOT));
    return Arbitraries.oneOf(mixed, words, Arbitraries.of(WORDS));
  }

  @Property(tries = 3000)
  void blockYamlWritesWhatSnakeYamlWrites(@ForAll("documents") ObjectNode document) {
    byte[] fast = BlockYaml.write(document);
    if (fast == null) {
      FALLBACK.incrementAndGet();
      return;
    }
    FAST.incrementAndGet();
    assertThat(new String(fast, StandardCharsets.UTF_8))
        .isEqualTo(new String(ManifestYaml.writeWithSnakeYaml(document), StandardCharsets.UTF_8));
  }

  @AfterContainer
  static void mostDocumentsTakeTheFastPath() {
    assertThat(FAST.get()).as("documents BlockYaml wrote (%d left to SnakeYAML)", FALLBACK.get())
        .isGreaterThan(FALLBACK.get() / 2);
  }

  @Provide
  Arbitrary<ObjectNode> documents() {
    return mapping(4).filter(node -> !node.isEmpty());
  }

  private Arbitrary<ObjectNode> mapping(int depth) {
    Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("apiVersion", "kind", "metadata", "name", "spec",
        "app.kubernetes.io/name", "sidecar.istio.io/inject", "y", "on", "8080", "a b", "key:x", "k\"q"), texts(false));
    return Arbitraries.maps(keys, node(depth - 1)).ofMaxSize(4).map(entries -> {
      ObjectNode map = NODES.objectNode();
      entries.forEach(map::set);
      return map;
    });
  }

  private Arbitrary<JsonNode> node(int depth) {
    // Mostly what objects hold; now and then what only SnakeYAML writes (doubles, nulls), to see the fallback.
    Arbitrary<JsonNode> scalars = Arbitraries.frequencyOf(
        Tuple.of(40, texts(true).map(NODES::textNode)),
        Tuple.of(10, Arbitraries.integers().map(NODES::numberNode)),
        Tuple.of(3, Arbitraries.longs().map(NODES::numberNode)),
        Tuple.of(6, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(1, Arbitraries.doubles().map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.just(NODES.nullNode())));
    if (depth <= 0) {
      return scalars;
    }
    Arbitrary<JsonNode> sequences = Arbitraries.lazy(() -> node(depth - 1)).list().ofMaxSize(3).map(items -> {
      ArrayNode array = NODES.arrayNode();
      items.forEach(array::add);
      return array;
    });
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalars),
        Tuple.of(2, Arbitraries.lazy(() -> mapping(depth - 1)).map(JsonNode.class::cast)),
        Tuple.of(2, sequences));
  }

  /** Words, numbers-as-text, YAML 1.1 words, quotes, spaces, and with {@code lines} multi-line text (Lua, PEM). */
  private Arbitrary<String> texts(boolean lines) {
    Arbitrary<String> words = Arbitraries.of("knative-serving", "istio-system", "8080", "yes", "No", "true", "null",
        "~", "", " ", "a b", "-x", "x-", "*", "&a", "!t", "%p", "@a", "`b", "'s'", "\"d\"", "back\\slash", "a: b",
        "a #b", "http://x:8080/p", "0o17", "1:20", ".inf", "2024-01-01", "---", "...", "caf\u00e9", "tab\there",
        "cluster.local/ns/knative-serving/sa/controller", "SkipDryRunOnMissingResource=true", "v2.6", "Istio");
    Arbitrary<String> mixed = Arbitraries.strings().withChars("ab-./:# \"'\\{}[],&*!|>%@`?09").ofMaxLength(8);
    if (!lines) {
      return Arbitraries.oneOf(words, mixed);
    }
    Arbitrary<String> line = Arbitraries.oneOf(words, mixed, Arbitraries.of("  indented", "", "end "));
    Arbitrary<String> multiLine = line.list().ofMinSize(2).ofMaxSize(5)
        .flatMap(parts -> Arbitraries.of("", "\n", "\n\n").map(end -> String.join("\n", parts) + end));
    return Arbitraries.frequencyOf(Tuple.of(6, words), Tuple.of(3, mixed), Tuple.of(2, multiLine));
  }
}
