package dev.meshserverless.model.resources.authz;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies in the generic Map form, from our objects or from reference YAML in {@code ../shared}. */
public final class Policies {
  private Policies() {}

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** Our objects as Jackson would write them, in the form a YAML reader gives. */
  public static List<Map<String, Object>> toMaps(List<GenericKubernetesResource> resources) {
    ObjectMapper json = new ObjectMapper();
    return resources.stream().map(r -> json.convertValue(r, MAP)).toList();
  }

  /** Every non-empty document of a multi-document YAML file (Helm prints empty ones between separators). */
  public static List<Map<String, Object>> readYaml(Path file) {
    YAMLMapper yaml = new YAMLMapper();
    List<Map<String, Object>> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        JsonNode document = it.nextValue();
        if (document != null && document.isObject() && !document.isEmpty()) {
          documents.add(yaml.convertValue(document, MAP));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return documents;
  }

  /**
   * The project's {@code ../shared} folder: system property {@code meshserverless.shared} (set by surefire), else
   * {@code ../../shared} from the module directory.
   */
  public static Optional<Path> sharedDirectory() {
    String property = System.getProperty("meshserverless.shared");
    return Optional.ofNullable(property).map(Path::of).filter(Files::isDirectory)
        .or(() -> Optional.of(Path.of("../../shared")).filter(Files::isDirectory))
        .map(Path::normalize);
  }

  /** The reference folder in {@code ../shared}; skips the calling test, and says so in the log, when it is absent. */
  public static Path requireReference() {
    Optional<Path> shared = sharedDirectory();
    if (shared.isEmpty()) {
      System.out.println("../shared not present: skipping chart golden tests");
    }
    assumeTrue(shared.isPresent(), "../shared not present: skipping chart golden tests");
    return shared.get().resolve("validation/reference");
  }
}
