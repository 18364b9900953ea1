package dev.meshserverless.model.descriptor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML file read with Jackson's streaming parser into maps, lists and scalars that remember where each key
 * and value was written, so that every problem can name its file, line and column.
 */
final class YamlTree {
  /**
   * Only {@code true}/{@code false} are booleans (YAML 1.2: {@code yes}, {@code on}... stay strings, so a boolean
   * key says "write true or false" instead of silently accepting them), and an empty value is null.
   */
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .build();

  private YamlTree() {}

  /** A map, a list or a scalar, with the place it starts. */
  sealed interface Node permits MapNode, ListNode, ScalarNode {
    Source source();

    /** "a map", "the number 2.10"...: how a type error names what was found. */
    String describe();
  }

  /** One key of a map, with where the key was written. */
  record Entry(String key, Source keySource, Node value) {}

  /** A YAML map; its entries keep the order written. */
  record MapNode(Source source, Map<String, Entry> entries) implements Node {
    MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    static MapNode empty(Source source) {
      return new MapNode(source, Map.of());
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** A YAML sequence. */
  record ListNode(Source source, List<Node> items) implements Node {
    ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A YAML scalar as the parser typed it: {@code type} is VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT,
   * VALUE_TRUE, VALUE_FALSE or VALUE_NULL, and VALUE_EMBEDDED_OBJECT for an alias (text {@code *name}), which we do
   * not resolve, or for {@code !!binary} data. {@code number} is the value of an int, null otherwise.
   */
  record ScalarNode(Source source, JsonToken type, String text, Number number) implements Node {
    boolean isString() {
      return type == JsonToken.VALUE_STRING;
    }

    boolean isNumber() {
      return type == JsonToken.VALUE_NUMBER_INT || type == JsonToken.VALUE_NUMBER_FLOAT;
    }

    boolean isBoolean() {
      return type == JsonToken.VALUE_TRUE || type == JsonToken.VALUE_FALSE;
    }

    @Override
    public String describe() {
      return switch (type) {
        case VALUE_STRING -> "the string '" + text + "'";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text;
        case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
        case VALUE_NULL -> "an empty value";
        default -> text.startsWith("*")
            ? "the alias " + text + " (YAML aliases are not supported: write the value out)"
            : "binary data (a !!binary value)";
      };
    }
  }

  /** A key written twice in one map of a document, at {@code path} from the document's root. */
  record DuplicateKey(String path, Entry first, Entry second) {}

  /** One document of a file: its root node and the keys it repeats. */
  record Document(Node root, List<DuplicateKey> duplicateKeys) {}

  /**
   * What a file holds: the documents read completely, and the syntax or encoding problem that stopped the
   * reading (null when the whole file was read).
   */
  record ParsedFile(List<Document> documents, Problem failure) {}

  /**
   * Reads every document of one file. An empty file, or an empty document (such as a trailing {@code ---}), holds
   * no document.
   *
   * @param file the file's path relative to the descriptor directory, for {@link Source}s
   */
  static ParsedFile parse(String file, byte[] bytes) {
    Problem notUtf8 = notUtf8(file, bytes);
    if (notUtf8 != null) {
      return new ParsedFile(List.of(), notUtf8);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark is not content
    }
    Problem unprintable = unprintable(file, text);
    if (unprintable != null) {
      return new ParsedFile(List.of(), unprintable);
    }
    List<Document> documents = new ArrayList<>();
    JsonParser parser = null;
    try (JsonParser created = YAML.createParser(text)) {
      parser = created;
      while (parser.nextToken() != null) {
        List<DuplicateKey> duplicates = new ArrayList<>();
        Node root = read(parser, file, "", duplicates);
        if (!(root instanceof ScalarNode scalar && scalar.type() == JsonToken.VALUE_NULL)) {
          documents.add(new Document(root, duplicates));
        }
      }
      return new ParsedFile(documents, null);
    } catch (JsonProcessingException e) {
      return new ParsedFile(documents, syntaxError(file, e, parser == null ? null : parser.currentLocation()));
    } catch (IOException e) {
      // Reading a String cannot fail for I/O reasons; anything else is a parse failure all the same.
      return new ParsedFile(documents, new Problem(file, 0, 0, "cannot parse the YAML: " + e.getMessage()));
    }
  }

  private static Node read(JsonParser parser, String file, String path, List<DuplicateKey> duplicates)
      throws IOException {
    Source source = source(file, parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        Source keySource = source(file, parser.currentTokenLocation());
        parser.nextToken();
        String keyPath = path.isEmpty() ? key : path + "." + key;
        Entry entry = new Entry(key, keySource, read(parser, file, keyPath, duplicates));
        Entry first = entries.putIfAbsent(key, entry);
        if (first != null) {
          duplicates.add(new DuplicateKey(keyPath, first, entry));
        }
      }
      return new MapNode(source, entries);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser, file, path + "[" + items.size() + "]", duplicates));
      }
      return new ListNode(source, items);
    }
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      return new ScalarNode(source, JsonToken.VALUE_EMBEDDED_OBJECT, "*" + parser.getText(), null);
    }
    Number number = token == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue() : null;
    String text = token == JsonToken.VALUE_EMBEDDED_OBJECT ? "!!binary" : parser.getText();
    return new ScalarNode(source, token, text, number);
  }

  private static Source source(String file, JsonLocation location) {
    return new Source(file, location.getLineNr(), location.getColumnNr());
  }

  /**
   * The parser's own words and place, without the snippet and stack trace; {@code current} is where the parser was,
   * for errors that carry no place of their own (such as a too deep nesting).
   */
  private static Problem syntaxError(String file, JsonProcessingException e, JsonLocation current) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      String problem = marked.getProblem() == null ? "" : marked.getProblem();
      String context = marked.getContext() != null && marked.getContextMark() != null
          ? " (" + marked.getContext() + " at line " + (marked.getContextMark().getLine() + 1)
              + ", column " + (marked.getContextMark().getColumn() + 1) + ")"
          : "";
      return new Problem(file, marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1,
          teach(problem, context));
    }
    String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    JsonLocation location = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : current;
    return location == null || location.getLineNr() <= 0
        ? new Problem(file, 0, 0, teach(problem, ""))
        : new Problem(file, location.getLineNr(), location.getColumnNr(), teach(problem, ""));
  }

  /** The parser's {@code problem} (and where its context started) in words that say what to do. */
  private static String teach(String problem, String context) {
    if (problem.contains("\\t(TAB)")) {
      return "YAML syntax error: a tab character; YAML indents with spaces only, so replace the tab with spaces";
    }
    if (problem.contains("exceeds the limit")) {
      return "the file is too large: " + problem + " A descriptor file stays far below that (a tenant takes a few"
          + " hundred characters); split the documents into several files, or remove what is not a descriptor";
    }
    if (problem.contains("nesting depth")) {
      return "YAML syntax error: the lists and maps are nested too deeply ("
          + problem.replaceAll(", from `[^`]*`", "") + "); a descriptor needs a few levels: look for unbalanced"
          + " [ or { brackets";
    }
    if (problem.startsWith("Expected a field name")) {
      return "YAML syntax error: a map key must be a plain value, not a list or a map";
    }
    String message = "YAML syntax error: " + problem + context;
    return problem.contains("<block")
        ? message + "; check the indentation: the keys of one map start in the same column"
        : message;
  }

  /**
   * Null when {@code text} holds only characters YAML allows (tab, line ends and printable Unicode); otherwise where
   * the first other one is: the parser itself only says "special characters are not allowed", at no useful place.
   */
  private static Problem unprintable(String file, String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean printable = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E || c == 0x85
          || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF || c >= 0x10000 && c <= 0x10FFFF;
      if (!printable) {
        return new Problem(file, line, column, String.format(Locale.ROOT, "the file holds the control character"
            + " U+%04X, which YAML does not allow; remove it (an editor may show it as a blank or a box)", c));
      }
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i += Character.charCount(c);
    }
    return null;
  }

  /** Null when {@code bytes} are UTF-8; otherwise where the first bad byte is. */
  private static Problem notUtf8(String file, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    if (!decoder.decode(in, out, true).isError()) {
      return null;
    }
    int offset = in.position();
    String before = out.flip().toString();
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    int column = before.length() - before.lastIndexOf('\n');
    return new Problem(file, line, column, String.format(Locale.ROOT,
        "the file is not UTF-8: byte 0x%02X (offset %d) is not valid UTF-8; save the file with UTF-8 encoding",
        bytes[offset] & 0xFF, offset));
  }

  /**
   * {@code override} deep-merged onto {@code base}: maps merge key by key, anything else in {@code override}
   * replaces what {@code base} has, and an empty (null) value removes the key, so its default applies again.
   * Nodes are shared, not copied, so that a problem can still tell which document a node came from.
   */
  static MapNode merge(MapNode base, MapNode override) {
    Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
    for (Entry entry : override.entries().values()) {
      Entry current = merged.get(entry.key());
      if (entry.value() instanceof ScalarNode scalar && scalar.type() == JsonToken.VALUE_NULL) {
        merged.remove(entry.key());
      } else if (current != null && current.value() instanceof MapNode baseMap
          && entry.value() instanceof MapNode overrideMap) {
        merged.put(entry.key(), new Entry(entry.key(), current.keySource(), merge(baseMap, overrideMap)));
      } else {
        merged.put(entry.key(), entry);
      }
    }
    return new MapNode(base.source(), merged);
  }

  /** Every node of the tree under {@code root}, by identity. */
  static Set<Node> nodesOf(Node root) {
    Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    addNodes(root, nodes);
    return nodes;
  }

  private static void addNodes(Node node, Set<Node> nodes) {
    nodes.add(node);
    if (node instanceof MapNode map) {
      map.entries().values().forEach(entry -> addNodes(entry.value(), nodes));
    } else if (node instanceof ListNode list) {
      list.items().forEach(item -> addNodes(item, nodes));
    }
  }
}
