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
   * VALUE_TRUE, VALUE_FALSE or VALUE_NULL, and VALUE_EMBEDDED_OBJECT for an alias ({@code *name}), which we do not
   * resolve. {@code number} is the value of an int, null otherwise.
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
        default -> "the alias *" + text + " (YAML aliases are not supported: write the value out)";
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
    List<Document> documents = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text)) {
      while (parser.nextToken() != null) {
        List<DuplicateKey> duplicates = new ArrayList<>();
        Node root = read(parser, file, "", duplicates);
        if (!(root instanceof ScalarNode scalar && scalar.type() == JsonToken.VALUE_NULL)) {
          documents.add(new Document(root, duplicates));
        }
      }
      return new ParsedFile(documents, null);
    } catch (JsonProcessingException e) {
      return new ParsedFile(documents, syntaxError(file, e));
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
      return new ScalarNode(source, JsonToken.VALUE_EMBEDDED_OBJECT, parser.getText(), null);
    }
    Number number = token == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue() : null;
    return new ScalarNode(source, token, parser.getText(), number);
  }

  private static Source source(String file, JsonLocation location) {
    return new Source(file, location.getLineNr(), location.getColumnNr());
  }

  /** The parser's own words and place, without the snippet and stack trace. */
  private static Problem syntaxError(String file, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      String message = "YAML syntax error: " + marked.getProblem();
      if (marked.getContext() != null && marked.getContextMark() != null) {
        message += " (" + marked.getContext() + " at line " + (marked.getContextMark().getLine() + 1)
            + ", column " + (marked.getContextMark().getColumn() + 1) + ")";
      }
      return new Problem(
          file, marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1, message);
    }
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Expected a field name")) {
      message = "a map key must be a plain value, not a list or a map";
    }
    JsonLocation location = e.getLocation();
    return location == null
        ? new Problem(file, 0, 0, "YAML syntax error: " + message)
        : new Problem(file, location.getLineNr(), location.getColumnNr(), "YAML syntax error: " + message);
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
    return new Problem(file, line, column, String.format(
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
