package dev.meshserverless.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What users see of the plugin: prefix, goals, phases, thread safety and documented parameters. */
class PluginDescriptorTest {
  private static Document plugin;
  private static final XPath XPATH = XPathFactory.newInstance().newXPath();

  @BeforeAll
  static void readPluginXml() throws Exception {
    plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
  }

  private static String xpath(String expression) throws Exception {
    return XPATH.evaluate(expression, plugin);
  }

  @Test
  void goalPrefixIsMeshServerless() throws Exception {
    assertThat(xpath("/plugin/goalPrefix")).isEqualTo("mesh-serverless");
  }

  @Test
  void generateRunsInGenerateResourcesAndIsThreadSafe() throws Exception {
    assertThat(xpath("/plugin/mojos/mojo[goal='generate']/phase")).isEqualTo("generate-resources");
    assertThat(xpath("/plugin/mojos/mojo[goal='generate']/threadSafe")).isEqualTo("true");
  }

  @Test
  void validateRunsInValidateAndIsThreadSafe() throws Exception {
    assertThat(xpath("/plugin/mojos/mojo[goal='validate']/phase")).isEqualTo("validate");
    assertThat(xpath("/plugin/mojos/mojo[goal='validate']/threadSafe")).isEqualTo("true");
  }

  @Test
  void everyParameterHasAPropertyADefaultAndADescription() throws Exception {
    for (String goal : new String[] {"generate", "validate"}) {
      for (String name : new String[] {"descriptorDirectory", "outputDirectory", "skip", "allowMeshMove"}) {
        String mojo = "/plugin/mojos/mojo[goal='" + goal + "']";
        assertThat(xpath(mojo + "/parameters/parameter[name='" + name + "']/description")).as(goal + " " + name)
            .isNotBlank();
        assertThat(xpath(mojo + "/configuration/" + name)).as(goal + " " + name)
            .startsWith("${mesh-serverless." + name + "}");
      }
    }
  }

  @Test
  void allowMeshMoveIsOffByDefault() throws Exception {
    for (String goal : new String[] {"generate", "validate"}) {
      assertThat(xpath("/plugin/mojos/mojo[goal='" + goal + "']/configuration/allowMeshMove/@default-value"))
          .as(goal).isEqualTo("false");
    }
  }

  @Test
  void forceIsAGenerateParameterOffByDefaultAndStampsStayOutOfTheTree() throws Exception {
    String generate = "/plugin/mojos/mojo[goal='generate']";
    assertThat(xpath(generate + "/configuration/force")).isEqualTo("${mesh-serverless.force}");
    assertThat(xpath(generate + "/configuration/force/@default-value")).isEqualTo("false");
    assertThat(xpath(generate + "/parameters/parameter[name='force']/description")).contains("stamp");
    assertThat(xpath(generate + "/configuration/stampDirectory/@default-value"))
        .isEqualTo("${project.build.directory}/mesh-serverless");
    assertThat(xpath(generate + "/parameters/parameter[name='stampDirectory']/editable")).isEqualTo("false");
    assertThat(xpath("/plugin/mojos/mojo[goal='validate']/parameters/parameter[name='force']/name")).isEmpty();
  }

  @Test
  void helpGoalExists() throws Exception {
    assertThat(xpath("/plugin/mojos/mojo[goal='help']/goal")).isEqualTo("help");
  }
}
